import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { mfaRecoveryCodes, users } from '@/db/schema';
import { decryptPii } from '@/lib/server/crypto/pii';
import { hashRecoveryCode, looksLikeRecoveryCode, verifyTotp } from '@/lib/server/crypto/totp';

export interface SecondFactorHolder {
  id: string;
  totpSecretEnc: string;
  totpLastStep: number | null;
}

/**
 * Check a TOTP code or a recovery code and use it up, atomically: the TOTP step is
 * recorded only if it is later than the last one accepted, and a recovery code is marked
 * used only if it still was unused — so the same code cannot pass twice, even in a race.
 * Returns how the user proved the factor, or null when the code does not pass.
 */
export async function consumeSecondFactor(tx: DbOrTx, user: SecondFactorHolder, code: string, at: Date): Promise<'totp' | 'recovery' | null> {
  const typed = code.trim();
  const step = await verifyTotp(decryptPii(user.totpSecretEnc), typed.replace(/\s/g, ''), at, user.totpLastStep);
  if (step != null) {
    const [row] = await tx
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, user.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
      .returning({ id: users.id });
    return row ? 'totp' : null;
  }
  if (!looksLikeRecoveryCode(typed)) return null;
  const [used] = await tx
    .update(mfaRecoveryCodes)
    .set({ usedAt: at })
    .where(and(eq(mfaRecoveryCodes.userId, user.id), eq(mfaRecoveryCodes.codeHash, hashRecoveryCode(typed)), isNull(mfaRecoveryCodes.usedAt)))
    .returning({ id: mfaRecoveryCodes.id });
  return used ? 'recovery' : null;
}

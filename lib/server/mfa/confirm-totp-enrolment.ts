import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { mfaRecoveryCodes, users } from '@/db/schema';
import { isStaffRole } from '@/lib/domain/roles';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { decryptPii } from '@/lib/server/crypto/pii';
import { hashRecoveryCode, newRecoveryCode, verifyTotp } from '@/lib/server/crypto/totp';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { ZTotpCodeSchema } from '@/lib/validation/auth';

export const RECOVERY_CODE_COUNT = 10;

/**
 * Finish enrolment: a code from the app proves it holds the pending secret, which becomes
 * the account's factor (its step is recorded, so that code cannot log in again). Ten new
 * recovery codes replace any old ones; they are returned once and stored only hashed.
 */
export async function confirmTotpEnrolment(db: Db, actor: Actor, raw: unknown): Promise<{ recoveryCodes: string[] }> {
  if (!isStaffRole(actor.role)) throw new AppError('FORBIDDEN');
  const { code } = parseOrThrow(ZTotpCodeSchema, raw);
  const [me] = await db.select({ pending: users.totpPendingEnc, enrolledAt: users.totpEnrolledAt }).from(users).where(eq(users.id, actor.userId));
  if (!me) throw new AppError('NOT_FOUND');
  if (me.enrolledAt) throw new AppError('CONFLICT', { userMessage: '您已绑定身份验证器' });
  if (!me.pending) throw new AppError('CONFLICT', { userMessage: '请刷新页面后重新扫码' });
  const t = clock();
  const step = await verifyTotp(decryptPii(me.pending), code, t, null);
  if (step == null) throw new AppError('INVALID_OTP', { fieldErrors: { code: '验证码不正确，请核对手机时间后重试' } });

  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(users)
      .set({ totpSecretEnc: me.pending, totpPendingEnc: null, totpLastStep: step, totpEnrolledAt: t })
      .where(and(eq(users.id, actor.userId), isNull(users.totpEnrolledAt)))
      .returning({ id: users.id });
    if (!row) throw new AppError('CONFLICT', { userMessage: '您已绑定身份验证器' });
    await tx.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, actor.userId));
    await tx.insert(mfaRecoveryCodes).values(recoveryCodes.map((c) => ({ userId: actor.userId, codeHash: hashRecoveryCode(c), createdAt: t })));
    await writeAuditLog(tx, { actor: auditActor(actor), event: 'mfa.enrol', objectType: 'user', objectId: actor.userId, detail: { recoveryCodes: RECOVERY_CODE_COUNT } }, t);
  });
  return { recoveryCodes };
}

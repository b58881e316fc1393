import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { sessions, users } from '@/db/schema';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { now as clock } from '@/lib/server/clock';
import { hashPassword } from '@/lib/server/crypto/password';
import { decryptPii, mobileHash } from '@/lib/server/crypto/pii';
import { assertAcceptablePassword } from '@/lib/server/passwords/check-new-password';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { badSmsCode, redeemSmsCode } from '@/lib/server/sms-codes/sms-code';
import { ZResetPasswordBySmsSchema } from '@/lib/validation/auth';

/**
 * An applicant's self-service password reset (public): the code sent to the account's mobile
 * proves the person holds it; the new password replaces the old one, every open session ends,
 * a login lock is lifted, and the change is audited. A wrong or expired code, or a mobile with
 * no active applicant account, gets the same refusal and changes nothing but the code's
 * attempt count. Staff passwords are reset only through the security administrator.
 */
export async function resetPasswordBySms(db: Db, raw: unknown, ip?: string | null): Promise<void> {
  const input = parseOrThrow(ZResetPasswordBySmsSchema, raw);
  const passwordHash = await hashPassword(input.newPassword);
  const t = clock();
  await redeemSmsCode(db, 'reset_password', input.mobile, input.code, t, async (tx) => {
    const [u] = await tx
      .select({ id: users.id, role: users.role, status: users.status, username: users.username, realName: users.realName, idNumberEnc: users.idNumberEnc })
      .from(users)
      .where(eq(users.mobileHash, mobileHash(input.mobile)))
      .for('update');
    // No code was ever delivered for such a mobile; refuse exactly as a wrong code.
    if (!u || u.role !== 'applicant' || u.status !== 'active') throw badSmsCode();
    assertAcceptablePassword(input.newPassword, 'applicant', [u.realName, input.mobile, u.idNumberEnc ? decryptPii(u.idNumberEnc) : null], 'newPassword');
    await tx.update(users).set({ passwordHash, mustChangePassword: false, passwordChangedAt: t }).where(eq(users.id, u.id));
    await tx.update(sessions).set({ revokedAt: t }).where(and(eq(sessions.userId, u.id), isNull(sessions.revokedAt)));
    // Login failures are keyed with the password's date (authenticate-user): the new password starts them afresh.
    await writeAuditLog(tx, { actor: { id: u.id, role: 'applicant' }, event: 'user.reset_password_sms', objectType: 'user', objectId: u.id, ip }, t);
  });
}

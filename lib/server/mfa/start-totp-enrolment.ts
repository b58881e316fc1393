import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { isStaffRole } from '@/lib/domain/roles';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { decryptPii, encryptPii } from '@/lib/server/crypto/pii';
import { newTotpSecret, totpUri } from '@/lib/server/crypto/totp';

/** The issuer an authenticator app shows beside the account. */
export const TOTP_ISSUER = '开州创业担保贷款';

/**
 * The secret a staff member is enrolling, created on first call and kept (encrypted)
 * until confirmed, so reloading the page shows the same QR code. Only for one's own
 * account, and only while no factor is enrolled (a reset clears it first).
 */
export async function startTotpEnrolment(db: Db, actor: Actor): Promise<{ secret: string; uri: string }> {
  if (!isStaffRole(actor.role)) throw new AppError('FORBIDDEN');
  const [me] = await db
    .select({ username: users.username, enrolledAt: users.totpEnrolledAt, pending: users.totpPendingEnc })
    .from(users)
    .where(eq(users.id, actor.userId));
  if (!me) throw new AppError('NOT_FOUND');
  if (me.enrolledAt) throw new AppError('CONFLICT', { userMessage: '您已绑定身份验证器' });
  let secret = me.pending ? decryptPii(me.pending) : null;
  if (!secret) {
    secret = newTotpSecret();
    const t = clock();
    const created = secret;
    await db.transaction(async (tx) => {
      await tx.update(users).set({ totpPendingEnc: encryptPii(created) }).where(eq(users.id, actor.userId));
      await writeAuditLog(tx, { actor: auditActor(actor), event: 'mfa.enrol_start', objectType: 'user', objectId: actor.userId }, t);
    });
  }
  return { secret, uri: totpUri(secret, me.username, TOTP_ISSUER) };
}

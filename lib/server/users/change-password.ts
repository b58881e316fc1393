import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { sessions, users } from '@/db/schema';
import { isStaffRole } from '@/lib/domain/roles';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { hashPassword, verifyPassword } from '@/lib/server/crypto/password';
import { openMobile } from '@/lib/server/crypto/pii';
import { assertAcceptablePassword } from '@/lib/server/passwords/check-new-password';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { ZChangePasswordSchema } from '@/lib/validation/users';

/** Change one's own password: the current one is required, and every other session ends (AUTH-09). */
export async function changePassword(db: Db, actor: Actor, raw: unknown): Promise<void> {
  const input = parseOrThrow(ZChangePasswordSchema, raw);
  const [me] = await db
    .select({ passwordHash: users.passwordHash, username: users.username, realName: users.realName, mobileEnc: users.mobileEnc })
    .from(users)
    .where(eq(users.id, actor.userId));
  if (!me || !(await verifyPassword(me.passwordHash, input.currentPassword))) {
    throw new AppError('INVALID_INPUT', { userMessage: '当前密码不正确', fieldErrors: { currentPassword: '当前密码不正确' } });
  }
  assertAcceptablePassword(input.newPassword, isStaffRole(actor.role) ? 'staff' : 'applicant', [me.username, me.realName, openMobile(me.mobileEnc)], 'newPassword');
  if (input.newPassword === input.currentPassword) throw new AppError('INVALID_INPUT', { userMessage: '新密码不能与当前密码相同', fieldErrors: { newPassword: '新密码不能与当前密码相同' } });
  const passwordHash = await hashPassword(input.newPassword);
  const t = clock();
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false, passwordChangedAt: t }).where(eq(users.id, actor.userId));
    await tx.update(sessions).set({ revokedAt: t }).where(and(eq(sessions.userId, actor.userId), ne(sessions.id, actor.sessionId), isNull(sessions.revokedAt)));
    await writeAuditLog(tx, { actor: auditActor(actor), event: 'user.change_password', objectType: 'user', objectId: actor.userId }, t);
  });
}

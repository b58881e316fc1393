import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { loginThrottles, sessions, users } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { hashPassword } from '@/lib/server/crypto/password';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { ZResetPasswordSchema } from '@/lib/validation/users';
import { temporaryPassword } from './temporary-password';

/**
 * 重置密码: someone who forgot their password (or is locked out) gets a one-time password from
 * the administrator, who hands it over in person or by phone after checking who they are. The old
 * password stops working, every open session ends, the lockout is lifted, and the user must
 * choose a new password before doing anything else. Never one's own account (use 修改密码).
 */
export async function resetUserPassword(db: Db, actor: Actor, raw: unknown): Promise<{ temporaryPassword: string }> {
  if (!hasPermission(actor.role, 'admin:users')) throw new AppError('FORBIDDEN');
  const { userId } = parseOrThrow(ZResetPasswordSchema, raw);
  if (userId === actor.userId) throw new AppError('FORBIDDEN', { userMessage: '不能重置自己的密码，请使用“修改密码”' });
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const t = clock();
  await db.transaction(async (tx) => {
    const [row] = await tx.update(users).set({ passwordHash, mustChangePassword: true }).where(eq(users.id, userId)).returning({ id: users.id });
    if (!row) throw new AppError('NOT_FOUND', { userMessage: '用户不存在' });
    await tx.update(sessions).set({ revokedAt: t }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
    await tx.delete(loginThrottles).where(eq(loginThrottles.key, `user:${userId}`));
    await writeAuditLog(tx, { actor: auditActor(actor), event: 'user.reset_password', objectType: 'user', objectId: userId }, t);
  });
  return { temporaryPassword: password };
}

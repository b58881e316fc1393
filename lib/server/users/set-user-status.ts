import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { sessions, users } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { ZSetUserStatusSchema } from '@/lib/validation/users';

/** Disable or re-enable an account. Disabling revokes its sessions at once (SESS-02). */
export async function setUserStatus(db: Db, actor: Actor, raw: unknown): Promise<void> {
  if (!hasPermission(actor.role, 'admin:users')) throw new AppError('FORBIDDEN');
  const parsed = ZSetUserStatusSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('INVALID_INPUT');
  const { userId, status } = parsed.data;
  if (userId === actor.userId) throw new AppError('FORBIDDEN', { userMessage: '不能停用自己的账号' });
  const t = clock();
  await db.transaction(async (tx) => {
    const [row] = await tx.update(users).set({ status }).where(eq(users.id, userId)).returning({ id: users.id });
    if (!row) throw new AppError('NOT_FOUND');
    if (status === 'disabled') {
      await tx.update(sessions).set({ revokedAt: t }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
    }
    await writeAuditLog(tx, { actor: auditActor(actor), event: `user.${status === 'disabled' ? 'disable' : 'enable'}`, objectType: 'user', objectId: userId }, t);
  });
}

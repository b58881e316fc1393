import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { sessions, users } from '@/db/schema';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { now as clock } from '@/lib/server/clock';
import { sessionDigest } from './authenticate-user';

/** Logout: revoke the session row so the token is dead even though the JWT has not expired. */
export async function endSession(db: Db, sessionId: string, ip?: string | null): Promise<void> {
  const t = clock();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(sessions)
      .set({ revokedAt: t })
      .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
      .returning({ userId: sessions.userId });
    if (!row) return;
    const [user] = await tx.select({ role: users.role }).from(users).where(eq(users.id, row.userId));
    await writeAuditLog(tx, {
      actor: { id: row.userId, role: user?.role ?? 'unknown' },
      event: 'auth.logout',
      objectType: 'user',
      objectId: row.userId,
      detail: { session: sessionDigest(sessionId) },
      ip,
    }, t);
  });
}

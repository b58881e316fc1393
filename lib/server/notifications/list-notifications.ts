import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { notifications } from '@/db/schema';
import type { Actor } from '@/lib/server/auth/actor';

/** The actor's own in-app notifications, newest first, with the unread count. */
export async function listNotifications(db: Db, actor: Actor, limit = 50) {
  const [rows, [{ unread }]] = await Promise.all([
    db
      .select({ id: notifications.id, title: notifications.title, body: notifications.body, applicationId: notifications.applicationId, createdAt: notifications.createdAt, readAt: notifications.readAt })
      .from(notifications)
      .where(eq(notifications.userId, actor.userId))
      .orderBy(desc(notifications.id))
      .limit(limit),
    db.select({ unread: count() }).from(notifications).where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt))),
  ]);
  return { rows, unread };
}

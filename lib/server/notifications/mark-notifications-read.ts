import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { notifications } from '@/db/schema';
import type { Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';

/** Mark all of the actor's own notifications read (scoped: never anyone else's). */
export async function markNotificationsRead(db: Db, actor: Actor): Promise<void> {
  await db.update(notifications).set({ readAt: clock() }).where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
}

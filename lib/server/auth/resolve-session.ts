import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { sessions, users } from '@/db/schema';
import { env } from '@/lib/env';
import { now as clock } from '@/lib/server/clock';
import { isStaffRole } from '@/lib/domain/roles';
import type { Actor } from './actor';

// Refresh last-seen at most once a minute: the idle check needs no finer grain.
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Turn a session id into the acting user, or null when the session is unknown, revoked,
 * idle for longer than SESSION_IDLE_MINUTES, past its absolute lifetime, or its user is
 * disabled. It also says what the user must do first: change a temporary or expired
 * password, enrol the second factor. Role and organisation are read from the user row now, not from the token.
 */
export async function resolveSession(db: Db, sessionId: string | undefined | null): Promise<Actor | null> {
  if (!sessionId) return null;
  const t = clock();
  const [row] = await db
    .select({
      userId: users.id,
      role: users.role,
      orgId: users.orgId,
      realName: users.realName,
      status: users.status,
      mustChangePassword: users.mustChangePassword,
      passwordChangedAt: users.passwordChangedAt,
      totpEnrolledAt: users.totpEnrolledAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)))
    .limit(1);
  if (!row || row.status !== 'active') return null;
  const idleLimit = row.lastSeenAt.getTime() + env().SESSION_IDLE_MINUTES * 60_000;
  if (t.getTime() > idleLimit || t >= row.expiresAt) return null;
  if (t.getTime() - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastSeenAt: t }).where(eq(sessions.id, sessionId));
  }
  const staff = isStaffRole(row.role);
  const passwordExpired = staff && t.getTime() - row.passwordChangedAt.getTime() > env().STAFF_PASSWORD_MAX_DAYS * 86_400_000;
  return {
    userId: row.userId,
    role: row.role,
    orgId: row.orgId,
    realName: row.realName,
    sessionId,
    mustChangePassword: row.mustChangePassword || passwordExpired,
    passwordExpired,
    mustEnrolMfa: staff && !row.totpEnrolledAt,
  };
}

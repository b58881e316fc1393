import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { loginThrottles, sessions, users } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { env } from '@/lib/env';
import { getDummyHash, verifyPassword } from '@/lib/server/crypto/password';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { now as clock } from '@/lib/server/clock';
import { parseIdentifier } from './normalize-identifier';

export interface LoginInput {
  identifier: string;
  password: string;
  ip?: string | null;
}

export interface LoginResult {
  userId: string;
  sessionId: string;
  role: string;
}

/**
 * Check a username-or-mobile and password. Failures count per account (or per typed
 * name when no account exists, so lockout reveals nothing); after LOGIN_MAX_FAILURES
 * consecutive failures the key is locked for LOGIN_LOCK_MINUTES. Success opens a
 * server-side session. Every outcome is audited.
 */
export async function authenticateUser(db: Db, input: LoginInput): Promise<LoginResult> {
  const cfg = env();
  const t = clock();
  const id = parseIdentifier(input.identifier);
  const [user] = await db
    .select({ id: users.id, role: users.role, status: users.status, passwordHash: users.passwordHash })
    .from(users)
    .where(id.kind === 'mobile' ? eq(users.mobile, id.value) : eq(users.username, id.value))
    .limit(1);
  const key = user ? `user:${user.id}` : `name:${id.value}`;
  const audit = { objectType: 'user', objectId: user?.id, ip: input.ip ?? null };

  const [throttle] = await db.select().from(loginThrottles).where(eq(loginThrottles.key, key));
  if (throttle?.lockedUntil && throttle.lockedUntil > t) {
    await writeAuditLog(db, { ...audit, event: 'auth.login', result: 'failure', detail: { reason: 'LOCKED' } }, t);
    throw new AppError('ACCOUNT_LOCKED');
  }

  // Always verify a hash, so an unknown name takes as long as a wrong password.
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), input.password);
  if (!user || !passwordOk || user.status !== 'active') {
    const failures = (throttle && (!throttle.lockedUntil || throttle.lockedUntil <= t) ? throttle.failures : 0) + 1;
    const lock = failures >= cfg.LOGIN_MAX_FAILURES;
    const lockedUntil = lock ? new Date(t.getTime() + cfg.LOGIN_LOCK_MINUTES * 60_000) : null;
    await db.transaction(async (tx) => {
      await tx
        .insert(loginThrottles)
        .values({ key, failures: lock ? 0 : failures, lockedUntil, updatedAt: t })
        .onConflictDoUpdate({ target: loginThrottles.key, set: { failures: lock ? 0 : failures, lockedUntil, updatedAt: t } });
      const reason = !user ? 'UNKNOWN_USER' : user.status !== 'active' ? 'DISABLED' : 'BAD_PASSWORD';
      await writeAuditLog(tx, { ...audit, event: 'auth.login', result: 'failure', detail: { reason, failures } }, t);
      if (lock) await writeAuditLog(tx, { ...audit, event: 'auth.lockout', detail: { minutes: cfg.LOGIN_LOCK_MINUTES } }, t);
    });
    throw new AppError(lock ? 'ACCOUNT_LOCKED' : 'INVALID_CREDENTIALS');
  }

  const sessionId = crypto.randomBytes(32).toString('base64url');
  await db.transaction(async (tx) => {
    await tx.delete(loginThrottles).where(eq(loginThrottles.key, key));
    await tx.insert(sessions).values({
      id: sessionId,
      userId: user.id,
      createdAt: t,
      lastSeenAt: t,
      expiresAt: new Date(t.getTime() + cfg.SESSION_MAX_HOURS * 3600_000),
      ip: input.ip ?? null,
    });
    await tx.update(users).set({ lastLoginAt: t }).where(eq(users.id, user.id));
    await writeAuditLog(tx, { ...audit, actor: { id: user.id, role: user.role }, event: 'auth.login', detail: { session: sessionDigest(sessionId) } }, t);
  });
  return { userId: user.id, sessionId, role: user.role };
}

/** What the audit log records of a session: a digest, never the bearer value itself. */
export const sessionDigest = (sessionId: string) =>
  crypto.createHash('sha256').update(sessionId).digest('hex').slice(0, 16);


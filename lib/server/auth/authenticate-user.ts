import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { loginThrottles, sessions, users } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { env } from '@/lib/env';
import { getDummyHash, verifyPassword } from '@/lib/server/crypto/password';
import { mobileHash } from '@/lib/server/crypto/pii';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { now as clock } from '@/lib/server/clock';
import { isStaffRole } from '@/lib/domain/roles';
import { consumeSecondFactor } from '@/lib/server/mfa/consume-second-factor';
import { parseIdentifier } from './normalize-identifier';

export interface LoginInput {
  identifier: string;
  password: string;
  /** Staff: the authenticator's 6-digit code, or one of the recovery codes. */
  otp?: string;
  ip?: string | null;
}

export interface LoginResult {
  userId: string;
  sessionId: string;
  role: string;
}

/**
 * Check a username-or-mobile, password and — for staff who have enrolled — the second
 * factor (a TOTP code or a recovery code, each accepted once). A right password without a
 * code answers MFA_REQUIRED and counts nothing; a wrong code counts as a failure.
 * Failures count per account (or per typed name when no account exists, so lockout reveals nothing); after LOGIN_MAX_FAILURES
 * consecutive failures the key is locked for LOGIN_LOCK_MINUTES. Success opens a
 * server-side session. Every outcome is audited.
 */
export async function authenticateUser(db: Db, input: LoginInput): Promise<LoginResult> {
  const cfg = env();
  const t = clock();
  const id = parseIdentifier(input.identifier);
  const [user] = await db
    .select({ id: users.id, role: users.role, status: users.status, passwordHash: users.passwordHash, totpSecretEnc: users.totpSecretEnc, totpLastStep: users.totpLastStep })
    .from(users)
    .where(id.kind === 'mobile' ? eq(users.mobileHash, mobileHash(id.value)) : eq(users.username, id.value))
    .limit(1);
  // An unknown mobile is counted under its blind index: no mobile is stored in clear, here either.
  const key = user ? `user:${user.id}` : id.kind === 'mobile' ? `mobile:${mobileHash(id.value)}` : `name:${id.value}`;
  const audit = { objectType: 'user', objectId: user?.id, ip: input.ip ?? null };

  const [throttle] = await db.select().from(loginThrottles).where(eq(loginThrottles.key, key));
  if (throttle?.lockedUntil && throttle.lockedUntil > t) {
    await writeAuditLog(db, { ...audit, event: 'auth.login', result: 'failure', detail: { reason: 'LOCKED' } }, t);
    throw new AppError('ACCOUNT_LOCKED');
  }

  // Always verify a hash, so an unknown name takes as long as a wrong password.
  const passwordOk = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), input.password);
  if (!user || !passwordOk || user.status !== 'active') {
    return recordFailure(!user ? 'UNKNOWN_USER' : user.status !== 'active' ? 'DISABLED' : 'BAD_PASSWORD');
  }
  const account = user;

  let factor: 'totp' | 'recovery' | undefined;
  if (isStaffRole(account.role) && account.totpSecretEnc) {
    if (!input.otp?.trim()) throw new AppError('MFA_REQUIRED');
    factor = (await consumeSecondFactor(db, { id: account.id, totpSecretEnc: account.totpSecretEnc, totpLastStep: account.totpLastStep }, input.otp, t)) ?? undefined;
    if (!factor) await recordFailure('BAD_SECOND_FACTOR', 'INVALID_OTP');
  }

  const sessionId = crypto.randomBytes(32).toString('base64url');
  await db.transaction(async (tx) => {
    await tx.delete(loginThrottles).where(eq(loginThrottles.key, key));
    await tx.insert(sessions).values({
      id: sessionId,
      userId: account.id,
      createdAt: t,
      lastSeenAt: t,
      expiresAt: new Date(t.getTime() + cfg.SESSION_MAX_HOURS * 3600_000),
      ip: input.ip ?? null,
    });
    await tx.update(users).set({ lastLoginAt: t }).where(eq(users.id, account.id));
    await writeAuditLog(tx, { ...audit, actor: { id: account.id, role: account.role }, event: 'auth.login', detail: { session: sessionDigest(sessionId), ...(factor ? { factor } : {}) } }, t);
  });
  return { userId: account.id, sessionId, role: account.role };

  /** Count a failure against the key (locking it at the limit), audit it, and refuse. */
  async function recordFailure(reason: string, code: 'INVALID_CREDENTIALS' | 'INVALID_OTP' = 'INVALID_CREDENTIALS'): Promise<never> {
    const failures = (throttle && (!throttle.lockedUntil || throttle.lockedUntil <= t) ? throttle.failures : 0) + 1;
    const lock = failures >= cfg.LOGIN_MAX_FAILURES;
    const lockedUntil = lock ? new Date(t.getTime() + cfg.LOGIN_LOCK_MINUTES * 60_000) : null;
    await db.transaction(async (tx) => {
      await tx
        .insert(loginThrottles)
        .values({ key, failures: lock ? 0 : failures, lockedUntil, updatedAt: t })
        .onConflictDoUpdate({ target: loginThrottles.key, set: { failures: lock ? 0 : failures, lockedUntil, updatedAt: t } });
      await writeAuditLog(tx, { ...audit, event: 'auth.login', result: 'failure', detail: { reason, failures } }, t);
      if (lock) await writeAuditLog(tx, { ...audit, event: 'auth.lockout', detail: { minutes: cfg.LOGIN_LOCK_MINUTES } }, t);
    });
    throw new AppError(lock ? 'ACCOUNT_LOCKED' : code);
  }
}

/** What the audit log records of a session: a digest, never the bearer value itself. */
export const sessionDigest = (sessionId: string) =>
  crypto.createHash('sha256').update(sessionId).digest('hex').slice(0, 16);


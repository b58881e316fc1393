import crypto from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { sessions, users } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import { env } from '@/lib/env';
import { getDummyHash, verifyPassword } from '@/lib/server/crypto/password';
import { mobileHash } from '@/lib/server/crypto/pii';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { now as clock } from '@/lib/server/clock';
import { isStaffRole } from '@/lib/domain/roles';
import { consumeSecondFactor } from '@/lib/server/mfa/consume-second-factor';
import { countRateLimitFailure, rateLimited, rateLimitWait, resetRateLimit } from '@/lib/server/rate-limit/rate-limiter';
import { waitText } from '@/lib/domain/wait-text';
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
 *
 * Failures are counted by the shared limiter (lib/server/rate-limit), three ways, so that a
 * stranger cannot lock anyone out:
 * - per client address (`login_address`): past LOGIN_ADDRESS_MAX_FAILURES the address is
 *   refused (RATE_LIMITED, with the wait) before any password is checked, whatever name it tries;
 * - per account and address (`login_account_address`): LOGIN_MAX_FAILURES lock the account
 *   for that address only (ACCOUNT_LOCKED) — its owner elsewhere still logs in;
 * - per account (`login_account`): only failures that got past the address limits count, and
 *   LOGIN_ACCOUNT_MAX_FAILURES of them lock the account everywhere — that takes many addresses.
 * An unknown name is counted under the typed name exactly like a real account, so lockout
 * reveals nothing. An account's counts are keyed with its password's date, so a new password
 * (a reset) starts them afresh. Success opens a server-side session and clears the account's
 * counts (never the address's). Every outcome is audited.
 */
export async function authenticateUser(db: Db, input: LoginInput): Promise<LoginResult> {
  const cfg = env();
  const t = clock();
  const id = parseIdentifier(input.identifier);
  const [user] = await db
    .select({ id: users.id, role: users.role, status: users.status, passwordHash: users.passwordHash, passwordChangedAt: users.passwordChangedAt, totpSecretEnc: users.totpSecretEnc, totpLastStep: users.totpLastStep })
    .from(users)
    .where(id.kind === 'mobile' ? eq(users.mobileHash, mobileHash(id.value)) : eq(users.username, id.value))
    .limit(1);
  // An unknown mobile is counted under its blind index: no mobile is stored in clear, here either.
  const accountKey = user ? `user:${user.id}:${user.passwordChangedAt.getTime()}` : id.kind === 'mobile' ? `mobile:${mobileHash(id.value)}` : `name:${id.value}`;
  const addressKey = input.ip ?? 'unknown';
  const pairKey = `${accountKey}|${addressKey}`;
  const audit = { objectType: 'user', objectId: user?.id, ip: input.ip ?? null };

  const addressWait = await rateLimitWait(db, 'login_address', addressKey);
  if (addressWait !== null) {
    await writeAuditLog(db, { ...audit, event: 'auth.login', result: 'failure', detail: { reason: 'ADDRESS_LIMITED' } }, t);
    throw rateLimited('login_address', addressWait);
  }
  const lockWait = (await rateLimitWait(db, 'login_account_address', pairKey)) ?? (await rateLimitWait(db, 'login_account', accountKey));
  if (lockWait !== null) {
    await writeAuditLog(db, { ...audit, event: 'auth.login', result: 'failure', detail: { reason: 'LOCKED' } }, t);
    throw accountLocked(lockWait);
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
  await resetRateLimit(db, 'login_account_address', pairKey);
  await resetRateLimit(db, 'login_account', accountKey);
  return { userId: account.id, sessionId, role: account.role };

  /** Count a failure against the address, the account from it and the account (locking at a limit), audit it, and refuse. */
  async function recordFailure(reason: string, code: 'INVALID_CREDENTIALS' | 'INVALID_OTP' = 'INVALID_CREDENTIALS'): Promise<never> {
    await countRateLimitFailure(db, 'login_address', addressKey);
    const pair = await countRateLimitFailure(db, 'login_account_address', pairKey);
    const whole = await countRateLimitFailure(db, 'login_account', accountKey);
    const lock = pair.locked ? pair : whole.locked ? whole : null;
    await db.transaction(async (tx) => {
      await writeAuditLog(tx, { ...audit, event: 'auth.login', result: 'failure', detail: { reason, failures: pair.failures } }, t);
      if (lock) {
        await writeAuditLog(tx, { ...audit, event: 'auth.lockout', detail: { minutes: Math.ceil(lock.retryAfterSeconds / 60), scope: lock === pair ? 'address' : 'account' } }, t);
      }
    });
    throw lock ? accountLocked(lock.retryAfterSeconds) : new AppError(code);
  }
}

/** The account is locked (from this address, or everywhere): the code the login form knows, with the wait. */
function accountLocked(retryAfterSeconds: number): AppError {
  return new AppError('ACCOUNT_LOCKED', {
    userMessage: `登录失败次数过多，账户已临时锁定，请 ${waitText(retryAfterSeconds)}后再试`,
    retryAfterSeconds,
  });
}

/** What the audit log records of a session: a digest, never the bearer value itself. */
export const sessionDigest = (sessionId: string) =>
  crypto.createHash('sha256').update(sessionId).digest('hex').slice(0, 16);


import { eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { mfaRecoveryCodes, users } from '@/db/schema';
import { authenticateUser } from '@/lib/server/auth/authenticate-user';
import { resolveSession } from '@/lib/server/auth/resolve-session';
import { decryptPii } from '@/lib/server/crypto/pii';
import { confirmTotpEnrolment } from '@/lib/server/mfa/confirm-totp-enrolment';
import { startTotpEnrolment } from '@/lib/server/mfa/start-totp-enrolment';
import { describeDb } from '../helpers/test-db';
import { createUser, ensureReferenceData, tableCounts, TEST_TOTP_SECRET } from '../helpers/factories';

const PW = 'Test-password-123';
const T0 = new Date('2026-05-04T02:00:10Z');
const codeAt = (at: Date, secret = TEST_TOTP_SECRET) => generate({ secret, epoch: Math.floor(at.getTime() / 1000) });
const plus = (ms: number) => new Date(T0.getTime() + ms);

describeDb('staff second factor: TOTP enrolment, required at login, no replay, single-use recovery codes', (ctx) => {
  beforeAll(async () => ensureReferenceData(ctx.h.db));
  afterEach(() => vi.useRealTimers());

  it('a staff member without a factor must enrol first: the code proves the secret, ten recovery codes come back once, only hashed at rest', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const u = await createUser(ctx.h.db, { role: 'guarantee_reviewer', orgCode: 'KZ-GUAR' });
    const { sessionId } = await authenticateUser(ctx.h.db, { identifier: u.username, password: PW });
    const actor = (await resolveSession(ctx.h.db, sessionId))!;
    expect(actor.mustEnrolMfa).toBe(true);

    const first = await startTotpEnrolment(ctx.h.db, actor);
    // Reloading the page shows the same secret; it is stored encrypted, not in clear.
    expect((await startTotpEnrolment(ctx.h.db, actor)).secret).toBe(first.secret);
    expect(first.uri).toMatch(/^otpauth:\/\/totp\/.+secret=/);
    const [pending] = await ctx.h.db.select().from(users).where(eq(users.id, u.id));
    expect(pending.totpPendingEnc).not.toContain(first.secret);
    expect(decryptPii(pending.totpPendingEnc!)).toBe(first.secret);

    // A wrong code enrols nothing.
    const before = await tableCounts(ctx.h.db, ['users', 'mfa_recovery_codes', 'audit_log']);
    await expect(confirmTotpEnrolment(ctx.h.db, actor, { code: '000000' === (await codeAt(T0, first.secret)) ? '111111' : '000000' })).rejects.toMatchObject({ code: 'INVALID_OTP' });
    expect(await tableCounts(ctx.h.db, ['users', 'mfa_recovery_codes', 'audit_log'])).toEqual(before);
    expect((await resolveSession(ctx.h.db, sessionId))!.mustEnrolMfa).toBe(true);

    const code = await codeAt(T0, first.secret);
    const { recoveryCodes } = await confirmTotpEnrolment(ctx.h.db, actor, { code });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const stored = await ctx.h.db.select().from(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, u.id));
    expect(stored).toHaveLength(10);
    for (const c of recoveryCodes) expect(stored.map((s) => s.codeHash).join(',')).not.toContain(c);
    const [enrolled] = await ctx.h.db.select().from(users).where(eq(users.id, u.id));
    expect(enrolled.totpPendingEnc).toBeNull();
    expect(decryptPii(enrolled.totpSecretEnc!)).toBe(first.secret);
    expect((await resolveSession(ctx.h.db, sessionId))!.mustEnrolMfa).toBe(false);
    const audit = await ctx.h.query(`select 1 from audit_log where event = 'mfa.enrol' and object_id = $1`, [u.id]);
    expect(audit).toHaveLength(1);

    // The code that confirmed enrolment cannot also log in (its step is used up) …
    await expect(authenticateUser(ctx.h.db, { identifier: u.username, password: PW, otp: code })).rejects.toMatchObject({ code: 'INVALID_OTP' });
    // … the next step's code can.
    vi.setSystemTime(plus(30_000));
    await expect(authenticateUser(ctx.h.db, { identifier: u.username, password: PW, otp: await codeAt(plus(30_000), first.secret) })).resolves.toMatchObject({ role: 'guarantee_reviewer' });
  });

  it('an enrolled staff member needs the code: a right password alone opens no session and counts no failure', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const u = await createUser(ctx.h.db, { role: 'hr_reviewer', orgCode: 'KZ-EMP', totp: true });
    const before = await tableCounts(ctx.h.db, ['sessions', 'rate_limits']);
    await expect(authenticateUser(ctx.h.db, { identifier: u.username, password: PW })).rejects.toMatchObject({ code: 'MFA_REQUIRED' });
    expect(await tableCounts(ctx.h.db, ['sessions', 'rate_limits'])).toEqual(before);
    // A wrong password with a right code is still a wrong password.
    await expect(authenticateUser(ctx.h.db, { identifier: u.username, password: 'wrong', otp: await codeAt(T0) })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    const ok = await authenticateUser(ctx.h.db, { identifier: u.username, password: PW, otp: await codeAt(T0) });
    expect((await resolveSession(ctx.h.db, ok.sessionId))!.mustEnrolMfa).toBe(false);
    const [login] = await ctx.h.query<{ detail: { factor: string } }>(`select detail from audit_log where event = 'auth.login' and result = 'success' and object_id = $1`, [u.id]);
    expect(login.detail.factor).toBe('totp');
  });

  it('TOTP replay is refused: a code used once, or an older one, never logs in again; a wrong code counts towards the lock', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const u = await createUser(ctx.h.db, { role: 'bank_officer', orgCode: 'BANK-ABC-KZ', totp: true });
    const code = await codeAt(T0);
    await authenticateUser(ctx.h.db, { identifier: u.username, password: PW, otp: code });

    const sessionsBefore = await tableCounts(ctx.h.db, ['sessions']);
    vi.setSystemTime(plus(5_000));
    await expect(authenticateUser(ctx.h.db, { identifier: u.username, password: PW, otp: code })).rejects.toMatchObject({ code: 'INVALID_OTP' });
    // The previous step's code is inside the drift window but older than the one used: refused too.
    await expect(authenticateUser(ctx.h.db, { identifier: u.username, password: PW, otp: await codeAt(plus(-30_000)) })).rejects.toMatchObject({ code: 'INVALID_OTP' });
    expect(await tableCounts(ctx.h.db, ['sessions'])).toEqual(sessionsBefore);
    const failures = await ctx.h.query<{ detail: { reason: string; failures: number } }>(`select detail from audit_log where event = 'auth.login' and result = 'failure' and object_id = $1 order by seq`, [u.id]);
    expect(failures.map((f) => f.detail.reason)).toEqual(['BAD_SECOND_FACTOR', 'BAD_SECOND_FACTOR']);
    // Both counted towards the lock (the limiter's count, as the audit row records it).
    expect(failures.map((f) => f.detail.failures)).toEqual([1, 2]);

    // A code two steps away is outside the window.
    await expect(authenticateUser(ctx.h.db, { identifier: u.username, password: PW, otp: await codeAt(plus(65_000)) })).rejects.toMatchObject({ code: 'INVALID_OTP' });
    // The next step's code works once the clock is there.
    vi.setSystemTime(plus(31_000));
    await expect(authenticateUser(ctx.h.db, { identifier: u.username, password: PW, otp: await codeAt(plus(31_000)) })).resolves.toMatchObject({ role: 'bank_officer' });
  });

  it('a recovery code logs in once and never again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const u = await createUser(ctx.h.db, { role: 'auditor', orgCode: 'KZ-AUDIT' });
    const s = await authenticateUser(ctx.h.db, { identifier: u.username, password: PW });
    const actor = (await resolveSession(ctx.h.db, s.sessionId))!;
    const { secret } = await startTotpEnrolment(ctx.h.db, actor);
    const { recoveryCodes } = await confirmTotpEnrolment(ctx.h.db, actor, { code: await codeAt(T0, secret) });

    // Typed in lower case with a space instead of the dash: still the same code.
    const typed = recoveryCodes[3].toLowerCase().replace('-', ' ');
    const ok = await authenticateUser(ctx.h.db, { identifier: u.username, password: PW, otp: typed });
    expect(ok.role).toBe('auditor');
    const [login] = await ctx.h.query<{ detail: { factor: string } }>(`select detail from audit_log where event = 'auth.login' and result = 'success' and object_id = $1 order by seq desc limit 1`, [u.id]);
    expect(login.detail.factor).toBe('recovery');
    const used = await ctx.h.db.select().from(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, u.id));
    expect(used.filter((c) => c.usedAt)).toHaveLength(1);

    const before = await tableCounts(ctx.h.db, ['sessions']);
    await expect(authenticateUser(ctx.h.db, { identifier: u.username, password: PW, otp: recoveryCodes[3] })).rejects.toMatchObject({ code: 'INVALID_OTP' });
    expect(await tableCounts(ctx.h.db, ['sessions'])).toEqual(before);
    // Another user's code, or a made-up one, does not pass either.
    await expect(authenticateUser(ctx.h.db, { identifier: u.username, password: PW, otp: 'ABCDE-FGHJK' })).rejects.toMatchObject({ code: 'INVALID_OTP' });
    await expect(authenticateUser(ctx.h.db, { identifier: u.username, password: PW, otp: recoveryCodes[4] })).resolves.toMatchObject({ role: 'auditor' });
  });

  it('applicants log in with a password only, and cannot enrol', async () => {
    const a = await createUser(ctx.h.db, { role: 'applicant', mobile: '13911112222', username: '13911112222' });
    const s = await authenticateUser(ctx.h.db, { identifier: '13911112222', password: PW });
    const actor = (await resolveSession(ctx.h.db, s.sessionId))!;
    expect(actor.mustEnrolMfa).toBe(false);
    await expect(startTotpEnrolment(ctx.h.db, actor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(a.totpSecretEnc).toBeNull();
  });

  it('a staff password older than STAFF_PASSWORD_MAX_DAYS (90) must be changed before anything else', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const u = await createUser(ctx.h.db, { role: 'finance_officer', orgCode: 'KZ-FIN', totp: true });
    await ctx.h.db.update(users).set({ passwordChangedAt: T0 }).where(eq(users.id, u.id));
    vi.setSystemTime(new Date(T0.getTime() + 89 * 86_400_000));
    const s1 = await authenticateUser(ctx.h.db, { identifier: u.username, password: PW, otp: await codeAt(new Date()) });
    expect((await resolveSession(ctx.h.db, s1.sessionId))!).toMatchObject({ mustChangePassword: false, passwordExpired: false });
    vi.setSystemTime(new Date(T0.getTime() + 91 * 86_400_000));
    const s2 = await authenticateUser(ctx.h.db, { identifier: u.username, password: PW, otp: await codeAt(new Date()) });
    expect((await resolveSession(ctx.h.db, s2.sessionId))!).toMatchObject({ mustChangePassword: true, passwordExpired: true });
  });
});

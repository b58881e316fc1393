// Small limits for this file, set before anything reads the configuration.
process.env.LOGIN_ADDRESS_MAX_FAILURES = '8';
process.env.LOGIN_ACCOUNT_MAX_FAILURES = '12';
process.env.REGISTRATIONS_PER_ADDRESS_PER_HOUR = '3';
process.env.SMS_PER_MOBILE_PER_DAY = '2';
process.env.API_TOKEN_REQUESTS_PER_MINUTE = '3';
process.env.WAGE_REFUND_CONFIRM_PER_HOUR_PER_ADDRESS = '3';

import { afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { env } from '@/lib/env';
import { authenticateUser } from '@/lib/server/auth/authenticate-user';
import { registerApplicant } from '@/lib/server/users/register-applicant';
import { requestRegistrationCode } from '@/lib/server/users/request-sms-code';
import { lastSmsCode } from '../helpers/sms-phone';
import { takeSmsAllowance } from '@/lib/server/notifications/sms-allowance';
import { prepareForwardedHeaders } from '@/lib/security/forwarded-headers';
import { describeDb } from '../helpers/test-db';
import { issuedToken } from '../helpers/admin-requests';
import { createUser, ensureReferenceData, otpFor, tableCounts } from '../helpers/factories';
import { createCast, type Cast } from '../helpers/workflow-fixtures';

const jar = vi.hoisted(() => ({ headers: new Headers(), handle: undefined as undefined | DbHandle }));
vi.mock('next/headers', () => ({
  cookies: async () => ({ get: () => undefined, getAll: () => [] }),
  headers: async () => jar.headers,
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('@/lib/server/db', () => ({ getDb: async () => jar.handle!.db, getDbHandle: async () => jar.handle! }));

const { GET: listLoans } = await import('@/app/api/v1/loans/route');
const { openWageRefundAction } = await import('@/app/wage-refund/confirm/actions');

const PW = 'Test-password-123';
const T0 = new Date('2026-05-04T02:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const LOCK_MS = env().LOGIN_LOCK_MINUTES * 60_000;

/**
 * The address the app's server derives for a request (scripts/serve.ts): from the socket and
 * X-Forwarded-For, as TRUSTED_PROXY_HOPS says.
 */
function addressOf(socket: string, forwardedFor: string | undefined, hops: number): string {
  const headers: Record<string, string> = forwardedFor ? { 'x-forwarded-for': forwardedFor, 'x-kz-client-ip': '6.6.6.6' } : { 'x-kz-client-ip': '6.6.6.6' };
  return prepareForwardedHeaders(headers, socket, { trustedProxyHops: hops, trustForwardedHost: false })!;
}

let applicantSeq = 0;
function applicantInput() {
  applicantSeq++;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const body = `5002341991${String((applicantSeq % 12) + 1).padStart(2, '0')}16${String(200 + applicantSeq).slice(-3)}`;
  const idNumber = body + '10X98765432'[[...body].reduce((s, c, i) => s + Number(c) * w[i], 0) % 11];
  const mobile = `136${String(Date.now() % 1e5).padStart(5, '0')}${String(applicantSeq).padStart(3, '0')}`;
  return { realName: '限流测试', idNumber, mobile, password: 'applicant pass 1', confirmPassword: 'applicant pass 1', agree: true };
}

/** Step 1 of registration (the SMS code to the mobile), then the details with the code. */
async function withCode(db: DbHandle['db']) {
  const input = applicantInput();
  await requestRegistrationCode(db, { mobile: input.mobile });
  return { ...input, code: await lastSmsCode(db, input.mobile) };
}

describeDb('rate limits (shared limiter: PostgreSQL store across processes, memory on PGlite)', (ctx) => {
  let cast: Cast;
  beforeAll(async () => {
    jar.handle = ctx.h;
    await ensureReferenceData(ctx.h.db);
    cast = await createCast(ctx.h.db);
  });
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    jar.headers = new Headers();
  });
  afterEach(() => vi.useRealTimers());

  it('ten wrong passwords for a staff account from rotating X-Forwarded-For values do not stop its owner logging in from another address (TRUSTED_PROXY_HOPS 0 and 1)', async () => {
    for (const hops of [0, 1]) {
      vi.setSystemTime(at(hops * 24 * 3600_000));
      const staff = await createUser(ctx.h.db, { role: 'finance_officer', orgCode: 'KZ-FIN', totp: true });
      const attackerAddresses = new Set<string>();
      for (let i = 0; i < 10; i++) {
        const ip = addressOf('198.51.100.20', `203.0.113.${i + 1}`, hops);
        attackerAddresses.add(ip);
        const err = await authenticateUser(ctx.h.db, { identifier: staff.username, password: `wrong-${i}`, ip }).catch((e) => e);
        expect(['INVALID_CREDENTIALS', 'ACCOUNT_LOCKED', 'RATE_LIMITED']).toContain(err.code);
      }
      if (hops === 0) {
        // The header is not believed: all ten came from the socket's address, which is what got locked.
        expect([...attackerAddresses]).toEqual(['198.51.100.20']);
        await expect(authenticateUser(ctx.h.db, { identifier: staff.username, password: PW, otp: await otpFor(ctx.h.db, staff.username), ip: '198.51.100.20' })).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
      } else {
        expect(attackerAddresses.size).toBe(10);
      }
      // The owner, from the office, with the right password and code.
      const office = addressOf('10.0.0.2', '192.0.2.44', 1);
      const s = await authenticateUser(ctx.h.db, { identifier: staff.username, password: PW, otp: await otpFor(ctx.h.db, staff.username), ip: office });
      expect(s.role).toBe('finance_officer');
      const [row] = await ctx.h.query<{ ip: string }>(`select ip from sessions where id = $1`, [s.sessionId]);
      expect(row.ip).toBe('192.0.2.44');
    }
  });

  it('login per address: past LOGIN_ADDRESS_MAX_FAILURES the address gets 429 with the wait (even for a right password), other addresses do not, and the next window lets it through', async () => {
    const owner = await createUser(ctx.h.db, { role: 'applicant', mobile: '13911110001', username: '13911110001' });
    const ip = '198.51.100.30';
    // Spread over many names, so no account lock is reached: the address limit is what stops it.
    for (let i = 0; i < env().LOGIN_ADDRESS_MAX_FAILURES; i++) {
      await expect(authenticateUser(ctx.h.db, { identifier: `guess-${i}`, password: 'x', ip })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    }
    const before = await tableCounts(ctx.h.db, ['sessions']);
    const refused = await authenticateUser(ctx.h.db, { identifier: '13911110001', password: PW, ip }).catch((e) => e);
    expect(refused).toMatchObject({ code: 'RATE_LIMITED' });
    expect(refused.retryAfterSeconds).toBe(LOCK_MS / 1000);
    expect(refused.userMessage).toMatch(/^该网络地址登录失败次数过多，请 15 分钟后再试$/);
    expect(await tableCounts(ctx.h.db, ['sessions'])).toEqual(before);
    // The refusal did not count against the account: its owner elsewhere is fine.
    await expect(authenticateUser(ctx.h.db, { identifier: '13911110001', password: PW, ip: '198.51.100.31' })).resolves.toMatchObject({ userId: owner.id });
    vi.setSystemTime(at(LOCK_MS - 1000));
    await expect(authenticateUser(ctx.h.db, { identifier: '13911110001', password: PW, ip })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    vi.setSystemTime(at(LOCK_MS + 1000));
    await expect(authenticateUser(ctx.h.db, { identifier: '13911110001', password: PW, ip })).resolves.toMatchObject({ userId: owner.id });
    const limited = await ctx.h.query(`select 1 from audit_log where event = 'auth.login' and result = 'failure' and detail->>'reason' = 'ADDRESS_LIMITED' and ip = $1`, [ip]);
    expect(limited.length).toBe(2);
  });

  it("the account's own lock needs failures past the address limits: LOGIN_ACCOUNT_MAX_FAILURES from many addresses lock it everywhere until the window ends", async () => {
    const staff = await createUser(ctx.h.db, { role: 'hr_reviewer', orgCode: 'KZ-EMP', totp: true });
    // One address alone: LOGIN_MAX_FAILURES lock it out of this account; the rest are refused uncounted.
    for (let i = 0; i < 8; i++) await authenticateUser(ctx.h.db, { identifier: staff.username, password: 'wrong', ip: '198.51.100.40' }).catch(() => {});
    const lockouts = await ctx.h.query<{ detail: { scope: string } }>(`select detail from audit_log where event = 'auth.lockout' and object_id = $1`, [staff.id]);
    expect(lockouts.map((l) => l.detail.scope)).toEqual(['address']);
    await expect(authenticateUser(ctx.h.db, { identifier: staff.username, password: PW, otp: await otpFor(ctx.h.db, staff.username), ip: '198.51.100.41' })).resolves.toMatchObject({ role: 'hr_reviewer' });
    // Many addresses: LOGIN_ACCOUNT_MAX_FAILURES (12) counted failures lock the account for everyone.
    for (let i = 0; i < env().LOGIN_ACCOUNT_MAX_FAILURES; i++) {
      await authenticateUser(ctx.h.db, { identifier: staff.username, password: 'wrong', ip: `198.51.101.${i + 1}` }).catch(() => {});
    }
    const locked = await authenticateUser(ctx.h.db, { identifier: staff.username, password: PW, otp: await otpFor(ctx.h.db, staff.username), ip: '192.0.2.50' }).catch((e) => e);
    expect(locked).toMatchObject({ code: 'ACCOUNT_LOCKED', retryAfterSeconds: LOCK_MS / 1000 });
    expect(locked.userMessage).toContain('请 15 分钟后再试');
    vi.setSystemTime(at(LOCK_MS + 1000));
    await expect(authenticateUser(ctx.h.db, { identifier: staff.username, password: PW, otp: await otpFor(ctx.h.db, staff.username), ip: '192.0.2.50' })).resolves.toMatchObject({ role: 'hr_reviewer' });
  });

  it('registration per address: the attempt past REGISTRATIONS_PER_ADDRESS_PER_HOUR is refused with the wait and writes nothing; another address goes on; the next hour lets it through', async () => {
    const ip = '198.51.100.50';
    for (let i = 0; i < env().REGISTRATIONS_PER_ADDRESS_PER_HOUR; i++) await registerApplicant(ctx.h.db, await withCode(ctx.h.db), ip);
    const input = await withCode(ctx.h.db);
    const before = await tableCounts(ctx.h.db, ['users', 'audit_log']);
    const err = await registerApplicant(ctx.h.db, input, ip).catch((e) => e);
    expect(err).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 3600 });
    expect(err.userMessage).toBe('该网络地址注册过于频繁，请 1 小时后再试');
    expect(await tableCounts(ctx.h.db, ['users', 'audit_log'])).toEqual(before);
    await expect(registerApplicant(ctx.h.db, await withCode(ctx.h.db), '198.51.100.51')).resolves.toMatchObject({ outcome: 'registered' });
    vi.setSystemTime(at(3600_000 + 1000));
    await expect(registerApplicant(ctx.h.db, await withCode(ctx.h.db), ip)).resolves.toMatchObject({ outcome: 'registered' });
  });

  it('SMS per mobile per day: past SMS_PER_MOBILE_PER_DAY the next message is refused; another mobile is not; the next day it is allowed', async () => {
    for (let i = 0; i < env().SMS_PER_MOBILE_PER_DAY; i++) await takeSmsAllowance(ctx.h.db, '13922220001');
    const err = await takeSmsAllowance(ctx.h.db, '13922220001').catch((e) => e);
    expect(err).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 86_400 });
    expect(err.userMessage).toBe('该手机号今日接收短信已达上限（每天最多 2 条），请 24 小时后再试');
    await expect(takeSmsAllowance(ctx.h.db, '13922220002')).resolves.toBeUndefined();
    vi.setSystemTime(at(86_400_000 + 1000));
    await expect(takeSmsAllowance(ctx.h.db, '13922220001')).resolves.toBeUndefined();
  });

  it('/api/v1 per token: past API_TOKEN_REQUESTS_PER_MINUTE the token gets 429 with Retry-After and a Chinese message; another token does not; the next minute lets it through', async () => {
    const a = await issuedToken(ctx.h.db, cast.security, cast.security2, 'BANK-ABC-KZ', '限流测试 A');
    const b = await issuedToken(ctx.h.db, cast.security, cast.security2, 'BANK-ABC-KZ', '限流测试 B');
    const get = (token: string) => listLoans(new Request('http://localhost/api/v1/loans', { headers: { authorization: `Bearer ${token}` } }));
    for (let i = 0; i < env().API_TOKEN_REQUESTS_PER_MINUTE; i++) expect((await get(a.token)).status).toBe(200);
    const refused = await get(a.token);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(await refused.json()).toEqual({ error: { code: 'RATE_LIMITED', message: '接口调用过于频繁（每个令牌每分钟最多 3 次），请 1 分钟后再试' } });
    expect((await get(b.token)).status).toBe(200);
    vi.setSystemTime(at(61_000));
    expect((await get(a.token)).status).toBe(200);
  });

  it('the 稳岗返还 confirmation page per address: past the limit a Chinese refusal with the wait, other addresses go on, the next hour lets it through', async () => {
    const input = { uscc: '91500234MA5U000000', code: '000000' };
    jar.headers = new Headers({ 'x-kz-client-ip': '198.51.100.60' });
    for (let i = 0; i < env().WAGE_REFUND_CONFIRM_PER_HOUR_PER_ADDRESS; i++) {
      expect(await openWageRefundAction(input)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    }
    expect(await openWageRefundAction(input)).toEqual({ ok: false, code: 'RATE_LIMITED', message: '该网络地址提交确认过于频繁，请 1 小时后再试', retryAfterSeconds: 3600 });
    jar.headers = new Headers({ 'x-kz-client-ip': '198.51.100.61' });
    expect(await openWageRefundAction(input)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    jar.headers = new Headers({ 'x-kz-client-ip': '198.51.100.60' });
    vi.setSystemTime(at(3600_000 + 1000));
    expect(await openWageRefundAction(input)).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });
});

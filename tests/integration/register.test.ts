// These tests register from no address over and over; the per-address limit itself is tested in rate-limits.test.ts.
process.env.REGISTRATIONS_PER_ADDRESS_PER_HOUR = '1000';
import { beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { REGISTRATION_REFERRED_MESSAGE, registerApplicant } from '@/lib/server/users/register-applicant';
import { requestPasswordResetCode, requestRegistrationCode } from '@/lib/server/users/request-sms-code';
import { resetPasswordBySms } from '@/lib/server/users/reset-password-by-sms';
import { authenticateUser } from '@/lib/server/auth/authenticate-user';
import { resolveSession } from '@/lib/server/auth/resolve-session';
import { decryptPii } from '@/lib/server/crypto/pii';
import { describeDb } from '../helpers/test-db';
import { createUser, ensureReferenceData, tableCounts } from '../helpers/factories';
import { inbox, lastSmsCode } from '../helpers/sms-phone';

const valid = {
  realName: '张三',
  idNumber: '11010519491231002x',
  mobile: '138 0013 8000',
  password: 'my secret pass',
  confirmPassword: 'my secret pass',
  agree: true,
};
// (rate_limits is left out: every registration attempt, even a refused one, counts against its address.)
const COUNTED = ['users', 'sessions', 'audit_log', 'applications', 'notifications'];

describeDb('applicant registration with an SMS code (issue 12 items 1, 5)', (ctx) => {
  const db = () => ctx.h.db;
  beforeAll(async () => ensureReferenceData(db()));

  /** Step 1, as the person does it: the code arrives on the phone. */
  async function codeFor(mobile: string) {
    await requestRegistrationCode(db(), { mobile });
    return lastSmsCode(db(), mobile.replace(/\s/g, ''));
  }

  it('step 1 sends a code to the mobile as a secret SMS; step 2 with it creates the applicant, mobile and 身份证号 encrypted, and it logs in by mobile', async () => {
    const code = await codeFor('13800138000');
    const [sms] = await ctx.owner.query<{ summary: string; body: string | null }>(`select summary, body from sms_outbox order by id desc limit 1`);
    expect(sms).toEqual({ summary: '验证码短信已发送', body: null }); // staff see the summary; the body is wiped once sent
    // The code is stored only as a keyed hash.
    expect(JSON.stringify(await ctx.owner.query(`select * from sms_codes`))).not.toContain(code);

    const done = await registerApplicant(db(), { ...valid, code });
    expect(done.outcome).toBe('registered');
    const userId = (done as { userId: string }).userId;
    const [u] = await db().select().from(users).where(eq(users.id, userId));
    expect(u).toMatchObject({ role: 'applicant', mobileMasked: '138****8000', idNumberMasked: '110***********002X', legacyMobile: null });
    expect(decryptPii(u.mobileEnc!)).toBe('13800138000');
    expect(decryptPii(u.idNumberEnc!)).toBe('11010519491231002X');
    const [raw] = await ctx.owner.query<{ j: string }>(`select row_to_json(u)::text as j from users u where id = $1`, [userId]);
    expect(raw.j).not.toMatch(/13800138000|11010519491231002X/i);
    await expect(authenticateUser(db(), { identifier: '13800138000', password: 'my secret pass' })).resolves.toMatchObject({ role: 'applicant' });
    expect(await ctx.h.query(`select 1 from audit_log where event = 'user.register' and object_id = $1`, [userId])).toHaveLength(1);
    // A code is good once.
    const before = await tableCounts(db(), COUNTED);
    await expect(registerApplicant(db(), { ...valid, mobile: '13800138000', idNumber: '500234199001011232', code })).rejects.toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { code: expect.stringContaining('验证码') } });
    expect(await tableCounts(db(), COUNTED)).toEqual(before);
  });

  it('refuses a wrong code, an expired one, and one past its attempts — writing nothing', async () => {
    const mobile = '13900000021';
    const code = await codeFor(mobile);
    const wrong = code === '000000' ? '000001' : '000000';
    const details = { ...valid, mobile, idNumber: '500234199001011232' };
    const before = await tableCounts(db(), COUNTED);
    await expect(registerApplicant(db(), { ...details, code: wrong })).rejects.toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { code: '短信验证码错误或已失效，请重新获取' } });
    // A code sent to another mobile does not prove this one.
    const other = await codeFor('13900000022');
    await expect(registerApplicant(db(), { ...details, code: other })).rejects.toMatchObject({ fieldErrors: { code: expect.any(String) } });
    expect(await tableCounts(db(), COUNTED)).toEqual(before);

    // Expired: the right code, once SMS_CODE_TTL_MINUTES (10) have passed since it was sent.
    const [row] = await ctx.owner.query<{ minutes: number }>(`select round(extract(epoch from expires_at - created_at) / 60)::int as minutes from sms_codes where consumed_at is null order by created_at desc limit 1`);
    expect(row.minutes).toBe(10);
    await ctx.owner.query(`update sms_codes set expires_at = now() - interval '1 second', created_at = now() - interval '10 minutes' where consumed_at is null`);
    await expect(registerApplicant(db(), { ...details, code })).rejects.toMatchObject({ fieldErrors: { code: expect.any(String) } });
    expect(await tableCounts(db(), COUNTED)).toEqual(before);

    // Five wrong entries void a code: the right one is refused after them.
    const fresh = await codeFor(mobile);
    const bad = fresh === '111111' ? '222222' : '111111';
    for (let i = 0; i < 5; i++) await expect(registerApplicant(db(), { ...details, code: bad })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(registerApplicant(db(), { ...details, code: fresh })).rejects.toMatchObject({ fieldErrors: { code: expect.any(String) } });
    expect(await tableCounts(db(), COUNTED)).toEqual(before);
    // A new code voids the old one; the new one works.
    const older = await codeFor(mobile);
    const newest = await codeFor(mobile);
    if (older !== newest) await expect(registerApplicant(db(), { ...details, code: older })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(registerApplicant(db(), { ...details, code: newest })).resolves.toMatchObject({ outcome: 'registered' });
  });

  it.each([
    ['bad check digit', { idNumber: '110105194912310021' }, 'idNumber'],
    ['impossible birth date', { idNumber: '110105194902301234' }, 'idNumber'],
    ['bad mobile', { mobile: '12345' }, 'mobile'],
    ['short password', { password: 'short', confirmPassword: 'short' }, 'password'],
    ['mismatched confirmation', { confirmPassword: 'other' }, 'confirmPassword'],
    ['no consent', { agree: false }, 'agree'],
    ['no code', { code: '' }, 'code'],
  ])('refuses %s with a Chinese field message and writes nothing', async (_name, patch, field) => {
    const before = await tableCounts(db(), [...COUNTED, 'sms_codes']);
    const err = await registerApplicant(db(), { ...valid, idNumber: '500234199001011240', mobile: '13900000031', code: '123456', ...patch }).catch((e) => e);
    expect(err).toMatchObject({ code: 'INVALID_INPUT' });
    expect(err.fieldErrors[field]).toMatch(/[\u4e00-\u9fa5]/);
    expect(await tableCounts(db(), [...COUNTED, 'sms_codes'])).toEqual(before);
  });

  it('a clash with an existing 身份证号 or mobile gets one neutral answer, the same for both, and creates nothing', async () => {
    const owner = { ...valid, mobile: '13900000040', idNumber: '500234199001012016' };
    await expect(registerApplicant(db(), { ...owner, code: await codeFor(owner.mobile) })).resolves.toMatchObject({ outcome: 'registered' });
    const idClash = { ...owner, mobile: '13900000041', code: await codeFor('13900000041') };
    const mobileClash = { ...owner, idNumber: '500234199001012032', code: await codeFor(owner.mobile) };
    const usersBefore = await tableCounts(db(), ['users', 'sessions', 'applications']);
    const auditBefore = (await tableCounts(db(), ['audit_log'])).audit_log;
    const a = await registerApplicant(db(), idClash);
    const b = await registerApplicant(db(), mobileClash);
    expect(a).toEqual({ outcome: 'referred' });
    expect(b).toEqual(a);
    expect(await tableCounts(db(), ['users', 'sessions', 'applications'])).toEqual(usersBefore);
    // Both leave the same trace: one audit row each, with the same content (no hint which clashed).
    const rows = await ctx.h.query<{ event: string; result: string; detail: unknown; object_id: string | null; actor_id: string | null }>(
      `select event, result, detail, object_id, actor_id from audit_log order by seq desc limit 2`,
    );
    expect((await tableCounts(db(), ['audit_log'])).audit_log).toBe(auditBefore + 2);
    expect(rows[0]).toEqual(rows[1]);
    expect(rows[0]).toMatchObject({ event: 'user.register', result: 'failure', object_id: null, actor_id: null });
    // The codes are used up: asking again needs a new code.
    await expect(registerApplicant(db(), idClash)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(REGISTRATION_REFERRED_MESSAGE).toContain('就业和人才中心');
  });
});

describeDb('applicant password reset by SMS (issue 12 item 1)', (ctx) => {
  const db = () => ctx.h.db;
  beforeAll(async () => ensureReferenceData(db()));

  it('sends a code to an applicant’s mobile; the code and a new password replace the old one, end every session and are audited', async () => {
    const u = await createUser(db(), { role: 'applicant', mobile: '13700000051', password: 'old applicant pw 1' });
    const session = await authenticateUser(db(), { identifier: '13700000051', password: 'old applicant pw 1' });
    await requestPasswordResetCode(db(), { mobile: '137 0000 0051' });
    const code = await lastSmsCode(db(), '13700000051');
    expect((await inbox(db(), '13700000051')).at(-1)).toContain('重置');

    const before = await tableCounts(db(), COUNTED);
    const wrong = code === '000000' ? '000001' : '000000';
    await expect(resetPasswordBySms(db(), { mobile: '13700000051', code: wrong, newPassword: 'new applicant pw 2', confirmPassword: 'new applicant pw 2' })).rejects.toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { code: expect.any(String) } });
    // A password the policy refuses uses up nothing: the code still works afterwards.
    await expect(resetPasswordBySms(db(), { mobile: '13700000051', code, newPassword: 'x13700000051', confirmPassword: 'x13700000051' })).rejects.toMatchObject({ fieldErrors: { newPassword: expect.any(String) } });
    expect(await tableCounts(db(), COUNTED)).toEqual(before);
    await expect(authenticateUser(db(), { identifier: '13700000051', password: 'new applicant pw 2' })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });

    await resetPasswordBySms(db(), { mobile: '13700000051', code, newPassword: 'new applicant pw 2', confirmPassword: 'new applicant pw 2' }, '10.0.0.9');
    await expect(authenticateUser(db(), { identifier: '13700000051', password: 'old applicant pw 1' })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    await expect(authenticateUser(db(), { identifier: '13700000051', password: 'new applicant pw 2' })).resolves.toMatchObject({ userId: u.id });
    expect(await resolveSession(db(), session.sessionId)).toBeNull();
    expect(await ctx.h.query(`select actor_id from audit_log where event = 'user.reset_password_sms' and object_id = $1`, [u.id])).toEqual([{ actor_id: u.id }]);
    // Used once.
    await expect(resetPasswordBySms(db(), { mobile: '13700000051', code, newPassword: 'third applicant pw 3', confirmPassword: 'third applicant pw 3' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('answers a mobile with no applicant account (unknown, or staff) exactly alike, and sends nothing there', async () => {
    await createUser(db(), { role: 'hr_reviewer', orgCode: 'KZ-EMP', mobile: '17700000052' });
    const r1 = await requestPasswordResetCode(db(), { mobile: '13700000059' });
    const r2 = await requestPasswordResetCode(db(), { mobile: '17700000052' });
    expect(r1).toEqual(r2);
    expect(await inbox(db(), '13700000059')).toEqual([]);
    expect(await inbox(db(), '17700000052')).toEqual([]);
    const before = await tableCounts(db(), COUNTED);
    for (const mobile of ['13700000059', '17700000052']) {
      await expect(resetPasswordBySms(db(), { mobile, code: '123456', newPassword: 'new staff pw 22', confirmPassword: 'new staff pw 22' })).rejects.toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { code: '短信验证码错误或已失效，请重新获取' } });
    }
    expect(await tableCounts(db(), COUNTED)).toEqual(before);
  });
});

describe('codes never show where staff look', () => {
  it('the SMS text names the purpose and carries the code for the phone only', async () => {
    // (The outbox's staff list shows the summary only: tests/unit/sms-secret-readers.test.ts.)
    expect(REGISTRATION_REFERRED_MESSAGE).not.toMatch(/身份证号已|手机号已/);
  });
});

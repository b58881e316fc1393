import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { createDb } from '@/db/client';
import { listPersonalDataReveals } from '@/lib/server/audit/list-personal-data-reveals';
import { revealPersonalData } from '@/lib/server/review/reveal-personal-data';
import { decryptPii } from '@/lib/server/crypto/pii';
import { env } from '@/lib/env';
import { describeDb } from '../helpers/test-db';
import { actorOf, createUser, ensureReferenceData, tableCounts } from '../helpers/factories';
import { applicationAt, createCast, type Cast } from '../helpers/workflow-fixtures';

const WHY = { reasonCode: 'identity_check', reasonText: '与申请人现场出示的身份证原件核对' } as const;
const TABLES = ['users', 'sessions', 'audit_log', 'applications', 'application_events', 'documents', 'notifications', 'rate_limits'];

describeDb('PII-04 revealing a personal number', (ctx) => {
  let cast: Cast;
  let appId: string;
  let applicantUserId: string;
  const db = () => ctx.h.db;
  const unmaskRows = (actorId: string) =>
    ctx.h.query<{ result: string; detail: Record<string, unknown> }>(`select result, detail from audit_log where event = 'pii.unmask' and actor_id = $1 order by seq`, [actorId]);

  beforeAll(async () => {
    await ensureReferenceData(db());
    cast = await createCast(db());
    const a = await applicationAt(db(), cast, 'pending_bank');
    appId = a.id;
    applicantUserId = a.applicant.userId;
  });
  afterEach(() => void vi.useRealTimers());

  it('shows the full 身份证号 to a reviewer in scope, with the reason and the masked subject in the audit row; refuses others and writes nothing', async () => {
    const [row] = await ctx.h.query<{ id_number_enc: string }>(`select id_number_enc from users where id = $1`, [applicantUserId]);
    const expected = decryptPii(row.id_number_enc);
    const [app] = await ctx.h.query<{ number: string; applicant_name: string; id_number_masked: string }>(`select number, applicant_name, id_number_masked from applications where id = $1`, [appId]);

    const r = await revealPersonalData(db(), cast.hr, { applicationId: appId, field: 'applicant.idNumber', ...WHY });
    expect(r.values).toEqual([expected]);
    const audit = await unmaskRows(cast.hr.userId);
    expect(audit).toEqual([
      {
        result: 'success',
        detail: {
          field: 'applicant.idNumber', ...WHY,
          subject: { name: `${app.applicant_name[0]}${'*'.repeat(app.applicant_name.length - 1)}`, idNumberMasked: app.id_number_masked, applicationNumber: app.number },
        },
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain(expected);

    const before = await tableCounts(db(), TABLES);
    await expect(revealPersonalData(db(), cast.finance, { applicationId: appId, field: 'applicant.idNumber', ...WHY })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(revealPersonalData(db(), cast.admin, { applicationId: appId, field: 'applicant.idNumber', ...WHY })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(revealPersonalData(db(), cast.otherBank, { applicationId: appId, field: 'applicant.idNumber', ...WHY })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(revealPersonalData(db(), { ...cast.hr, role: 'applicant' }, { applicationId: appId, field: 'applicant.idNumber', ...WHY })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // NOT_FOUND used one point of otherBank's allowance (guessing costs); nothing else changed.
    expect(await tableCounts(db(), TABLES)).toEqual({ ...before, rate_limits: before.rate_limits + (ctx.h.driver === 'pg' ? 1 : 0) });
  });

  it('the auditor reads masked data only: an unmask is refused and writes nothing', async () => {
    const before = await tableCounts(db(), TABLES);
    await expect(revealPersonalData(db(), cast.auditor, { applicationId: appId, field: 'applicant.idNumber', ...WHY })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(revealPersonalData(db(), cast.auditor, { applicationId: appId, field: 'applicant.mobile', ...WHY })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await tableCounts(db(), TABLES)).toEqual(before);
  });

  it('a reveal without a reason (no code, an unknown code, no or too short an explanation) is refused with a Chinese field message and writes nothing', async () => {
    const before = await tableCounts(db(), TABLES);
    const base = { applicationId: appId, field: 'applicant.idNumber' };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...base }, 'reasonCode', '请选择查看原因'],
      [{ ...base, reasonText: WHY.reasonText }, 'reasonCode', '请选择查看原因'],
      [{ ...base, reasonCode: 'curiosity', reasonText: WHY.reasonText }, 'reasonCode', '请选择查看原因'],
      [{ ...base, reasonCode: 'other' }, 'reasonText', '请说明查看的具体原因'],
      [{ ...base, reasonCode: 'other', reasonText: '   看看 ' }, 'reasonText', '请说明查看的具体原因（至少 4 个字）'],
    ];
    for (const [input, field, message] of cases) {
      await expect(revealPersonalData(db(), cast.hr, input)).rejects.toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { [field]: message } });
    }
    expect(await tableCounts(db(), TABLES)).toEqual(before);
  });

  it(`at most PII_REVEALS_PER_HOUR (${env().PII_REVEALS_PER_HOUR}) reveals per person per hour: the next is refused in Chinese with the wait, audited as a failure, and the next hour lets it through`, async () => {
    const limit = env().PII_REVEALS_PER_HOUR;
    const hr = actorOf(await createUser(db(), { role: 'hr_reviewer', orgCode: 'KZ-EMP' }));
    vi.useFakeTimers({ toFake: ['Date'], now: new Date() });
    for (let i = 0; i < limit; i++) await revealPersonalData(db(), hr, { applicationId: appId, field: 'applicant.mobile', ...WHY });
    vi.setSystemTime(Date.now() + 10 * 60_000);

    const before = await tableCounts(db(), ['applications', 'application_events', 'notifications', 'rate_limits']);
    const err = await revealPersonalData(db(), hr, { applicationId: appId, field: 'applicant.mobile', ...WHY }).catch((e) => e);
    expect(err).toMatchObject({ code: 'RATE_LIMITED' });
    // The window started at the first reveal: about 50 minutes are left.
    expect(err.retryAfterSeconds).toBeGreaterThan(49 * 60);
    expect(err.retryAfterSeconds).toBeLessThanOrEqual(50 * 60);
    expect(err.userMessage).toBe(`查看完整个人信息过于频繁（每人每小时最多 ${limit} 次），请 50 分钟后再试`);
    expect(await tableCounts(db(), ['applications', 'application_events', 'notifications', 'rate_limits'])).toEqual(before);
    const rows = await unmaskRows(hr.userId);
    expect(rows.filter((r) => r.result === 'success')).toHaveLength(limit);
    expect(rows.at(-1)).toEqual({ result: 'failure', detail: { field: 'applicant.mobile', ...WHY, refused: 'rate_limited' } });

    // Another person is not held back by this one's count.
    await expect(revealPersonalData(db(), cast.guarantee, { applicationId: appId, field: 'applicant.mobile', ...WHY })).resolves.toBeTruthy();

    vi.setSystemTime(Date.now() + 51 * 60_000);
    await expect(revealPersonalData(db(), hr, { applicationId: appId, field: 'applicant.mobile', ...WHY })).resolves.toBeTruthy();
    expect((await unmaskRows(hr.userId)).at(-1)?.result).toBe('success');
  });

  it('the hourly limit holds across app processes on PostgreSQL (two connection pools on one database share the count)', async () => {
    // PGlite is one process by construction (its directory lock refuses a second): memory is the store there.
    if (ctx.h.driver !== 'pg') return expect(ctx.h.driver).toBe('pglite');
    const other = await createDb({ url: ctx.h.url });
    try {
      const hr = actorOf(await createUser(db(), { role: 'hr_reviewer', orgCode: 'KZ-EMP' }));
      const limit = env().PII_REVEALS_PER_HOUR;
      for (let i = 0; i < limit; i++) await revealPersonalData(i % 2 ? other.db : db(), hr, { applicationId: appId, field: 'applicant.mobile', ...WHY });
      await expect(revealPersonalData(other.db, hr, { applicationId: appId, field: 'applicant.mobile', ...WHY })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
      await expect(revealPersonalData(db(), hr, { applicationId: appId, field: 'applicant.mobile', ...WHY })).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    } finally {
      await other.close();
    }
  });

  it("the auditor's list: who revealed whose data (masked) and why, searchable and paged; the search is audited", async () => {
    await revealPersonalData(db(), cast.bank, { applicationId: appId, field: 'applicant.idNumber', reasonCode: 'contract_signing', reasonText: '签订借款合同前核对借款人身份' });
    const [bankUser] = await ctx.h.query<{ username: string }>(`select username from users where id = $1`, [cast.bank.userId]);
    const [app] = await ctx.h.query<{ number: string; id_number_masked: string }>(`select number, id_number_masked from applications where id = $1`, [appId]);

    const mine = await listPersonalDataReveals(db(), cast.auditor, { q: bankUser.username });
    expect(mine.total).toBe(1);
    expect(mine.rows[0]).toMatchObject({
      actorUsername: bankUser.username, actorRole: 'bank_officer', field: 'applicant.idNumber', reasonCode: 'contract_signing', reasonText: '签订借款合同前核对借款人身份',
      subjectIdMasked: app.id_number_masked, applicationNumber: app.number, result: 'success',
    });
    expect(mine.rows[0].subjectName).toMatch(/^.\*+$/);

    const byReason = await listPersonalDataReveals(db(), cast.auditor, { reasonCode: 'contract_signing' });
    expect(byReason.rows.map((r) => r.actorUsername)).toEqual([bankUser.username]);
    const byNumber = await listPersonalDataReveals(db(), cast.auditor, { q: app.number });
    expect(byNumber.total).toBeGreaterThan(byNumber.pageSize);
    expect(byNumber.rows).toHaveLength(byNumber.pageSize);
    const page2 = await listPersonalDataReveals(db(), cast.auditor, { q: app.number, page: 2 });
    expect(page2.rows[0].seq).toBeLessThan(byNumber.rows.at(-1)!.seq);
    // Refused attempts (past the hourly limit) are listed too.
    const all = await listPersonalDataReveals(db(), cast.auditor, {});
    expect(all.rows.filter((r) => r.result === 'failure').every((r) => r.refused === 'rate_limited' && r.reasonCode === 'identity_check')).toBe(true);
    expect(all.rows.some((r) => r.result === 'failure')).toBe(true);
    const none = await listPersonalDataReveals(db(), cast.auditor, { from: '2000-01-01', to: '2000-01-31' });
    expect(none.total).toBe(0);

    const [{ n }] = await ctx.h.query<{ n: number }>(`select count(*)::int as n from audit_log where event = 'audit.search' and actor_id = $1 and detail->>'view' = 'pii_reveals'`, [cast.auditor.userId]);
    expect(n).toBe(6);
    // Nobody else reads this list.
    for (const a of [cast.hr, cast.finance, cast.admin, cast.bank]) await expect(listPersonalDataReveals(db(), a, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

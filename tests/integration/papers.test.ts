import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { applications } from '@/db/schema';
import { chineseDate, expectedCompletionDate } from '@/lib/domain/paper/official-documents';
import { loadCalendar } from '@/lib/server/calendar/load-calendar';
import { todayInChina } from '@/lib/server/clock';
import type { Actor } from '@/lib/server/auth/actor';
import { getApplicationPaper } from '@/lib/server/paper/get-application-paper';
import { decideApplication } from '@/lib/server/review/decide-application';
import { ensureReferenceData } from '../helpers/factories';
import { registerTestApplicant, stateOf } from '../helpers/application-fixtures';
import { describeDb } from '../helpers/test-db';
import { applicationAt, createCast, type Cast } from '../helpers/workflow-fixtures';

describeDb('official documents: each one exists when it should, and only for its owner or the staff in scope', (ctx) => {
  const db = () => ctx.h.db;
  let cast: Cast;
  let submitted: { id: string; applicant: Actor };

  beforeAll(async () => {
    await ensureReferenceData(db());
    cast = await createCast(db());
    const r = await applicationAt(db(), cast, 'pending_hr');
    submitted = { id: r.id, applicant: r.applicant };
  }, 180_000);

  it('受理回执: number, acceptance date, the expected completion date in working days, documents received and the status QR', async () => {
    const v = await getApplicationPaper(db(), submitted.applicant, submitted.id, 'receipt');
    expect(v.title).toBe('受理回执');
    expect(v.applicationNumber).toMatch(/^KZ\d{10}$/);
    expect(v.number).toBe(`开人社受〔2026〕${v.applicationNumber}号`);
    const [app] = await db().select({ submittedAt: applications.submittedAt }).from(applications).where(eq(applications.id, submitted.id));
    const acceptedOn = todayInChina(app.submittedAt!);
    expect(v.receipt!.acceptedOn).toBe(chineseDate(acceptedOn));
    expect(v.receipt!.expectedBy).toBe(chineseDate(expectedCompletionDate(acceptedOn, await loadCalendar(db()))));
    expect(v.receipt!.workingDays).toBe(13);
    expect(v.receipt!.received.map((d) => d.label).sort()).toEqual(['人员类别证明', '营业执照', '身份证'].sort());
    expect(v.receipt!.statusUrl).toMatch(new RegExp(`/portal/applications/${submitted.id}$`));
    expect(v.receipt!.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(v.issuer).toBe('开州区就业和人才中心');
    expect(v.loanType).toBe('个人创业担保贷款');
  });

  it('another applicant, another bank and roles without a reader permission get nothing', async () => {
    const other = await registerTestApplicant(db(), '旁人');
    await expect(getApplicationPaper(db(), other, submitted.id, 'receipt')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getApplicationPaper(db(), cast.finance, submitted.id, 'receipt')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getApplicationPaper(db(), cast.admin, submitted.id, 'receipt')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Not yet routed past HR: a bank sees only what was routed to it, and this one is at another bank.
    await expect(getApplicationPaper(db(), cast.otherBank, submitted.id, 'receipt')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // HR and the auditor may print it.
    expect((await getApplicationPaper(db(), cast.hr, submitted.id, 'receipt')).applicationNumber).toMatch(/^KZ/);
    expect((await getApplicationPaper(db(), cast.auditor, submitted.id, 'notice')).materials!.length).toBeGreaterThan(0);
  });

  it('a decision notice exists only after the decision: 不予受理告知书 after an HR refusal, with reason, basis and appeal rights', async () => {
    await expect(getApplicationPaper(db(), submitted.applicant, submitted.id, 'refusal')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getApplicationPaper(db(), submitted.applicant, submitted.id, 'approval')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await decideApplication(db(), cast.hr, { applicationId: submitted.id, version: (await stateOf(db(), submitted.id)).version, decision: 'reject', reason: '申请人已在其他区县获得创业担保贷款' });
    const v = await getApplicationPaper(db(), submitted.applicant, submitted.id, 'refusal');
    expect(v.title).toBe('不予受理告知书');
    expect(v.refusal!.reason).toBe('申请人已在其他区县获得创业担保贷款');
    expect(v.refusal!.basis.join()).toContain('财金〔2020〕21号');
    expect(v.refusal!.appealRights).toContain('六十日内');
    expect(v.refusal!.appealRights).toContain('六个月内');
    expect(v.issuer).toBe('开州区就业和人才中心');
  });

  it('审批结果通知书 once the bank approves, with the amount in 大写', async () => {
    const r = await applicationAt(db(), cast, 'approved');
    const v = await getApplicationPaper(db(), r.applicant, r.id, 'approval');
    expect(v.approval!.amountYuan).toBe('300000.00');
    expect(v.approval!.amountCapitals).toBe('叁拾万元整');
    expect(v.issuer).toBe('中国农业银行重庆开州支行');
    await expect(getApplicationPaper(db(), cast.otherBank, r.id, 'approval')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await getApplicationPaper(db(), cast.bank, r.id, 'approval')).approval!.amountCapitals).toBe('叁拾万元整');
  });
});

import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { applicationEvents } from '@/db/schema';
import { createDraftApplication } from '@/lib/server/applications/create-draft-application';
import { saveDraftApplication } from '@/lib/server/applications/save-draft-application';
import { submitApplication } from '@/lib/server/applications/submit-application';
import { withdrawApplication } from '@/lib/server/applications/withdraw-application';
import { resubmitApplication } from '@/lib/server/applications/resubmit-application';
import { getMyApplication } from '@/lib/server/applications/get-my-application';
import { decideApplication } from '@/lib/server/review/decide-application';
import { describeDb } from '../helpers/test-db';
import { actorOf, createUser, ensureReferenceData, tableCounts } from '../helpers/factories';
import { attachDocuments, registerTestApplicant, stateOf, validForm } from '../helpers/application-fixtures';
import { decideAllBenefits } from '../helpers/workflow-fixtures';

describeDb('applicant portal use-cases', (ctx) => {
  beforeAll(async () => ensureReferenceData(ctx.h.db));

  async function draftWithDocs(actor: Awaited<ReturnType<typeof registerTestApplicant>>, loanType = 'individual') {
    const { applicationId } = await createDraftApplication(ctx.h.db, actor, { loanType });
    await attachDocuments(ctx.h.db, applicationId, actor.userId);
    return applicationId;
  }

  it('saves a draft, submits it with a number, records the timeline and the engine answer', async () => {
    const a = await registerTestApplicant(ctx.h.db, '王一');
    const id = await draftWithDocs(a);
    await saveDraftApplication(ctx.h.db, a, { applicationId: id, step: 2, form: { loanType: 'individual', business: { name: '半填' } } });
    expect((await getMyApplication(ctx.h.db, a, id)).form).toMatchObject({ business: { name: '半填' } });

    const r = await submitApplication(ctx.h.db, a, { applicationId: id, form: validForm() });
    expect(r).toMatchObject({ alreadySubmitted: false });
    expect(r.number).toMatch(/^KZ\d{4}\d{6}$/);
    const mine = await getMyApplication(ctx.h.db, a, id);
    expect(mine.state).toBe('pending_hr');
    expect(mine.events.map((e) => e.action)).toEqual(['create', 'submit']);
    expect(mine.engineResult).toMatchObject({ eligible: true, maxAmount: expect.stringMatching(/^\d+\.\d{2}$/) });
    const audit = await ctx.h.query(`select 1 from audit_log where event = 'application.submit' and object_id = $1`, [id]);
    expect(audit).toHaveLength(1);
  });

  it('a double submit (one after the other, and at once) files one application', async () => {
    const a = await registerTestApplicant(ctx.h.db);
    const id = await draftWithDocs(a);
    const [x, y] = await Promise.all([
      submitApplication(ctx.h.db, a, { applicationId: id, form: validForm() }),
      submitApplication(ctx.h.db, a, { applicationId: id, form: validForm() }),
    ]);
    const again = await submitApplication(ctx.h.db, a, { applicationId: id, form: validForm() });
    expect(new Set([x.number, y.number, again.number]).size).toBe(1);
    expect([x.alreadySubmitted, y.alreadySubmitted].sort()).toEqual([false, true]);
    const submits = await ctx.h.db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, id));
    expect(submits.filter((e) => e.action === 'submit')).toHaveLength(1);
  });

  it.each([
    ['an amount above the limit', (f: ReturnType<typeof validForm>) => { f.loan.amount = '900000'; }, 'loan.amount', /超过最高额度/],
    ['a bad 统一社会信用代码', (f: ReturnType<typeof validForm>) => { f.business.uscc = '91350100M000100Y44'; }, 'business.uscc', /校验/],
    ['a bad spouse 身份证号', (f: ReturnType<typeof validForm>) => { f.applicant.maritalStatus = 'married'; f.applicant.spouseName = '李四'; f.applicant.spouseIdNumber = '110105194912310021'; }, 'applicant.spouseIdNumber', /校验/],
    ['a term longer than the rules allow', (f: ReturnType<typeof validForm>) => { f.loanType = 'enterprise'; f.business.uscc = '91350100M000100Y43'; f.business.currentStaff = 10; f.business.newHires = 2; f.loan.termMonths = 30; }, 'loan.termMonths', /24/],
  ])('refuses %s with a Chinese message and writes nothing', async (_n, patch, field, message) => {
    const a = await registerTestApplicant(ctx.h.db);
    const id = await draftWithDocs(a);
    const before = await tableCounts(ctx.h.db);
    const err = await submitApplication(ctx.h.db, a, { applicationId: id, form: validForm(patch) }).catch((e) => e);
    expect(err).toMatchObject({ code: 'INVALID_INPUT' });
    expect(err.fieldErrors[field]).toMatch(message);
    expect(await tableCounts(ctx.h.db)).toEqual(before);
    expect((await stateOf(ctx.h.db, id)).state).toBe('draft');
  });

  it('refuses a submission without the required documents, naming them', async () => {
    const a = await registerTestApplicant(ctx.h.db);
    const { applicationId } = await createDraftApplication(ctx.h.db, a, { loanType: 'individual' });
    const err = await submitApplication(ctx.h.db, a, { applicationId, form: validForm() }).catch((e) => e);
    expect(err.fieldErrors.documents).toBe('请上传：身份证、人员类别证明');
  });

  it('allows one open application at a time', async () => {
    const a = await registerTestApplicant(ctx.h.db);
    await createDraftApplication(ctx.h.db, a, { loanType: 'individual' });
    await expect(createDraftApplication(ctx.h.db, a, { loanType: 'enterprise' })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
  });

  it('another applicant can never read, change, submit or withdraw it — by id guessing — and nothing is written', async () => {
    const owner = await registerTestApplicant(ctx.h.db);
    const thief = await registerTestApplicant(ctx.h.db);
    const id = await draftWithDocs(owner);
    const before = await tableCounts(ctx.h.db);
    await expect(getMyApplication(ctx.h.db, thief, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(saveDraftApplication(ctx.h.db, thief, { applicationId: id, step: 1, form: { loanType: 'individual' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(submitApplication(ctx.h.db, thief, { applicationId: id, form: validForm() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(withdrawApplication(ctx.h.db, thief, { applicationId: id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await tableCounts(ctx.h.db)).toEqual(before);
  });

  it('withdraws before review, and not twice', async () => {
    const a = await registerTestApplicant(ctx.h.db);
    const id = await draftWithDocs(a);
    await submitApplication(ctx.h.db, a, { applicationId: id, form: validForm() });
    await withdrawApplication(ctx.h.db, a, { applicationId: id });
    expect((await stateOf(ctx.h.db, id)).state).toBe('withdrawn');
    await expect(withdrawApplication(ctx.h.db, a, { applicationId: id })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('a return for supplement is answered by changing exactly the listed items', async () => {
    const hr = actorOf(await createUser(ctx.h.db, { role: 'hr_reviewer', orgCode: 'KZ-EMP' }));
    const a = await registerTestApplicant(ctx.h.db);
    const id = await draftWithDocs(a);
    await submitApplication(ctx.h.db, a, { applicationId: id, form: validForm() });
    const { version } = await stateOf(ctx.h.db, id);
    await decideApplication(ctx.h.db, hr, { applicationId: id, version, decision: 'return', items: [{ field: 'business.address', note: '地址请写到门牌号' }] });
    const returned = await getMyApplication(ctx.h.db, a, id);
    expect(returned).toMatchObject({ state: 'returned', returnItems: [{ field: 'business.address', note: '地址请写到门牌号' }] });

    const outside = await resubmitApplication(ctx.h.db, a, { applicationId: id, form: validForm((f) => { f.business.address = '开州区汉丰街道滨湖路 8 号 2 栋 101'; f.loan.amount = '250000'; }) }).catch((e) => e);
    expect(outside).toMatchObject({ code: 'INVALID_INPUT' });
    expect(Object.keys(outside.fieldErrors)).toEqual(['loan.amount']);
    expect((await stateOf(ctx.h.db, id)).state).toBe('returned');

    await resubmitApplication(ctx.h.db, a, { applicationId: id, form: validForm((f) => { f.business.address = '开州区汉丰街道滨湖路 8 号 2 栋 101'; }) });
    const back = await getMyApplication(ctx.h.db, a, id);
    expect(back.state).toBe('pending_hr');
    expect(back.events.map((e) => e.action)).toEqual(['create', 'submit', 'return', 'resubmit']);
  });

  it('a bank officer sees only applications routed to their bank', async () => {
    const hr = actorOf(await createUser(ctx.h.db, { role: 'hr_reviewer', orgCode: 'KZ-EMP' }));
    const guarantee = actorOf(await createUser(ctx.h.db, { role: 'guarantee_reviewer', orgCode: 'KZ-GUAR' }));
    const abc = actorOf(await createUser(ctx.h.db, { role: 'bank_officer', orgCode: 'BANK-ABC-KZ' }));
    const other = actorOf(await createUser(ctx.h.db, { role: 'bank_officer', orgCode: 'BANK-CQRCB-KZ' }));
    const a = await registerTestApplicant(ctx.h.db);
    const id = await draftWithDocs(a);
    await submitApplication(ctx.h.db, a, { applicationId: id, form: validForm() });
    await decideAllBenefits(ctx.h.db, hr, id);
    await decideApplication(ctx.h.db, hr, { applicationId: id, version: (await stateOf(ctx.h.db, id)).version, decision: 'approve' });
    await decideApplication(ctx.h.db, guarantee, { applicationId: id, version: (await stateOf(ctx.h.db, id)).version, decision: 'approve' });
    const before = await tableCounts(ctx.h.db);
    await expect(decideApplication(ctx.h.db, other, { applicationId: id, version: (await stateOf(ctx.h.db, id)).version, decision: 'approve' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await tableCounts(ctx.h.db)).toEqual(before);
    const done = await decideApplication(ctx.h.db, abc, { applicationId: id, version: (await stateOf(ctx.h.db, id)).version, decision: 'approve' });
    expect(done.state).toBe('approved');
  });
});

import { beforeAll, expect, it } from 'vitest';
import { createDraftApplication } from '@/lib/server/applications/create-draft-application';
import { decideApplication } from '@/lib/server/review/decide-application';
import { findReviewQueue } from '@/lib/server/review/find-review-queue';
import { getApplicationForReview } from '@/lib/server/review/get-application-for-review';
import { registerTestApplicant, stateOf } from '../helpers/application-fixtures';
import { describeDb } from '../helpers/test-db';
import { ensureReferenceData, tableCounts } from '../helpers/factories';
import { applicationAt, createCast, type Cast } from '../helpers/workflow-fixtures';

describeDb('the auditor reads every stage, read-only', (ctx) => {
  let cast: Cast;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    await ensureReferenceData(ctx.h.db);
    cast = await createCast(ctx.h.db);
    ids.hr = (await applicationAt(ctx.h.db, cast, 'pending_hr')).id;
    ids.bank = (await applicationAt(ctx.h.db, cast, 'pending_bank')).id;
    ids.disbursed = (await applicationAt(ctx.h.db, cast, 'disbursed')).id;
    const applicant = await registerTestApplicant(ctx.h.db, '草稿人');
    ids.draft = (await createDraftApplication(ctx.h.db, applicant, { loanType: 'individual' })).applicationId;
  });

  it("lists every submitted application across stages and banks (never a draft), whatever tab is asked; HR's to-do list stays its stage", async () => {
    const all = await findReviewQueue(ctx.h.db, cast.auditor, { tab: 'todo', pageSize: 100 });
    const seen = all.rows.map((r) => r.id);
    expect(seen).toEqual(expect.arrayContaining([ids.hr, ids.bank, ids.disbursed]));
    expect(seen).not.toContain(ids.draft);
    expect(all.rows.find((r) => r.id === ids.hr)?.deadline).toBeTruthy();
    const hrTodo = (await findReviewQueue(ctx.h.db, cast.hr, { tab: 'todo', pageSize: 100 })).rows.map((r) => r.id);
    expect(hrTodo).toContain(ids.hr);
    expect(hrTodo).not.toContain(ids.bank);
    await expect(findReviewQueue(ctx.h.db, cast.finance, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(findReviewQueue(ctx.h.db, cast.admin, {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('opens an application with no action offered, cannot decide, and a draft does not exist for it', async () => {
    const view = await getApplicationForReview(ctx.h.db, cast.auditor, ids.hr);
    expect(view.actions).toEqual([]);
    await expect(getApplicationForReview(ctx.h.db, cast.auditor, ids.draft)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const before = await tableCounts(ctx.h.db);
    await expect(decideApplication(ctx.h.db, cast.auditor, { applicationId: ids.hr, version: (await stateOf(ctx.h.db, ids.hr)).version, decision: 'approve' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await tableCounts(ctx.h.db)).toEqual(before);
    expect((await stateOf(ctx.h.db, ids.hr)).state).toBe('pending_hr');
  });
});

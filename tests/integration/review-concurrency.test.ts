import { beforeAll, expect, it } from 'vitest';
import { decideApplication } from '@/lib/server/review/decide-application';
import { describeDb } from '../helpers/test-db';
import { ensureReferenceData } from '../helpers/factories';
import { stateOf } from '../helpers/application-fixtures';
import { applicationAt, createCast, decideAllBenefits, type Cast } from '../helpers/workflow-fixtures';

describeDb('two reviewers deciding at once', (ctx) => {
  let cast: Cast;
  beforeAll(async () => {
    await ensureReferenceData(ctx.h.db);
    cast = await createCast(ctx.h.db);
  });

  it('10 parallel approvals of one application: one success, nine conflicts, one audit row', async () => {
    const { id } = await applicationAt(ctx.h.db, cast, 'pending_hr');
    await decideAllBenefits(ctx.h.db, cast.hr, id);
    const { version } = await stateOf(ctx.h.db, id);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => decideApplication(ctx.h.db, cast.hr, { applicationId: id, version, decision: 'approve' })),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const conflicts = results.filter((r) => r.status === 'rejected' && (r.reason as { code?: string }).code === 'CONFLICT');
    expect(ok).toHaveLength(1);
    expect(conflicts).toHaveLength(9);
    expect(await stateOf(ctx.h.db, id)).toMatchObject({ state: 'pending_guarantee', version: version + 1 });
    const audits = await ctx.h.query(`select 1 from audit_log where event = 'application.approve' and object_id = $1`, [id]);
    expect(audits).toHaveLength(1);
    const events = await ctx.h.query(`select 1 from application_events where action = 'approve' and application_id = $1`, [id]);
    expect(events).toHaveLength(1);
  });

  it('a reviewer acting on a stale version is told of the conflict and changes nothing', async () => {
    const { id } = await applicationAt(ctx.h.db, cast, 'pending_hr');
    const { version } = await stateOf(ctx.h.db, id);
    await expect(decideApplication(ctx.h.db, cast.hr, { applicationId: id, version: version - 1, decision: 'reject', reason: '材料不全' })).rejects.toMatchObject({
      code: 'CONFLICT',
      userMessage: '该记录已被他人处理，请刷新后重试',
    });
    expect((await stateOf(ctx.h.db, id)).state).toBe('pending_hr');
  });
});

import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { DEFAULT_CATALOG, computeInterest, latestRuleSet, lprOn, selectRuleSet } from '@/lib/domain/rules';
import { formatRate } from '@/lib/domain/money';
import { decidePolicyChange } from '@/lib/server/policy/decide-policy-change';
import { getRuleCatalog } from '@/lib/server/policy/get-rule-catalog';
import { proposeLprRate, proposeRuleSet } from '@/lib/server/policy/propose-policy-change';
import { describeDb } from '../helpers/test-db';
import { actorOf, createUser, ensureReferenceData, tableCounts } from '../helpers/factories';

const COUNTED = ['policy_changes', 'audit_log'];

describeDb('policy administration under maker-checker', (ctx) => {
  let maker: ReturnType<typeof actorOf>;
  let checker: ReturnType<typeof actorOf>;
  let hr: ReturnType<typeof actorOf>;
  beforeAll(async () => {
    await ensureReferenceData(ctx.h.db);
    maker = actorOf(await createUser(ctx.h.db, { role: 'admin' }));
    checker = actorOf(await createUser(ctx.h.db, { role: 'admin' }));
    hr = actorOf(await createUser(ctx.h.db, { role: 'hr_reviewer' }));
  });
  afterEach(() => vi.useRealTimers());

  it('an LPR change is used only after a second administrator approves it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-01T02:00:00Z'));
    const { changeId } = await proposeLprRate(ctx.h.db, maker, { effectiveFrom: '2026-12-22', ratePercent: '2.9', reason: '央行公告' });

    const interestOn = async (contractDate: string) =>
      computeInterest(
        { district: '500154', borrowerType: 'individual', principal: 10_000_000n, contractDate, disbursedDate: contractDate, annualRate: 30000n, periodStart: contractDate, periodEnd: contractDate },
        await getRuleCatalog(ctx.h.db),
      );
    expect(lprOn((await getRuleCatalog(ctx.h.db)).lprTable, '2026-12-22').rate).toBe(30000n);
    expect(formatRate((await interestOn('2026-12-22')).rateCap!)).toBe('3.50');

    // The maker cannot check their own proposal, an HR reviewer cannot either: nothing changes.
    const before = await tableCounts(ctx.h.db, COUNTED);
    await expect(decidePolicyChange(ctx.h.db, maker, { changeId, decision: 'approve' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(decidePolicyChange(ctx.h.db, hr, { changeId, decision: 'approve' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await tableCounts(ctx.h.db, COUNTED)).toEqual(before);

    await decidePolicyChange(ctx.h.db, checker, { changeId, decision: 'approve' });
    const catalog = await getRuleCatalog(ctx.h.db);
    expect(lprOn(catalog.lprTable, '2026-12-21').rate).toBe(30000n);
    expect(lprOn(catalog.lprTable, '2026-12-22')).toMatchObject({ rate: 29000n, effectiveFrom: '2026-12-22' });
    // Regime C cap = LPR + 0.50: the new computation uses the new LPR.
    expect(formatRate((await interestOn('2026-12-22')).rateCap!)).toBe('3.40');
    await expect(decidePolicyChange(ctx.h.db, checker, { changeId, decision: 'reject', reason: 'x' })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses a retroactive date, a non-administrator, and a malformed rule set, writing nothing', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-01T02:00:00Z'));
    const before = await tableCounts(ctx.h.db, COUNTED);
    await expect(proposeLprRate(ctx.h.db, maker, { effectiveFrom: '2026-11-20', ratePercent: '2.80', reason: '补录' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(proposeLprRate(ctx.h.db, hr, { effectiveFrom: '2027-01-20', ratePercent: '2.80', reason: '公告' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const bad = await proposeRuleSet(ctx.h.db, maker, { json: JSON.stringify({ kind: 'loan', id: 'x' }), reason: '测试' }).catch((e) => e);
    expect(bad).toMatchObject({ code: 'INVALID_INPUT' });
    expect(bad.userMessage).toMatch(/规则集不符合格式/);
    expect(await tableCounts(ctx.h.db, COUNTED)).toEqual(before);
  });

  it('an approved rule-set version (here: a higher individual limit from 2027) is selected by the engine from its date', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-01T02:00:00Z'));
    const current = latestRuleSet(DEFAULT_CATALOG.ruleSets, 'loan', '500154');
    const next = structuredClone(current);
    next.effectiveFrom = '2027-01-01';
    next.version = 1;
    next.id = 'loan/500154/2027-01-01';
    next.title = '测试：2027 年起个人额度 60 万';
    next.params.limits.individual = '600000.00';
    const { changeId } = await proposeRuleSet(ctx.h.db, maker, { json: JSON.stringify(next), reason: '区政府文件' });
    expect(selectRuleSet((await getRuleCatalog(ctx.h.db)).ruleSets, 'loan', '500154', '2027-02-01').id).toBe(current.id);
    await decidePolicyChange(ctx.h.db, checker, { changeId, decision: 'approve' });
    const catalog = await getRuleCatalog(ctx.h.db);
    expect(selectRuleSet(catalog.ruleSets, 'loan', '500154', '2026-12-31').id).toBe(current.id);
    expect(selectRuleSet(catalog.ruleSets, 'loan', '500154', '2027-02-01').id).toBe('loan/500154/2027-01-01');
  });
});

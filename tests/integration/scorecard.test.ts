import { beforeAll, expect, it } from 'vitest';
import { seedDemo } from '@/db/seed';
import { DEMO_HISTORY, demoLoan2025 } from '@/db/seed/demo-history';
import { completionPercent } from '@/lib/domain/scorecard/metrics';
import { computeScorecard } from '@/lib/server/scorecard/compute-scorecard';
import { setAnnualTarget } from '@/lib/server/scorecard/set-annual-target';
import { describeDb } from '../helpers/test-db';
import { actorOf, createUser, tableCounts } from '../helpers/factories';

describeDb('the district scorecard (成绩单) is computed from the records', (ctx) => {
  beforeAll(async () => seedDemo(ctx.h.db));

  it('shows the seeded 2025 figures: loans by month, 镇街 and category, paid subsidies, returnees, completion', async () => {
    const auditor = actorOf(await createUser(ctx.h.db, { role: 'auditor' }));
    const card = await computeScorecard(ctx.h.db, auditor, 2025);
    const seeded = Array.from({ length: DEMO_HISTORY.loans }, (_, i) => demoLoan2025(i));
    const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
    const metric = (k: string) => card.metrics.find((m) => m.key === k)!;
    const amount = sum(seeded.map((l) => l.amountFen));
    expect(metric('loan_amount')).toMatchObject({ actual: amount.toString(), target: '600000000', completion: completionPercent(amount, 600_000_000n) });
    expect(metric('loan_people').actual).toBe(String(DEMO_HISTORY.loans));
    expect(metric('jobs_created').actual).toBe(String(seeded.reduce((a, l) => a + l.jobs, 0)));
    expect(metric('interest_subsidy').actual).toBe(String(sum(Array.from({ length: DEMO_HISTORY.interestPaidLines }, (_, i) => BigInt(80_000 + i * 1_500)))));
    expect(metric('wage_refund_enterprises').actual).toBe('3');
    expect(metric('wage_refund_amount').actual).toBe('3600000');
    expect(metric('returnees_helped').actual).toBe(String(seeded.filter((l) => l.isReturnee).length));
    for (let m = 1; m <= 12; m++) {
      const inMonth = seeded.filter((l) => Number(l.disbursedDate.slice(5, 7)) === m);
      expect(card.byMonth[m - 1]).toEqual({ month: m, amount: sum(inMonth.map((l) => l.amountFen)).toString(), people: inMonth.length });
    }
    expect(card.byTown.reduce((a, r) => a + r.people, 0)).toBe(DEMO_HISTORY.loans);
    expect(card.byCategory.reduce((a, r) => a + BigInt(r.amount), 0n)).toBe(amount);
    // Nothing from another year leaks in.
    expect((await computeScorecard(ctx.h.db, auditor, 2024)).metrics.find((m) => m.key === 'loan_amount')!.actual).toBe('0');
  });

  it('only the administrator sets targets; applicants and banks cannot read the scorecard', async () => {
    const admin = actorOf(await createUser(ctx.h.db, { role: 'admin' }));
    const hr = actorOf(await createUser(ctx.h.db, { role: 'hr_reviewer' }));
    const bank = actorOf(await createUser(ctx.h.db, { role: 'bank_officer' }));
    const before = await tableCounts(ctx.h.db, ['annual_targets', 'audit_log']);
    await expect(setAnnualTarget(ctx.h.db, hr, { year: 2026, metric: 'loan_people', value: '100' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(setAnnualTarget(ctx.h.db, admin, { year: 2026, metric: 'loan_people', value: '10.5' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(computeScorecard(ctx.h.db, bank, 2025)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await tableCounts(ctx.h.db, ['annual_targets', 'audit_log'])).toEqual(before);
    await setAnnualTarget(ctx.h.db, admin, { year: 2026, metric: 'loan_amount', value: '280000000' });
    expect((await computeScorecard(ctx.h.db, hr, 2026)).metrics.find((m) => m.key === 'loan_amount')!.target).toBe('28000000000');
  });
});

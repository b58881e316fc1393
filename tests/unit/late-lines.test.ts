import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG, computeSchedule, type ScheduleLoan } from '@/lib/domain/rules';
import { parseRate, parseYuan } from '@/lib/domain/money';
import type { ClaimLoanContext } from '@/lib/domain/subsidy-batches/claim-line';
import { lateLinesOf, settleCorrections, type ExistingLine } from '@/lib/domain/subsidy-batches/late-lines';

const LOAN: ScheduleLoan = {
  district: '500154', borrowerType: 'individual', principal: parseYuan('200000.00'), contractDate: '2022-09-15', disbursedDate: '2022-09-15', maturityDate: '2024-09-15', annualRate: parseRate('4.65'),
};

const ctx: ClaimLoanContext = {
  applicationId: 'app-1', applicationNumber: 'KZ-1', loanType: 'individual', borrowerName: '甲', idType: '居民身份证', categoryLabel: null, townName: null, bankName: '某银行',
  contractNo: 'HT-1', drawdownNo: null, contractDate: '2022-09-15', disbursedDate: '2022-09-15', maturityDate: '2024-09-15', extendedTo: null, loanAmountFen: 20_000_000n, guaranteeReview: null,
};

const periods = (loan: ScheduleLoan) => computeSchedule(loan, '2023-03-20', DEFAULT_CATALOG).periods.filter((p) => p.status === 'closed');
const paidLine = (id: number, periodStart: string, amountFen: bigint, over: Partial<ExistingLine> = {}): ExistingLine => ({
  id, subjectKey: `interest:app-1:${periodStart}`, batchNumber: 'TX-OLD', lineKind: 'payment', correctsLineId: null, periodStart, amountFen, afterFen: null, status: 'paid', detail: { trace: { old: true } }, ...over,
});

describe('补报 and corrections (pure)', () => {
  const ps = periods(LOAN);

  it('a period of a claimed quarter without a line is a supplement at the engine amount; of an unclaimed quarter, nothing', () => {
    expect(ps.length).toBeGreaterThanOrEqual(2);
    const all = lateLinesOf(ctx, ps, [], new Set(['2022Q3', '2022Q4', '2023Q1']));
    expect(all.map((l) => [l.lineKind, l.detail.periodStart, l.amountFen])).toEqual(ps.filter((p) => p.interest.subsidy > 0n).map((p) => ['supplement', p.periodStart, p.interest.subsidy]));
    expect(lateLinesOf(ctx, ps, [], new Set())).toEqual([]);
  });

  it('a paid line that agrees with the engine gives nothing; one that does not, a correction of exactly the difference linked to it', () => {
    const [p] = ps;
    expect(lateLinesOf(ctx, [p], [paidLine(7, p.periodStart, p.interest.subsidy)], new Set())).toEqual([]);
    const [c] = lateLinesOf(ctx, [p], [paidLine(7, p.periodStart, p.interest.subsidy + 500n)], new Set());
    expect(c).toMatchObject({ lineKind: 'correction', correctsLineId: 7, beforeFen: p.interest.subsidy + 500n, afterFen: p.interest.subsidy, amountFen: -500n, subjectKey: `interest:app-1:${p.periodStart}:corr:7` });
    expect(c.detail.correction).toMatchObject({ before: { trace: { old: true } }, after: { trace: p.interest.trace } });
  });

  it('the chain: a paid correction is what was paid; a pending line anywhere in it waits', () => {
    const [p] = ps;
    const base = paidLine(7, p.periodStart, p.interest.subsidy + 500n);
    const fixed = paidLine(9, p.periodStart, -500n, { lineKind: 'correction', correctsLineId: 7, afterFen: p.interest.subsidy, subjectKey: 'x:corr:7' });
    expect(lateLinesOf(ctx, [p], [base, fixed], new Set())).toEqual([]);
    expect(lateLinesOf(ctx, [p], [base, { ...fixed, status: 'pending' }], new Set())).toEqual([]);
    expect(lateLinesOf(ctx, [p], [{ ...base, status: 'pending' }], new Set())).toEqual([]);
    const again = lateLinesOf(ctx, [p], [base, { ...fixed, afterFen: p.interest.subsidy - 100n, amountFen: -600n }], new Set());
    expect(again).toMatchObject([{ correctsLineId: 9, beforeFen: p.interest.subsidy - 100n, afterFen: p.interest.subsidy, amountFen: 100n }]);
  });

  it('negative corrections are set off against the loan own positive lines while they last, then listed for recovery', () => {
    const [p, q] = ps;
    const lines = lateLinesOf(ctx, [p, q], [paidLine(1, p.periodStart, p.interest.subsidy + 300n), paidLine(2, q.periodStart, q.interest.subsidy + 400n)], new Set());
    const current = { subjectKey: 'now', applicationId: 'app-1', amountFen: 500n, payee: 'BORROWER' as const, detail: { ...lines[0].detail, correction: undefined, note: '' } };
    settleCorrections([current, ...lines]);
    expect(lines.map((l) => l.detail.correction!.settlement)).toEqual(['set_off', 'recovery']);
    expect(lines[1].detail.note).toContain('列入追回');
  });
});

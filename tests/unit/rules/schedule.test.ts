/**
 * Quarterly schedule of a loan (periods end on the 20th of Mar/Jun/Sep/Dec,
 * the first starts on disbursement, 算头不算尾 at repayment and maturity).
 * Loan: 开州, individual, 200,000 at 4.65% from 2022-09-15 to 2024-09-15;
 * L = 3.65 → s = 2.50. Per day: interest 9300/360, subsidy 5000/360.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG, DEFAULT_RULE_SETS, computeSchedule, computeSchedulePeriods, nextSettlementDay, type RuleCatalog, type RuleSetOf, type ScheduleLoan } from '@/lib/domain/rules';
import { formatYuan, parseRate, parseYuan } from '@/lib/domain/money';

const loan: ScheduleLoan = {
  district: '500154', borrowerType: 'individual', principal: parseYuan('200000.00'), contractDate: '2022-09-15', disbursedDate: '2022-09-15',
  maturityDate: '2024-09-15', annualRate: parseRate('4.65'),
};
const rows = (l: ScheduleLoan, asOf = '2023-01-10', catalog: RuleCatalog = DEFAULT_CATALOG) =>
  computeSchedule(l, asOf, catalog).periods.map((p) => [p.periodStart, p.periodEnd, p.interest.days, formatYuan(p.interest.totalInterest), formatYuan(p.interest.subsidy)]);

describe('nextSettlementDay', () => {
  it.each([
    ['2022-09-15', '2022-09-20'], ['2022-09-20', '2022-09-20'], ['2022-09-21', '2022-12-20'],
    ['2022-11-30', '2022-12-20'], ['2022-12-21', '2023-03-20'], ['2023-01-01', '2023-03-20'],
  ])('%s → %s', (d, want) => expect(nextSettlementDay(d)).toBe(want));
});

describe('computeSchedule', () => {
  it('splits the loan into quarterly periods up to the day before maturity', () => {
    expect(rows(loan)).toEqual([
      ['2022-09-15', '2022-09-20', 6, '155.00', '83.33'], // 9300×6/360; 5000×6/360 = 83.333…
      ['2022-09-21', '2022-12-20', 91, '2350.83', '1263.89'], // = vector LOAN-01
      ['2022-12-21', '2023-03-20', 90, '2325.00', '1250.00'],
      ['2023-03-21', '2023-06-20', 92, '2376.67', '1277.78'], // 9300×92/360 = 2376.666…; 5000×92/360 = 1277.777…
      ['2023-06-21', '2023-09-20', 92, '2376.67', '1277.78'],
      ['2023-09-21', '2023-12-20', 91, '2350.83', '1263.89'],
      ['2023-12-21', '2024-03-20', 91, '2350.83', '1263.89'], // includes 2024-02-29
      ['2024-03-21', '2024-06-20', 92, '2376.67', '1277.78'],
      ['2024-06-21', '2024-09-14', 86, '2221.67', '1194.44'], // 9300×86/360 = 2221.666…; 5000×86/360 = 1194.444…
    ]);
  });

  it('marks periods closed / current / future as of a date and totals them', () => {
    const s = computeSchedule(loan, '2023-01-10', DEFAULT_CATALOG);
    expect(s.periods.map((p) => p.status)).toEqual(['closed', 'closed', 'current', 'future', 'future', 'future', 'future', 'future', 'future']);
    expect(formatYuan(s.closedTotals.totalInterest)).toBe('2505.83'); // 155.00 + 2350.83
    expect(formatYuan(s.closedTotals.subsidy)).toBe('1347.22'); // 83.33 + 1263.89
    expect(s.totals.subsidy + s.totals.borrowerInterest).toBe(s.totals.totalInterest);
    expect(computeSchedule(loan, '2022-12-20', DEFAULT_CATALOG).periods[1].status).toBe('closed');
  });

  it('handles repayments inside a period and early settlement', () => {
    const s = computeSchedule({ ...loan, repayments: [{ date: '2023-02-01', principal: parseYuan('50000.00') }, { date: '2023-06-10', principal: parseYuan('150000.00') }] }, '2023-12-31', DEFAULT_CATALOG);
    expect([s.settledDate, s.lastAccrualDay, s.periods.length]).toEqual(['2023-06-10', '2023-06-09', 4]);
    const [, , p3, p4] = s.periods;
    // 200,000 × 42 days + 150,000 × 48 days = 15,600,000: × 4.65%/360 = 2015.00; × 2.50%/360 = 1083.333…
    expect(p3.balances).toEqual([{ from: '2023-02-01', principal: parseYuan('150000.00') }]);
    expect([formatYuan(p3.interest.totalInterest), formatYuan(p3.interest.subsidy)]).toEqual(['2015.00', '1083.33']);
    // 150,000 × 81 days (03-21..06-09): 6975 × 81/360 = 1569.375 → 1569.38 (half-up); 3750 × 81/360 = 843.75
    expect([p4.periodEnd, p4.openingBalance, formatYuan(p4.interest.totalInterest), formatYuan(p4.interest.subsidy), formatYuan(p4.interest.borrowerInterest)])
      .toEqual(['2023-06-09', parseYuan('150000.00'), '1569.38', '843.75', '725.63']);
  });

  it('an overdue period gets no subsidy; with overduePolicy PERIOD later periods are subsidised again', () => {
    const s = computeSchedule({ ...loan, overdue: [{ from: '2023-05-01', to: '2023-05-10' }] }, '2024-12-31', DEFAULT_CATALOG);
    expect(s.periods.map((p) => p.overdue)).toEqual([false, false, false, true, false, false, false, false, false]);
    expect([formatYuan(s.periods[3].interest.subsidy), formatYuan(s.periods[3].interest.borrowerInterest)]).toEqual(['0.00', '2376.67']);
    expect(formatYuan(s.periods[4].interest.subsidy)).toBe('1277.78');
  });

  it('with overduePolicy LOAN (a corrected version of the same set) no later period is subsidised', () => {
    const base = DEFAULT_RULE_SETS.find((r) => r.id === 'loan/500154/2021-01-01') as RuleSetOf<'loan'>;
    const v2: RuleSetOf<'loan'> = { ...base, version: 2, params: { ...base.params, interest: { ...base.params.interest, overduePolicy: 'LOAN' } } };
    const catalog = { ...DEFAULT_CATALOG, ruleSets: [...DEFAULT_RULE_SETS, v2] };
    const s = computeSchedule({ ...loan, overdue: [{ from: '2023-05-01', to: '2023-05-10' }] }, '2024-12-31', catalog);
    expect(s.periods.map((p) => formatYuan(p.interest.subsidy))).toEqual(['83.33', '1263.89', '1250.00', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00']);
    expect(s.periods[8].interest.exclusions).toEqual(['OVERDUE_EARLIER_PERIOD']);
  });

  it('an extension starts new, unsubsidised periods at the original maturity', () => {
    const r = rows({ ...loan, extension: { newMaturityDate: '2025-03-15' } });
    expect(r.slice(8)).toEqual([
      ['2024-06-21', '2024-09-14', 86, '2221.67', '1194.44'],
      ['2024-09-15', '2024-09-20', 6, '155.00', '0.00'],
      ['2024-09-21', '2024-12-20', 91, '2350.83', '0.00'],
      ['2024-12-21', '2025-03-14', 84, '2170.00', '0.00'], // 9300 × 84/360
    ]);
  });

  it('applies the 24-month subsidy window inside a 3-year loan', () => {
    // Window ends after 2024-09-14: 2024-06-21..09-20 has 92 days, 86 eligible.
    const s = computeSchedule({ ...loan, maturityDate: '2025-09-15' }, '2025-12-31', DEFAULT_CATALOG);
    const p = s.periods[8];
    expect([p.periodEnd, p.interest.days, p.interest.subsidyDays, formatYuan(p.interest.totalInterest), formatYuan(p.interest.subsidy)])
      .toEqual(['2024-09-20', 92, 86, '2376.67', '1194.44']);
    expect(s.periods.slice(9).every((q) => q.interest.subsidy === 0n)).toBe(true);
  });

  it('allows one extension of at most 12 months', () => {
    expect(() => computeSchedule({ ...loan, extension: { newMaturityDate: '2025-09-15' } }, '2023-01-01', DEFAULT_CATALOG)).not.toThrow();
    expect(() => computeSchedule({ ...loan, extension: { newMaturityDate: '2025-09-16' } }, '2023-01-01', DEFAULT_CATALOG)).toThrow(/展期最长 12 个月/);
  });

  it('rejects impossible loans', () => {
    expect(() => computeSchedule({ ...loan, repayments: [{ date: '2023-01-01', principal: parseYuan('200000.01') }] }, '2023-01-01', DEFAULT_CATALOG)).toThrow(/超过贷款本金/);
    expect(() => computeSchedule({ ...loan, maturityDate: '2022-09-15' }, '2023-01-01', DEFAULT_CATALOG)).toThrow(/到期日/);
    expect(() => computeSchedule({ ...loan, repayments: [{ date: '2022-09-01', principal: 1n }] }, '2023-01-01', DEFAULT_CATALOG)).toThrow(/还款日/);
  });
});

describe('computeSchedulePeriods (a quarter of the schedule, as the claim computes it)', () => {
  const variants: Array<[string, ScheduleLoan]> = [
    ['plain', loan],
    ['repayments inside and on period boundaries', { ...loan, repayments: [{ date: '2022-11-02', principal: parseYuan('50000.00') }, { date: '2023-03-21', principal: parseYuan('10000.00') }, { date: '2023-08-01', principal: parseYuan('20000.00') }] }],
    ['settled early', { ...loan, repayments: [{ date: '2023-05-10', principal: parseYuan('200000.00') }] }],
    ['overdue spells (one cured, one open)', { ...loan, overdue: [{ from: '2023-01-05', to: '2023-02-01' }, { from: '2024-01-10' }] }],
    ['extended', { ...loan, extension: { newMaturityDate: '2025-06-15' } }],
    ['enterprise, regime C', { ...loan, borrowerType: 'enterprise', principal: parseYuan('800000.00'), contractDate: '2025-07-01', disbursedDate: '2025-07-03', maturityDate: '2027-07-03', annualRate: parseRate('3.20') }],
  ];
  const quarters: Array<[string, string]> = [];
  for (let y = 2022; y <= 2027; y++) for (const [from, to] of [[`${y - 1}-12-21`, `${y}-03-20`], [`${y}-03-21`, `${y}-06-20`], [`${y}-06-21`, `${y}-09-20`], [`${y}-09-21`, `${y}-12-20`]]) quarters.push([from, to]);

  it.each(variants)('%s: every quarter gives exactly computeSchedule’s periods ending in it', (_, l) => {
    let seen = 0;
    for (const [endFrom, endTo] of quarters) {
      const whole = computeSchedule(l, endTo, DEFAULT_CATALOG).periods.filter((p) => p.periodEnd >= endFrom && p.periodEnd <= endTo);
      const part = computeSchedulePeriods(l, endTo, DEFAULT_CATALOG, { endFrom, endTo });
      expect(part).toEqual(whole);
      seen += part.length;
    }
    expect(seen).toBeGreaterThan(3);
  });

  it('refuses what computeSchedule refuses, even when no period ends in the range', () => {
    const aboveCap = { ...loan, annualRate: parseRate('9.00') };
    expect(() => computeSchedule(aboveCap, '2030-01-01', DEFAULT_CATALOG)).toThrow(expect.objectContaining({ code: 'RATE_ABOVE_CAP' }));
    expect(() => computeSchedulePeriods(aboveCap, '2030-01-01', DEFAULT_CATALOG, { endFrom: '2029-12-21', endTo: '2030-03-20' })).toThrow(expect.objectContaining({ code: 'RATE_ABOVE_CAP' }));
  });
});

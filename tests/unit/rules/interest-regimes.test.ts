/**
 * Rules of rules.md §4 that vectors.json does not cover. Expected values are
 * computed by hand in the comments (ACT/360, P × r × d / 360, half-up once).
 */
import { describe, expect, it } from 'vitest';
import { RuleError } from '@/lib/domain/errors';
import { formatRate } from '@/lib/domain/money';
import { interest } from './helpers';

describe('A0-CQ (Chongqing, contracts up to 2018-12-31)', () => {
  // 100,000 × 4.35% × 92 / 360 = 400,200 / 360 = 1111.666… → 1111.67
  const year3 = { contractDate: '2016-03-10', disbursedDate: '2016-03-10', principal: '100000.00', annualRate: '4.35', periodStart: '2018-03-21', periodEnd: '2018-06-20' };

  it('uses the 4.35% benchmark as reference rate (no LPR before 2019-08-20)', () => {
    const r = interest({ ...year3, district: '500103' });
    expect(r.regime).toBe('A0-CQ');
    expect(r.referenceRateKind).toBe('BENCHMARK');
    expect(formatRate(r.lpr)).toBe('4.35');
    expect(r.rateCap).toBeNull();
  });

  it('an individual outside the 14 districts gets nothing in contract year 3', () => {
    const r = interest({ ...year3, district: '500103' }); // 渝中区
    expect([r.days, r.total, r.sub, r.borrower, r.subsidyDays]).toEqual([92, '1111.67', '0.00', '1111.67', 0]);
  });

  it('the 14 districts keep full subsidy in year 3 (开州 falls back to the province set before 2021)', () => {
    for (const district of ['500154', '500101', '500241']) {
      const r = interest({ ...year3, district });
      expect([r.total, r.sub, r.borrower], district).toEqual(['1111.67', '1111.67', '0.00']);
    }
  });

  it('year 2 is fully subsidised everywhere', () => {
    const r = interest({ ...year3, district: '500103', periodStart: '2017-03-21', periodEnd: '2017-06-20' });
    expect([r.sub, r.borrower]).toEqual(['1111.67', '0.00']);
  });

  it('a period straddling the year-3 anniversary is split by day', () => {
    // 2017-12-21..2018-03-09 = 79 days in year 2, 2018-03-10..20 = 11 days in year 3; 90 days.
    // total 4350 × 90/360 = 1087.50; subsidy 4350 × 79/360 = 954.583… → 954.58; borrower 132.92
    const r = interest({ ...year3, district: '500103', periodStart: '2017-12-21', periodEnd: '2018-03-20' });
    expect([r.days, r.subsidyDays, r.total, r.sub, r.borrower]).toEqual([90, 79, '1087.50', '954.58', '132.92']);
  });
});

describe('national tiered A0 (outside Chongqing, 2016–2018)', () => {
  const base = { district: '110105', contractDate: '2017-01-10', disbursedDate: '2017-01-10', principal: '100000.00', annualRate: '4.35' };

  it('applies 100% / 2/3 per day by contract year', () => {
    // Anniversary 2018-01-10. Year 1: 2017-12-21..2018-01-09 = 20 days; year 2: 2018-01-10..03-20 = 70 days.
    // total 4350 × 90/360 = 1087.50; subsidy 4350 × (20 + 70 × 2/3)/360 = 4350 × (200/3)/360 = 805.555… → 805.56
    const r = interest({ ...base, periodStart: '2017-12-21', periodEnd: '2018-03-20' });
    expect(r.regime).toBe('A0');
    expect([r.days, r.total, r.sub, r.borrower]).toEqual([90, '1087.50', '805.56', '281.94']);
    expect(r.trace.segments.map((s) => s.share)).toEqual(['1', '2/3']);
  });

  it('applies 1/3 in year 3 and reports the effective rate', () => {
    // 4350 × 92/360 = 1111.666…; × 1/3 = 370.555… → 370.56; s = 4.35 × 1/3 = 1.45
    const r = interest({ ...base, periodStart: '2019-03-21', periodEnd: '2019-06-20' });
    expect([r.total, r.sub, r.borrower]).toEqual(['1111.67', '370.56', '741.11']);
    expect(r.subsidyRate).toEqual({ n: 29n, d: 20n });
  });

  it('subsidises nothing after the third contract year', () => {
    const r = interest({ ...base, periodStart: '2020-01-10', periodEnd: '2020-03-20' });
    expect([r.sub, r.subsidyDays]).toEqual(['0.00', 0]);
  });
});

describe('A1 (Chongqing 2019-01-01 .. 2020-12-31)', () => {
  // L on 2020-06-01 = 3.85 (2020-04-20 row). Period 2020-06-21..09-20 = 92 days.
  const base = { district: '500103', contractDate: '2020-06-01', disbursedDate: '2020-06-01', annualRate: '4.85', periodStart: '2020-06-21', periodEnd: '2020-09-20' };

  it('enterprise: s = min(r, L)', () => {
    // total 1,000,000 × 4.85% × 92/360 = 12394.444… → 12394.44; subsidy 38,500 × 92/360 = 9838.888… → 9838.89
    const r = interest({ ...base, borrowerType: 'enterprise', principal: '1000000.00' });
    expect(r.regime).toBe('A1');
    expect([r.total, r.sub, r.borrower]).toEqual(['12394.44', '9838.89', '2555.55']);
    expect([formatRate(r.lpr), r.subsidyRate, r.borrowerRate]).toEqual(['3.85', { n: 77n, d: 20n }, { n: 1n, d: 1n }]);
  });

  it('enterprise with r below L: s = r', () => {
    const r = interest({ ...base, borrowerType: 'enterprise', principal: '1000000.00', annualRate: '3.50' });
    expect(r.sub).toBe(r.total);
  });

  it('individual: full subsidy, no cap checked', () => {
    // 200,000 × 4.85% × 92/360 = 892,400/360 = 2478.888… → 2478.89
    const r = interest({ ...base, principal: '200000.00', annualRate: '4.85' });
    expect([r.total, r.sub, r.borrower, r.rateCap]).toEqual(['2478.89', '2478.89', '0.00', null]);
    expect(interest({ ...base, annualRate: '9.99' }).borrower).toBe('0.00');
  });

  it('before the first LPR the enterprise reference is the 4.35 benchmark', () => {
    // s = min(5.00, 4.35) = 4.35
    const r = interest({ ...base, borrowerType: 'enterprise', principal: '1000000.00', annualRate: '5.00', contractDate: '2019-05-01', disbursedDate: '2019-05-01' });
    expect([r.referenceRateKind, r.subsidyRate]).toEqual(['BENCHMARK', { n: 87n, d: 20n }]);
  });
});

describe('regime B and C boundaries', () => {
  it('regime C starts on 2025-06-03 (parameter), B the day before', () => {
    // L = 3.00 on both days. B: s = max(0, 3.30 − 1.50) = 1.80; C: s = 0.5 × 3.30 = 1.65
    const b = interest({ contractDate: '2025-06-02', disbursedDate: '2025-06-02', annualRate: '3.30', periodStart: '2025-06-02', periodEnd: '2025-06-20' });
    const c = interest({ contractDate: '2025-06-03', disbursedDate: '2025-06-03', annualRate: '3.30', periodStart: '2025-06-03', periodEnd: '2025-06-20' });
    expect([b.regime, b.subsidyRate]).toEqual(['B', { n: 9n, d: 5n }]);
    expect([c.regime, c.subsidyRate]).toEqual(['C', { n: 33n, d: 20n }]);
  });

  it('B cap is L + 2.50 in the 14 districts and L + 1.50 elsewhere; r = cap is accepted', () => {
    // L 3.65 → 6.15 (开州), 5.15 (渝中)
    expect(formatRate(interest({ annualRate: '6.15' }).rateCap ?? 0n)).toBe('6.15');
    expect(() => interest({ annualRate: '6.1501' })).toThrow(RuleError);
    expect(interest({ district: '500103', annualRate: '5.15' }).regime).toBe('B');
    try {
      interest({ district: '500103', annualRate: '5.1501' });
      expect.unreachable();
    } catch (e) {
      expect((e as RuleError).code).toBe('RATE_ABOVE_CAP');
    }
  });

  it('C cap is L + 0.50: 3.50 accepted, 3.5001 refused', () => {
    const c = { contractDate: '2025-07-10', disbursedDate: '2025-07-10', periodStart: '2025-07-10', periodEnd: '2025-09-20', principal: '500000.00' };
    expect(interest({ ...c, annualRate: '3.50' }).sub).toBe('1774.31');
    expect(() => interest({ ...c, annualRate: '3.5001' })).toThrow(/超过上限/);
  });

  it('extended periods are not subsidised', () => {
    const r = interest({ extended: true });
    expect([r.total, r.sub, r.exclusions]).toEqual(['2350.83', '0.00', ['EXTENDED']]);
  });
});

describe('subsidy window (Kaizhou 贴息2年, from the disbursement day)', () => {
  // Disbursed 2023-03-15 → last eligible day 2025-03-14. L(2023-03-15) = 3.65, r 4.65, s 2.50.
  const loan = { contractDate: '2023-03-15', disbursedDate: '2023-03-15' };

  it('pro-rates the straddling period by days', () => {
    // 2024-12-21..2025-03-20 = 90 days, eligible 2024-12-21..2025-03-14 = 84 days.
    // total 9300 × 90/360 = 2325.00; subsidy 5000 × 84/360 = 1166.666… → 1166.67
    const r = interest({ ...loan, periodStart: '2024-12-21', periodEnd: '2025-03-20' });
    expect([r.days, r.subsidyDays, r.subsidyWindowLastDay]).toEqual([90, 84, '2025-03-14']);
    expect([r.total, r.sub, r.borrower]).toEqual(['2325.00', '1166.67', '1158.33']);
  });

  it('gives nothing after the window', () => {
    expect(interest({ ...loan, periodStart: '2025-03-21', periodEnd: '2025-06-20' }).sub).toBe('0.00');
  });

  it('is a Kaizhou parameter: other districts have no such window', () => {
    // 渝中区, cap 5.15: full 90 days → 5000 × 90/360 = 1250.00
    const r = interest({ ...loan, district: '500103', periodStart: '2024-12-21', periodEnd: '2025-03-20' });
    expect([r.sub, r.subsidyWindowLastDay]).toEqual(['1250.00', null]);
  });

  it('rolls a missing day-of-month forward (disbursed 2024-02-29 → last day 2026-02-28)', () => {
    const r = interest({ contractDate: '2024-02-29', disbursedDate: '2024-02-29', annualRate: '3.85', periodStart: '2025-12-21', periodEnd: '2026-03-20' });
    expect(r.subsidyWindowLastDay).toBe('2026-02-28');
  });
});

describe('principal cap', () => {
  it('individual: subsidy on min(balance, individual limit on the contract date)', () => {
    // limit 200,000 in 2022. total 300,000 × 4.65% × 91/360 = 1,269,450/360 = 3526.25
    // subsidy 200,000 × 2.50% × 91/360 = 1263.888… → 1263.89
    const r = interest({ principal: '300000.00' });
    expect([r.total, r.sub, r.borrower]).toEqual(['3526.25', '1263.89', '2262.36']);
  });

  it('enterprise: the approved amount is the cap', () => {
    // L 3.45 on 2023-09-01, r 4.45, s 2.50, 91 days.
    // total 1,000,000 × 4.45% × 91/360 = 4,049,500/360 = 11248.611… → 11248.61
    // subsidy 800,000 × 2.50% × 91/360 = 1,820,000/360 = 5055.555… → 5055.56
    const r = interest({ borrowerType: 'enterprise', contractDate: '2023-09-01', disbursedDate: '2023-09-01', principal: '1000000.00', approvedAmount: '800000.00', annualRate: '4.45', periodStart: '2023-09-21', periodEnd: '2023-12-20' });
    expect([r.total, r.sub]).toEqual(['11248.61', '5055.56']);
  });
});

describe('balances that change inside a period', () => {
  it('sums P_i·r·d_i/360 over segments and rounds once', () => {
    // 200,000 for 2022-09-21..10-31 (41 days), 150,000 for 11-01..12-20 (50 days)
    // total (8,200,000 + 7,500,000) × 4.65% / 360 = 730,050/360 = 2027.9166… → 2027.92
    // subsidy 15,700,000 × 2.50% / 360 = 392,500/360 = 1090.2777… → 1090.28
    const r = interest({ balances: [{ from: '2022-11-01', principal: '150000.00' }] });
    expect(r.trace.segments.map((s) => [s.days, s.principal])).toEqual([[41, '200000.00'], [50, '150000.00']]);
    expect([r.total, r.sub, r.borrower]).toEqual(['2027.92', '1090.28', '937.64']);
  });

  it('rejects input that is not a valid period', () => {
    expect(() => interest({ periodStart: '2022-09-10' })).toThrow(/计息起日不能早于放款日/);
    expect(() => interest({ periodEnd: '2022-09-20' })).toThrow(/计息止日/);
    expect(() => interest({ balances: [{ from: '2022-12-21', principal: '1.00' }] })).toThrow(/余额变动/);
  });

  it('refuses contracts older than every rule set', () => {
    try {
      interest({ district: '110105', contractDate: '2015-06-01', disbursedDate: '2015-06-01', periodStart: '2015-06-21', periodEnd: '2015-09-20' });
      expect.unreachable();
    } catch (e) {
      expect((e as RuleError).code).toBe('NO_RULE_SET');
    }
  });
});

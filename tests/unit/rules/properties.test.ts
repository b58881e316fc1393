/**
 * Properties (fast-check): parts sum to the total, the subsidy never exceeds
 * the interest, splitting a period changes the result by at most 1 fen per
 * piece, and eligibility boundaries are inclusive where rules.md says so.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, fromDay, toDay } from '@/lib/domain/dates';
import { RuleError } from '@/lib/domain/errors';
import { DEFAULT_CATALOG, DEFAULT_LPR_TABLE, computeInterest, computeLoanLimit, computeWageRefund, lprOn, type InterestInput } from '@/lib/domain/rules';
import { parseRate } from '@/lib/domain/money';
import { rat } from '@/lib/domain/rational';

const DISTRICTS = ['500154', '500103', '500101', '500243', '110105', '500000'];
const day = (from: string, to: string) => fc.integer({ min: toDay(from), max: toDay(to) }).map(fromDay);

const interestInput = fc
  .record({
    district: fc.constantFrom(...DISTRICTS),
    borrowerType: fc.constantFrom('individual', 'partnership', 'enterprise') as fc.Arbitrary<InterestInput['borrowerType']>,
    principal: fc.bigInt({ min: 0n, max: 700_000_000n }),
    contractDate: day('2016-01-01', '2026-01-31'),
    disburseLag: fc.integer({ min: 0, max: 30 }),
    startLag: fc.integer({ min: 0, max: 1300 }),
    length: fc.integer({ min: 0, max: 120 }),
    annualRate: fc.bigInt({ min: 0n, max: 60_000n }),
    overdue: fc.boolean(),
  })
  .map(({ disburseLag, startLag, length, ...r }) => {
    const disbursedDate = addDays(r.contractDate, disburseLag);
    const periodStart = addDays(disbursedDate, startLag);
    return { ...r, disbursedDate, periodStart, periodEnd: addDays(periodStart, length) } satisfies InterestInput;
  });

/** The interest result, or null for a legitimate refusal (rate above the cap). */
function tryInterest(input: InterestInput) {
  try {
    return computeInterest(input, DEFAULT_CATALOG);
  } catch (e) {
    if (e instanceof RuleError && e.code === 'RATE_ABOVE_CAP') return null;
    throw e;
  }
}

describe('interest properties', () => {
  it('subsidy + borrower = total and 0 ≤ subsidy ≤ total', () => {
    fc.assert(
      fc.property(interestInput, (input) => {
        const r = tryInterest(input);
        if (!r) return;
        expect(r.subsidy + r.borrowerInterest).toBe(r.totalInterest);
        expect(r.subsidy >= 0n && r.subsidy <= r.totalInterest).toBe(true);
        if (input.overdue) expect(r.subsidy).toBe(0n);
      }),
      { numRuns: 1500 },
    );
  });

  it('balance changes that keep the same principal change nothing', () => {
    fc.assert(
      fc.property(interestInput, fc.array(fc.integer({ min: 1, max: 120 }), { maxLength: 5 }), (input, offsets) => {
        const r = tryInterest(input);
        if (!r) return;
        const span = toDay(input.periodEnd) - toDay(input.periodStart);
        const from = [...new Set(offsets.filter((o) => o <= span))].map((o) => addDays(input.periodStart, o));
        const split = computeInterest({ ...input, balances: from.map((f) => ({ from: f, principal: input.principal })) }, DEFAULT_CATALOG);
        expect([split.totalInterest, split.subsidy]).toEqual([r.totalInterest, r.subsidy]);
      }),
      { numRuns: 500 },
    );
  });

  it('computing sub-periods separately differs by at most 1 fen per piece', () => {
    fc.assert(
      fc.property(interestInput, fc.array(fc.integer({ min: 1, max: 120 }), { maxLength: 5 }), (input, offsets) => {
        const whole = tryInterest(input);
        if (!whole) return;
        const span = toDay(input.periodEnd) - toDay(input.periodStart);
        const cuts = [...new Set(offsets.filter((o) => o <= span))].sort((a, b) => a - b);
        const starts = [0, ...cuts].map((o) => addDays(input.periodStart, o));
        const ends = [...cuts.map((o) => addDays(input.periodStart, o - 1)), input.periodEnd];
        const pieces = starts.map((s, i) => computeInterest({ ...input, periodStart: s, periodEnd: ends[i] }, DEFAULT_CATALOG));
        const total = pieces.reduce((a, p) => a + p.totalInterest, 0n);
        const subsidy = pieces.reduce((a, p) => a + p.subsidy, 0n);
        const n = BigInt(pieces.length);
        const abs = (x: bigint) => (x < 0n ? -x : x);
        expect(abs(total - whole.totalInterest) <= n).toBe(true);
        expect(abs(subsidy - whole.subsidy) <= n).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('rate cap is inclusive: r = cap accepted, cap + 0.0001 refused', () => {
    fc.assert(
      fc.property(fc.constantFrom(...DISTRICTS), day('2021-01-01', '2026-01-31'), (district, contractDate) => {
        const base = { district, borrowerType: 'individual' as const, principal: 10_000_000n, contractDate, disbursedDate: contractDate, periodStart: contractDate, periodEnd: addDays(contractDate, 30) };
        const probe = computeInterest({ ...base, annualRate: 0n }, DEFAULT_CATALOG);
        const cap = probe.rateCap;
        expect(cap).not.toBeNull();
        expect(computeInterest({ ...base, annualRate: cap! }, DEFAULT_CATALOG).annualRate).toBe(cap);
        expect(() => computeInterest({ ...base, annualRate: cap! + 1n }, DEFAULT_CATALOG)).toThrow(RuleError);
      }),
      { numRuns: 300 },
    );
  });
});

describe('LPR lookup', () => {
  it('a publication day uses the new value; the day before uses the previous one', () => {
    const rows = DEFAULT_LPR_TABLE.rows;
    rows.forEach((row, i) => {
      expect(lprOn(DEFAULT_LPR_TABLE, row.effectiveFrom).rate).toBe(parseRate(row.ratePercent));
      const before = addDays(row.effectiveFrom, -1);
      if (i === 0) expect(() => lprOn(DEFAULT_LPR_TABLE, before)).toThrow(expect.objectContaining({ code: 'NO_LPR' }));
      else expect(lprOn(DEFAULT_LPR_TABLE, before).effectiveFrom).toBe(rows[i - 1].effectiveFrom);
    });
  });
});

describe('eligibility boundaries', () => {
  const enterprise = (currentStaff: number, newHires: number) =>
    computeLoanLimit({ district: '500154', date: '2023-06-01', borrowerType: 'enterprise', currentStaff, newHires }, DEFAULT_CATALOG).eligible;

  it('hiring ratio: ≥ 15%, or ≥ 8% where staff > 100 (strictly), exact (no rounding)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 0, max: 2000 }), (staff, hires) => {
        const threshold = staff > 100 ? 8 : 15;
        expect(enterprise(staff, hires)).toBe(hires * 100 >= threshold * staff);
      }),
      { numRuns: 2000 },
    );
    expect(enterprise(20, 3)).toBe(true); // exactly 15%
    expect(enterprise(100, 8)).toBe(false); // 8% but staff is not > 100
    expect(enterprise(100, 15)).toBe(true);
    expect(enterprise(101, 9)).toBe(true); // 8.91%
    expect(enterprise(101, 8)).toBe(false); // 7.92%
    expect(enterprise(200, 16)).toBe(true); // exactly 8%
  });

  it('layoff rate: ≤ 5.5%, or ≤ 20% with ≤ 30 insured (inclusive)', () => {
    const refund = (avgInsured: number, layoffs: number) =>
      computeWageRefund({ jurisdiction: 'national', policyYear: 2024, enterpriseSize: 'sme', avgInsured: rat(BigInt(avgInsured)), layoffs, premiumsPaid: 100_000n, monthsInsured: 12 }, DEFAULT_CATALOG).eligible;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.integer({ min: 0, max: 400 }), (n, layoffs) => {
        const limitTenths = n <= 30 ? 200 : 55; // percent × 10
        expect(refund(n, layoffs)).toBe(layoffs * 1000 <= limitTenths * n);
      }),
      { numRuns: 2000 },
    );
    expect(refund(200, 11)).toBe(true); // exactly 5.5%
    expect(refund(200, 12)).toBe(false);
    expect(refund(30, 6)).toBe(true); // exactly 20% with 30 insured
    expect(refund(30, 7)).toBe(false);
    expect(refund(31, 2)).toBe(false); // 6.45%: 31 insured is not a small enterprise
  });
});

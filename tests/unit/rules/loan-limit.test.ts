/** Loan limits and eligibility by application date (rules.md §5). */
import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG, computeLoanLimit, type LoanLimitInput } from '@/lib/domain/rules';
import { formatYuan, parseYuan } from '@/lib/domain/money';

function limit(input: Partial<LoanLimitInput> & { requested?: string }) {
  const { requested, ...rest } = input;
  const r = computeLoanLimit(
    { district: '500154', date: '2023-06-01', borrowerType: 'individual', ...rest, requestedAmount: requested === undefined ? undefined : parseYuan(requested) },
    DEFAULT_CATALOG,
  );
  return { ...r, max: formatYuan(r.maxAmount), codes: r.reasons.map((x) => x.code) };
}

describe('limits by application date (Chongqing)', () => {
  it.each([
    ['2018-06-01', '100000.00'],
    ['2019-06-01', '150000.00'],
    ['2020-04-14', '150000.00'],
    ['2020-04-15', '200000.00'],
    ['2024-05-11', '200000.00'],
    ['2024-05-12', '300000.00'],
    ['2025-06-02', '300000.00'],
    ['2025-06-03', '500000.00'],
  ])('individual on %s: %s', (date, max) => {
    expect(limit({ date }).max).toBe(max);
  });

  it.each([
    // 150,000 × 2 × 110% = 330,000
    ['2019-06-01', 2, '330000.00'],
    // 330,000 × 3 = 990,000
    ['2024-06-01', 3, '990000.00'],
    // 330,000 × 13 = 4,290,000 → at most 4,000,000
    ['2024-06-01', 13, '4000000.00'],
    // 550,000 × 11 = 6,050,000 → at most 6,000,000
    ['2025-07-01', 11, '6000000.00'],
  ])('partnership on %s with %i partners: %s', (date, partners, max) => {
    expect(limit({ date, borrowerType: 'partnership', partners }).max).toBe(max);
  });

  it('no partnership loans before 2019', () => {
    const r = limit({ date: '2018-06-01', borrowerType: 'partnership', partners: 2 });
    expect([r.max, r.eligible, r.codes]).toEqual(['0.00', false, ['NOT_OFFERED']]);
  });

  it('enterprise: 200,000 per qualifying hire up to 3,000,000 (2020-04-15 .. 2024-05-11), flat afterwards', () => {
    expect(limit({ borrowerType: 'enterprise', currentStaff: 40, newHires: 6 }).max).toBe('1200000.00');
    expect(limit({ borrowerType: 'enterprise', currentStaff: 100, newHires: 20 }).max).toBe('3000000.00');
    expect(limit({ date: '2024-06-01', borrowerType: 'enterprise', currentStaff: 40, newHires: 6 }).max).toBe('4000000.00');
    expect(limit({ date: '2025-06-03', borrowerType: 'enterprise', currentStaff: 40, newHires: 6 }).max).toBe('6000000.00');
  });

  it('reports the limit and the reason when the hiring ratio is too low', () => {
    const r = limit({ borrowerType: 'enterprise', currentStaff: 40, newHires: 5 });
    expect([r.max, r.eligible, r.codes]).toEqual(['1000000.00', false, ['HIRING_RATIO_TOO_LOW']]);
    expect(r.reasons[0].message).toMatch(/15/);
  });

  it('requires the hiring data for enterprises and the partner count for partnerships', () => {
    expect(() => limit({ borrowerType: 'enterprise' })).toThrow(/在职职工/);
    expect(() => limit({ borrowerType: 'partnership' })).toThrow(/合伙人数/);
  });
});

describe('eligibility rules', () => {
  it('requested amount above the limit is refused with a reason (limit itself accepted)', () => {
    expect(limit({ requested: '200000.00' }).eligible).toBe(true);
    expect(limit({ requested: '200000.01' }).codes).toEqual(['REQUESTED_ABOVE_LIMIT']);
  });

  it('at most 3 loans in total: the 4th is refused', () => {
    expect(limit({ priorLoans: 2 }).eligible).toBe(true);
    expect(limit({ priorLoans: 3 }).codes).toEqual(['LOAN_COUNT_EXCEEDED']);
  });

  it('refuses anyone with an overdue record', () => {
    expect(limit({ priorOverdue: true }).codes).toEqual(['PRIOR_OVERDUE']);
  });

  it('counter-guarantee exemption for individual loans ≤ 100,000 (parameter)', () => {
    expect(limit({ requested: '100000.00' }).counterGuaranteeRequired).toBe(false);
    expect(limit({ requested: '100000.01' }).counterGuaranteeRequired).toBe(true);
    expect(limit({}).counterGuaranteeRequired).toBe(true); // judged on the 200,000 limit
    expect(limit({ borrowerType: 'partnership', partners: 2, requested: '50000.00' }).counterGuaranteeRequired).toBe(true);
  });

  it('term: individual ≤ 36 months, enterprise ≤ 24', () => {
    expect(limit({ termMonths: 36 }).eligible).toBe(true);
    expect(limit({ termMonths: 37 }).codes).toEqual(['TERM_TOO_LONG']);
    expect(limit({ borrowerType: 'enterprise', currentStaff: 40, newHires: 6, termMonths: 24 }).eligible).toBe(true);
    expect(limit({ borrowerType: 'enterprise', currentStaff: 40, newHires: 6, termMonths: 25 }).codes).toEqual(['TERM_TOO_LONG']);
    expect(limit({}).maxTermMonths).toBe(36);
  });

  it('eligible 人员类别 by code or Chinese label', () => {
    expect(limit({ category: 'graduate' }).eligible).toBe(true);
    expect(limit({ category: '高校毕业生' }).eligible).toBe(true);
    expect(limit({ category: '返乡创业农民工' }).eligible).toBe(true);
    expect(limit({ category: '退休人员' }).codes).toEqual(['CATEGORY_NOT_ELIGIBLE']);
  });

  it('age 16 (inclusive) up to the statutory retirement age during the term', () => {
    expect(limit({ birthDate: '2007-06-01' }).eligible).toBe(true); // 16 today
    expect(limit({ birthDate: '2007-06-02' }).codes).toEqual(['AGE_BELOW_MINIMUM']);
    // Male, 60 at the end of a 36-month term (2026-06-01) → refused; born a day later → 59 → accepted
    expect(limit({ birthDate: '1966-06-01', gender: 'male', termMonths: 36 }).codes).toEqual(['AGE_REACHES_RETIREMENT']);
    expect(limit({ birthDate: '1966-06-02', gender: 'male', termMonths: 36 }).eligible).toBe(true);
    // Female retirement age parameter 55: born 1968-01-01 is 55 on 2023-06-01; born 1968-06-02 is 54
    expect(limit({ birthDate: '1968-01-01', gender: 'female' }).codes).toEqual(['AGE_REACHES_RETIREMENT']);
    expect(limit({ birthDate: '1968-06-02', gender: 'female' }).eligible).toBe(true);
  });

  it('business outside the district and other loans are refused; every reason is listed at once', () => {
    const r = limit({ businessRegisteredInDistrict: false, hasOtherLoans: true, priorOverdue: true, requested: '999999.00' });
    expect(r.codes.sort()).toEqual(['BUSINESS_NOT_IN_DISTRICT', 'HAS_OTHER_LOANS', 'PRIOR_OVERDUE', 'REQUESTED_ABOVE_LIMIT']);
    expect(r.reasons.every((x) => /[\u4e00-\u9fa5]/.test(x.message))).toBe(true);
  });

  it('names the rule set it used', () => {
    expect(limit({}).ruleSet.id).toBe('loan/500154/2021-01-01');
    expect(limit({ district: '500103' }).ruleSet.id).toBe('loan/500000/2021-01-01');
    expect(limit({ district: '500103', date: '2020-06-01' }).ruleSet.id).toBe('loan/500000/2020-04-15');
    expect(limit({ district: '110105' }).ruleSet.id).toBe('loan/national/2021-01-01');
  });
});

describe('other loans of borrower or spouse', () => {
  const other = (loans: Array<[string, string]>) =>
    limit({ otherLoans: loans.map(([kind, amount]) => ({ kind: kind as 'car', outstanding: parseYuan(amount) })) }).codes;

  it('student, poverty-relief, housing, car loans and consumer loans below 50,000 are allowed', () => {
    expect(other([['student', '20000.00'], ['poverty-relief', '5000.00'], ['housing', '800000.00'], ['car', '90000.00'], ['consumer', '49999.99']])).toEqual([]);
  });
  it('a consumer loan of 50,000 or any other loan disqualifies', () => {
    expect(other([['consumer', '50000.00']])).toEqual(['HAS_OTHER_LOANS']);
    expect(other([['other', '1.00']])).toEqual(['HAS_OTHER_LOANS']);
  });
});

/** 稳岗返还, hiring, skills, guarantee-fee and Kaizhou returnee package (rules.md §4, §6, §7). */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CATALOG, computeGuaranteeFeeSubsidy, computeHiringSubsidy, computeReturneePackage, computeSkillsSubsidy, computeWageRefund,
  type HireInput, type WageRefundInput,
} from '@/lib/domain/rules';
import { formatYuan, parseYuan } from '@/lib/domain/money';
import { rat } from '@/lib/domain/rational';

describe('稳岗返还', () => {
  const base: WageRefundInput = { jurisdiction: 'national', policyYear: 2024, enterpriseSize: 'sme', avgInsured: rat(100n), layoffs: 0, premiumsPaid: parseYuan('10000.00'), monthsInsured: 12 };
  const refund = (o: Partial<WageRefundInput>) => computeWageRefund({ ...base, ...o }, DEFAULT_CATALOG);

  it.each([
    ['national', 2021, 'large', '3000.00'], ['national', 2021, 'sme', '6000.00'],
    ['national', 2022, 'large', '5000.00'], ['national', 2022, 'sme', '9000.00'],
    ['national', 2023, 'large', '3000.00'], ['national', 2023, 'sme', '6000.00'],
    ['national', 2025, 'large', '3000.00'], ['national', 2025, 'sme', '6000.00'],
    ['500154', 2023, 'sme', '6000.00'], // Chongqing 2021–2024 = national (ASSUMED)
    ['500154', 2025, 'large', '1000.00'], ['500154', 2025, 'sme', '2000.00'], // 渝人社规〔2025〕10号
    ['500000', 2025, 'sme', '2000.00'],
  ] as const)('%s %i %s: 10,000 × ratio = %s', (jurisdiction, policyYear, enterpriseSize, amount) => {
    expect(formatYuan(refund({ jurisdiction, policyYear, enterpriseSize }).amount)).toBe(amount);
  });

  it('rounds the amount half-up to the fen: 100.05 × 10% = 10.005 → 10.01', () => {
    expect(formatYuan(refund({ jurisdiction: '500154', policyYear: 2025, enterpriseSize: 'large', premiumsPaid: parseYuan('100.05') }).amount)).toBe('10.01');
  });

  it('needs ≥ 12 months of premiums', () => {
    expect(refund({ monthsInsured: 12 }).eligible).toBe(true);
    const r = refund({ monthsInsured: 11 });
    expect([r.eligible, r.amount, r.reasons.map((x) => x.code)]).toEqual([false, 0n, ['MONTHS_INSURED_TOO_FEW']]);
  });

  it('excludes serious dishonesty, deregistration, abnormal operation and arrears', () => {
    const r = refund({ seriousDishonesty: true, deregistered: true, abnormalOperation: true, arrears: true });
    expect(r.reasons.map((x) => x.code)).toEqual(['SERIOUS_DISHONESTY', 'DEREGISTERED', 'ABNORMAL_OPERATION', 'ARREARS']);
  });

  it('uses the small-enterprise limit only up to 30 insured (a fractional 30.5 is above)', () => {
    // 6 / 30.5 = 19.67% > 5.5%
    expect(refund({ avgInsured: rat(61n, 2n), layoffs: 6 }).eligible).toBe(false);
    expect(refund({ avgInsured: rat(30n), layoffs: 6 }).eligible).toBe(true);
  });

  it('has no ratio for an unknown policy year', () => {
    expect(() => refund({ policyYear: 2020 })).toThrow(expect.objectContaining({ code: 'NO_RULE_SET' }));
  });
});

describe('hiring subsidies (never stacked)', () => {
  const hires: HireInput[] = [
    { category: 'graduate', contractMonths: 12, insuredMonths: 6 }, // 2,000
    { category: 'hardship', contractMonths: 12, insuredMonths: 6 }, // 6,000
    { category: 'youth-unemployed', contractMonths: 11, insuredMonths: 6 }, // contract too short
    { category: 'long-term-unemployed', contractMonths: 12, insuredMonths: 5 }, // insured too short
    { category: 'graduate', contractMonths: 24, insuredMonths: 12, alreadySubsidized: true }, // stacked
  ];

  it('absorb (Chongqing): 2,000 per graduate / youth / long-term unemployed, 6,000 per hardship hire', () => {
    const r = computeHiringSubsidy({ jurisdiction: '500154', policyYear: 2023, scheme: 'absorb', hires }, DEFAULT_CATALOG);
    expect(formatYuan(r.amount)).toBe('8000.00');
    expect(r.perHire.map((h) => [formatYuan(h.amount), h.reasons.map((x) => x.code)])).toEqual([
      ['2000.00', []], ['6000.00', []], ['0.00', ['CONTRACT_TOO_SHORT']], ['0.00', ['INSURED_TOO_SHORT']], ['0.00', ['ALREADY_SUBSIDIZED']],
    ]);
  });

  it('expand (national 2022–2025): 1,500 per graduate or unemployed youth with ≥ 3 months insured', () => {
    const r = computeHiringSubsidy({
      jurisdiction: 'national', policyYear: 2023, scheme: 'expand',
      hires: [
        { category: 'graduate', contractMonths: 1, insuredMonths: 3 },
        { category: 'youth-unemployed', contractMonths: 12, insuredMonths: 2 },
        { category: 'hardship', contractMonths: 12, insuredMonths: 12 },
        { category: 'graduate', contractMonths: 12, insuredMonths: 12, alreadySubsidized: true },
      ],
    }, DEFAULT_CATALOG);
    expect(formatYuan(r.amount)).toBe('1500.00');
    expect(r.perHire.map((h) => h.reasons.map((x) => x.code))).toEqual([[], ['INSURED_TOO_SHORT'], ['CATEGORY_NOT_COVERED'], ['ALREADY_SUBSIDIZED']]);
  });

  it('counts one person once within a claim', () => {
    const h = { category: 'graduate' as const, contractMonths: 12, insuredMonths: 6, personId: 'p1' };
    const r = computeHiringSubsidy({ jurisdiction: '500154', policyYear: 2023, scheme: 'absorb', hires: [h, h] }, DEFAULT_CATALOG);
    expect(formatYuan(r.amount)).toBe('2000.00');
    expect(r.perHire[1].reasons.map((x) => x.code)).toEqual(['DUPLICATE_PERSON']);
  });

  it('is not available outside its years or jurisdiction', () => {
    const one = [{ category: 'graduate' as const, contractMonths: 12, insuredMonths: 6 }];
    expect(computeHiringSubsidy({ jurisdiction: 'national', policyYear: 2026, scheme: 'expand', hires: one }, DEFAULT_CATALOG).perHire[0].reasons[0].code).toBe('SCHEME_NOT_AVAILABLE');
    expect(computeHiringSubsidy({ jurisdiction: 'national', policyYear: 2023, scheme: 'absorb', hires: one }, DEFAULT_CATALOG).amount).toBe(0n);
  });
});

describe('技能提升补贴', () => {
  it.each([
    ['junior', 0, true, '1000.00'],
    ['intermediate', 2, true, '1500.00'],
    ['senior', 2, true, '2000.00'],
    ['senior', 3, false, '0.00'],
  ] as const)('%s with %i claims this year → eligible %s, %s', (level, claimsThisYear, eligible, amount) => {
    const r = computeSkillsSubsidy({ level, claimsThisYear }, DEFAULT_CATALOG);
    expect([r.eligible, formatYuan(r.amount)]).toEqual([eligible, amount]);
  });
});

describe('担保费补贴 (regime C)', () => {
  const fee = (contractDate: string, principal: string, feePaid?: string) =>
    computeGuaranteeFeeSubsidy({ district: '500154', contractDate, principal: parseYuan(principal), feePaid: feePaid === undefined ? undefined : parseYuan(feePaid) }, DEFAULT_CATALOG);

  it('at most 0.5% of the principal a year: 500,000 → 2,500', () => {
    expect(formatYuan(fee('2025-07-10', '500000.00').maxPerYear)).toBe('2500.00');
    expect(fee('2025-07-10', '500000.00', '1800.00').subsidy).toBe(parseYuan('1800.00'));
    expect(fee('2025-07-10', '500000.00', '3000.00').subsidy).toBe(parseYuan('2500.00'));
  });

  it('does not exist before regime C', () => {
    const r = fee('2024-11-05', '100000.00');
    expect([r.eligible, r.maxPerYear, r.reasons[0].code]).toEqual([false, 0n, 'NOT_OFFERED']);
  });
});

describe('开州 三免两贴两推荐 (all parameters ASSUMED)', () => {
  const base = { district: '500154', date: '2024-03-01', localHukou: true, workedOutside: true, businessInDistrict: true };
  it('lists the seven items and values the rent waiver', () => {
    const r = computeReturneePackage({ ...base, rentWaiverMonths: 6, monthlyRent: parseYuan('1200.00') }, DEFAULT_CATALOG);
    expect(r.items.map((i) => i.code)).toHaveLength(7);
    expect(r.rentWaiver).toEqual({ months: 6, waivedAmount: parseYuan('7200.00') });
    expect(r.loanSubsidyMonths).toBe(24);
  });
  it('rent waiver months must be within 3..6; non-returnees do not qualify', () => {
    expect(() => computeReturneePackage({ ...base, rentWaiverMonths: 7 }, DEFAULT_CATALOG)).toThrow(/3 至 6/);
    expect(() => computeReturneePackage({ ...base, rentWaiverMonths: 2 }, DEFAULT_CATALOG)).toThrow(/3 至 6/);
    const r = computeReturneePackage({ ...base, workedOutside: false }, DEFAULT_CATALOG);
    expect([r.eligible, r.reasons.map((x) => x.code)]).toEqual([false, ['NOT_WORKED_OUTSIDE']]);
  });
});

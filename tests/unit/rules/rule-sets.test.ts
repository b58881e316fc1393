/** Rule sets are data: schema-valid, versioned, selected by date and jurisdiction, ASSUMED values editable. */
import { describe, expect, it } from 'vitest';
import {
  CHONGQING_DISTRICTS, CHONGQING_HIGH_TIER_DISTRICTS, DEFAULT_CATALOG, DEFAULT_LPR_TABLE, DEFAULT_RULE_SETS, computeInterest, computeLoanLimit,
  jurisdictionChain, selectRuleSet, zLprTable, zRuleSet, type RuleSetOf,
} from '@/lib/domain/rules';
import { parseRate, parseYuan } from '@/lib/domain/money';

describe('default data', () => {
  it('every default rule set and the LPR table pass the storage schema', () => {
    for (const set of DEFAULT_RULE_SETS) expect(zRuleSet.safeParse(set).success, set.id).toBe(true);
    expect(zLprTable.safeParse(DEFAULT_LPR_TABLE).success).toBe(true);
    expect(new Set(DEFAULT_RULE_SETS.map((s) => `${s.id}#${s.version}`)).size).toBe(DEFAULT_RULE_SETS.length);
  });

  it('round-trips through JSON (storable as a DB row)', () => {
    const copy = JSON.parse(JSON.stringify(DEFAULT_RULE_SETS));
    expect(copy).toEqual(DEFAULT_RULE_SETS);
  });

  it('lists 38 Chongqing districts and the 14-district tier', () => {
    expect(CHONGQING_DISTRICTS).toHaveLength(38);
    expect(CHONGQING_HIGH_TIER_DISTRICTS).toHaveLength(14);
    const names = new Map(CHONGQING_DISTRICTS.map((d) => [d.code, d.name]));
    expect(CHONGQING_HIGH_TIER_DISTRICTS.map((c) => names.get(c))).toEqual(['万州区', '开州区', '黔江区', '彭水苗族土家族自治县', '武隆区', '丰都县', '城口县', '云阳县', '奉节县', '巫山县', '巫溪县', '石柱土家族自治县', '酉阳土家族苗族自治县', '秀山土家族苗族自治县']);
  });

  it('marks the ASSUMED values in the data', () => {
    const kaizhou = DEFAULT_RULE_SETS.find((s) => s.id === 'loan/500154/2025-06-03')!;
    expect(kaizhou.assumed).toEqual(expect.arrayContaining(['effectiveFrom', 'params.interest.regime.subsidyMaxMonths', 'params.counterGuaranteeExemptMax', 'params.interest.overduePolicy', 'params.interest.payee']));
    expect(DEFAULT_RULE_SETS.find((s) => s.id === 'wage-refund/500000/2021-01-01')!.assumed).toContain('params.ratiosByYear[2021..2024]');
  });
});

describe('selectRuleSet', () => {
  it('walks district → prefecture → province → national', () => {
    expect(jurisdictionChain('500154')).toEqual(['500154', '500100', '500000', 'national']);
    expect(jurisdictionChain('500000')).toEqual(['500000', 'national']);
    expect(jurisdictionChain('national')).toEqual(['national']);
    expect(() => jurisdictionChain('5001')).toThrow(/6位/);
  });

  it.each([
    ['500154', '2025-06-03', 'loan/500154/2025-06-03'],
    ['500154', '2025-06-02', 'loan/500154/2024-05-12'],
    ['500154', '2021-01-01', 'loan/500154/2021-01-01'],
    ['500154', '2020-12-31', 'loan/500000/2020-04-15'], // Kaizhou has no set of its own before 2021
    ['500103', '2025-06-03', 'loan/500000/2025-06-03'],
    ['110105', '2025-06-03', 'loan/national/2021-01-01'],
    ['national', '2018-11-16', 'loan/national/2018-11-16'],
  ])('loan in %s on %s → %s', (jurisdiction, date, id) => {
    expect(selectRuleSet(DEFAULT_RULE_SETS, 'loan', jurisdiction, date).id).toBe(id);
  });

  it('prefers the higher version for the same effective date, and refuses dates before every set', () => {
    const base = DEFAULT_RULE_SETS.find((s) => s.id === 'loan/500000/2021-01-01')!;
    const sets = [...DEFAULT_RULE_SETS, { ...base, version: 3 }, { ...base, version: 2 }];
    expect(selectRuleSet(sets, 'loan', '500103', '2022-01-01').version).toBe(3);
    expect(() => selectRuleSet(DEFAULT_RULE_SETS, 'loan', 'national', '2015-12-31')).toThrow(expect.objectContaining({ code: 'NO_RULE_SET' }));
  });
});

describe('ASSUMED values are parameters, not code', () => {
  const edit = (id: string, change: (s: RuleSetOf<'loan'>) => RuleSetOf<'loan'>) => ({
    ...DEFAULT_CATALOG,
    ruleSets: DEFAULT_RULE_SETS.map((s) => (s.id === id ? change(s as RuleSetOf<'loan'>) : s)),
  });

  it('counterGuaranteeExemptMax', () => {
    const catalog = edit('loan/500154/2021-01-01', (s) => ({ ...s, params: { ...s.params, counterGuaranteeExemptMax: '200000.00' } }));
    const input = { district: '500154', date: '2023-06-01', borrowerType: 'individual' as const };
    expect(computeLoanLimit(input, DEFAULT_CATALOG).counterGuaranteeRequired).toBe(true);
    expect(computeLoanLimit(input, catalog).counterGuaranteeRequired).toBe(false);
  });

  it('subsidyMaxMonths and the regime-C start date', () => {
    const longer = edit('loan/500154/2021-01-01', (s) => ({ ...s, params: { ...s.params, interest: { ...s.params.interest, regime: { ...s.params.interest.regime, subsidyMaxMonths: 36 } } } }));
    const input = {
      district: '500154', borrowerType: 'individual' as const, principal: parseYuan('100000.00'), contractDate: '2023-03-15', disbursedDate: '2023-03-15',
      annualRate: parseRate('4.65'), periodStart: '2025-03-21', periodEnd: '2025-06-20',
    };
    expect(computeInterest(input, DEFAULT_CATALOG).subsidy).toBe(0n);
    expect(computeInterest(input, longer).subsidyWindowLastDay).toBe('2026-03-14');

    const earlierC = edit('loan/500154/2025-06-03', (s) => ({ ...s, effectiveFrom: '2025-01-01' }));
    const c = { ...input, contractDate: '2025-02-01', disbursedDate: '2025-02-01', annualRate: parseRate('3.50'), periodStart: '2025-02-01', periodEnd: '2025-03-20' };
    expect(computeInterest(c, DEFAULT_CATALOG).regime).toBe('B');
    expect(computeInterest(c, earlierC).regime).toBe('C');
  });
});

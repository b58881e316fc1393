/**
 * 一次性吸纳就业补贴 (absorb) and 一次性扩岗补助 (expand), rules.md §7. The two
 * are never stacked for one person: a hire already subsidised under either
 * scheme (alreadySubsidized) gets nothing, and so does a repeated personId.
 */
import { iso } from '../dates';
import { parseYuan } from '../money';
import { reason, type Reason } from './reason';
import { ruleSetRef, type HireCategory, type RuleCatalog } from './rule-set-schema';
import { selectRuleSet } from './select-rule-set';

export type HiringReasonCode = 'SCHEME_NOT_AVAILABLE' | 'CATEGORY_NOT_COVERED' | 'CONTRACT_TOO_SHORT' | 'INSURED_TOO_SHORT' | 'ALREADY_SUBSIDIZED' | 'DUPLICATE_PERSON';

export interface HireInput {
  category: HireCategory;
  contractMonths: number;
  insuredMonths: number;
  alreadySubsidized?: boolean;
  /** Optional stable id (e.g. masked ID number) to catch the same person twice in one claim. */
  personId?: string;
}

export interface HiringSubsidyInput {
  jurisdiction: string;
  policyYear: number;
  scheme: 'absorb' | 'expand';
  hires: HireInput[];
}

export interface HiringSubsidyResult {
  amount: bigint;
  perHire: Array<{ index: number; category: HireCategory; eligible: boolean; amount: bigint; reasons: Reason<HiringReasonCode>[] }>;
  ruleSet: ReturnType<typeof ruleSetRef>;
  trace: { scheme: string; schemeYears: string | null; categories: unknown };
}

export function computeHiringSubsidy(input: HiringSubsidyInput, catalog: RuleCatalog): HiringSubsidyResult {
  const set = selectRuleSet(catalog.ruleSets, 'hiring-subsidy', input.jurisdiction, iso(input.policyYear, 12, 31));
  const scheme = set.params.schemes.find(
    (s) => s.scheme === input.scheme && s.fromYear <= input.policyYear && (s.toYear === null || input.policyYear <= s.toYear),
  );
  const seen = new Set<string>();
  const perHire = input.hires.map((hire, index) => {
    const reasons: Reason<HiringReasonCode>[] = [];
    const rule = scheme?.categories.find((c) => c.category === hire.category);
    if (!scheme) reasons.push(reason('SCHEME_NOT_AVAILABLE', `${input.policyYear} 年度本地区不实施该补贴`));
    else if (!rule) reasons.push(reason('CATEGORY_NOT_COVERED', `${scheme.label}不含该人员类别`));
    if (rule && hire.contractMonths < rule.minContractMonths) reasons.push(reason('CONTRACT_TOO_SHORT', `劳动合同期限不足 ${rule.minContractMonths} 个月`));
    if (rule && hire.insuredMonths < rule.minInsuredMonths) reasons.push(reason('INSURED_TOO_SHORT', `连续参保不足 ${rule.minInsuredMonths} 个月`));
    if (hire.alreadySubsidized) reasons.push(reason('ALREADY_SUBSIDIZED', '该人员已享受吸纳就业补贴或扩岗补助，不得重复享受'));
    if (hire.personId !== undefined) {
      if (seen.has(hire.personId)) reasons.push(reason('DUPLICATE_PERSON', '同一人员在本次申请中重复出现'));
      seen.add(hire.personId);
    }
    const eligible = reasons.length === 0 && rule !== undefined;
    return { index, category: hire.category, eligible, amount: eligible && rule ? parseYuan(rule.amount) : 0n, reasons };
  });
  return {
    amount: perHire.reduce((sum, h) => sum + h.amount, 0n),
    perHire,
    ruleSet: ruleSetRef(set),
    trace: { scheme: input.scheme, schemeYears: scheme ? `${scheme.fromYear}..${scheme.toYear ?? ''}` : null, categories: scheme?.categories ?? [] },
  };
}

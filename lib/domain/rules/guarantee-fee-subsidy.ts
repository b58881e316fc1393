/**
 * 担保费补贴 (regime C): at most maxRatePercentPerYear of the principal a year.
 * Before regime C the set has no such subsidy and the answer is 0, not eligible.
 * With `feePaid` (the year's actual fee) the subsidy is min(feePaid, max).
 */
import type { IsoDate } from '../dates';
import { RATE_UNITS_PER_PERCENT, divRoundHalfUp, formatYuan, parseRate } from '../money';
import { reason, type Reason } from './reason';
import { ruleSetRef, type RuleCatalog } from './rule-set-schema';
import { selectRuleSet } from './select-rule-set';

export interface GuaranteeFeeSubsidyInput {
  district: string;
  contractDate: IsoDate;
  principal: bigint;
  feePaid?: bigint;
}

export interface GuaranteeFeeSubsidyResult {
  eligible: boolean;
  maxPerYear: bigint;
  ratePercent: bigint | null;
  subsidy: bigint | null;
  reasons: Reason<'NOT_OFFERED'>[];
  ruleSet: ReturnType<typeof ruleSetRef>;
  trace: { formula: string };
}

export function computeGuaranteeFeeSubsidy(input: GuaranteeFeeSubsidyInput, catalog: RuleCatalog): GuaranteeFeeSubsidyResult {
  const set = selectRuleSet(catalog.ruleSets, 'loan', input.district, input.contractDate);
  const rule = set.params.guaranteeFeeSubsidy;
  if (!rule) {
    return {
      eligible: false, maxPerYear: 0n, ratePercent: null, subsidy: input.feePaid === undefined ? null : 0n,
      reasons: [reason('NOT_OFFERED', '该合同签订日适用的政策不含担保费补贴')],
      ruleSet: ruleSetRef(set), trace: { formula: 'no guarantee-fee subsidy in this rule set' },
    };
  }
  const rate = parseRate(rule.maxRatePercentPerYear);
  const maxPerYear = divRoundHalfUp(input.principal * rate, 100n * RATE_UNITS_PER_PERCENT);
  const subsidy = input.feePaid === undefined ? null : input.feePaid < maxPerYear ? input.feePaid : maxPerYear;
  return {
    eligible: true, maxPerYear, ratePercent: rate, subsidy, reasons: [], ruleSet: ruleSetRef(set),
    trace: { formula: `${formatYuan(input.principal)} × ${rule.maxRatePercentPerYear}% = ${formatYuan(maxPerYear)}${subsidy === null ? '' : `; min(feePaid, max) = ${formatYuan(subsidy)}`}` },
  };
}

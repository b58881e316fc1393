/**
 * 技能提升补贴 (rules.md §7): fixed amount by certificate level, at most
 * maxClaimsPerYear claims a person a year. `claimsThisYear` counts the claims
 * already granted this year, before this one. Without a policy year the newest
 * version applies (the engine has no clock to ask).
 */
import { iso } from '../dates';
import { parseYuan } from '../money';
import { reason, type Reason } from './reason';
import { ruleSetRef, type RuleCatalog, type SkillLevel } from './rule-set-schema';
import { latestRuleSet, selectRuleSet } from './select-rule-set';

export interface SkillsSubsidyInput {
  level: SkillLevel;
  claimsThisYear: number;
  jurisdiction?: string;
  policyYear?: number;
}

export interface SkillsSubsidyResult {
  eligible: boolean;
  amount: bigint;
  reasons: Reason<'MAX_CLAIMS_REACHED'>[];
  ruleSet: ReturnType<typeof ruleSetRef>;
  trace: { maxClaimsPerYear: number; levelAmount: string };
}

export function computeSkillsSubsidy(input: SkillsSubsidyInput, catalog: RuleCatalog): SkillsSubsidyResult {
  const jurisdiction = input.jurisdiction ?? 'national';
  const set = input.policyYear === undefined
    ? latestRuleSet(catalog.ruleSets, 'skills-subsidy', jurisdiction)
    : selectRuleSet(catalog.ruleSets, 'skills-subsidy', jurisdiction, iso(input.policyYear, 12, 31));
  const p = set.params;
  const reasons = input.claimsThisYear >= p.maxClaimsPerYear ? [reason('MAX_CLAIMS_REACHED' as const, `每人每年最多享受 ${p.maxClaimsPerYear} 次`)] : [];
  const eligible = reasons.length === 0;
  return {
    eligible,
    amount: eligible ? parseYuan(p.amounts[input.level]) : 0n,
    reasons,
    ruleSet: ruleSetRef(set),
    trace: { maxClaimsPerYear: p.maxClaimsPerYear, levelAmount: p.amounts[input.level] },
  };
}

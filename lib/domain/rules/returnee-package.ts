/**
 * Kaizhou 三免两贴两推荐 for returning entrepreneurs (rules.md §7). Every
 * parameter is ASSUMED and administrator-editable: who qualifies, how many
 * months of state-owned rent are waived (the reviewer picks within min..max).
 */
import type { IsoDate } from '../dates';
import { invalidInput } from '../errors';
import { reason, type Reason } from './reason';
import { ruleSetRef, type RuleCatalog } from './rule-set-schema';
import { selectRuleSet } from './select-rule-set';

export type ReturneeReasonCode = 'NOT_LOCAL_HUKOU' | 'NOT_WORKED_OUTSIDE' | 'BUSINESS_NOT_IN_DISTRICT';

export interface ReturneePackageInput {
  district: string;
  date: IsoDate;
  localHukou: boolean;
  workedOutside: boolean;
  businessInDistrict: boolean;
  rentWaiverMonths?: number;
  /** Fen per month of the state-owned premises. */
  monthlyRent?: bigint;
}

export interface ReturneePackageResult {
  eligible: boolean;
  reasons: Reason<ReturneeReasonCode>[];
  items: Array<{ code: string; label: string; kind: string }>;
  rentWaiver: { months: number; waivedAmount: bigint } | null;
  loanSubsidyMonths: number;
  unemploymentInsuranceScheme: string;
  ruleSet: ReturnType<typeof ruleSetRef>;
}

export function computeReturneePackage(input: ReturneePackageInput, catalog: RuleCatalog): ReturneePackageResult {
  const set = selectRuleSet(catalog.ruleSets, 'returnee-package', input.district, input.date);
  const p = set.params;
  const reasons: Reason<ReturneeReasonCode>[] = [];
  if (p.eligibility.requireLocalHukou && !input.localHukou) reasons.push(reason('NOT_LOCAL_HUKOU', '非本区户籍（或长期居住）人员'));
  if (p.eligibility.requireWorkedOutside && !input.workedOutside) reasons.push(reason('NOT_WORKED_OUTSIDE', '无外出务工经历'));
  if (p.eligibility.requireBusinessInDistrict && !input.businessInDistrict) reasons.push(reason('BUSINESS_NOT_IN_DISTRICT', '创业项目未在本区注册'));

  let rentWaiver: ReturneePackageResult['rentWaiver'] = null;
  if (input.rentWaiverMonths !== undefined) {
    const { min, max } = p.rentWaiverMonths;
    if (input.rentWaiverMonths < min || input.rentWaiverMonths > max) throw invalidInput(`免租月数应在 ${min} 至 ${max} 个月之间`, 'rentWaiverMonths');
    rentWaiver = { months: input.rentWaiverMonths, waivedAmount: (input.monthlyRent ?? 0n) * BigInt(input.rentWaiverMonths) };
  }
  const eligible = reasons.length === 0;
  return {
    eligible,
    reasons,
    items: eligible ? p.items : [],
    rentWaiver: eligible ? rentWaiver : null,
    loanSubsidyMonths: p.loanSubsidyMonths,
    unemploymentInsuranceScheme: p.unemploymentInsuranceScheme,
    ruleSet: ruleSetRef(set),
  };
}

/** `wage-refund`, `hiring-subsidy`, `skills-subsidy`, `returnee-package` commands. */
import { z } from 'zod';
import { RATE_UNITS_PER_PERCENT } from '../../money';
import { rat, toDecimalText } from '../../rational';
import { computeHiringSubsidy } from '../hiring-subsidy';
import { computeReturneePackage } from '../returnee-package';
import { HIRE_CATEGORIES, SKILL_LEVELS, type RuleCatalog } from '../rule-set-schema';
import { computeSkillsSubsidy } from '../skills-subsidy';
import { computeWageRefund } from '../wage-refund';
import { count, decimal, district, isoDate, jurisdiction, money, policyYear } from './fields';
import { ratePct, yuan, yuanOrNull } from './format';

export const wageRefundInput = z.strictObject({
  jurisdiction, policyYear, enterpriseSize: z.enum(['large', 'sme']), avgInsured: decimal, layoffs: count, premiumsPaid: money, monthsInsured: count,
  seriousDishonesty: z.boolean().optional(), deregistered: z.boolean().optional(), abnormalOperation: z.boolean().optional(), arrears: z.boolean().optional(),
});
export function runWageRefund(input: z.output<typeof wageRefundInput>, catalog: RuleCatalog) {
  const r = computeWageRefund(input, catalog);
  return {
    eligible: r.eligible,
    layoffRate: toDecimalText(r.layoffRate, 2, 4),
    layoffLimit: ratePct(r.layoffLimit),
    // The ratio is a fraction of the premiums ("0.60"), as in the worked cases.
    ratio: toDecimalText(rat(r.ratioPercent, 100n * RATE_UNITS_PER_PERCENT), 2, 6),
    amount: yuan(r.amount),
    reasons: r.reasons,
    ruleSet: r.ruleSet,
    trace: r.trace,
  };
}

export const hiringSubsidyInput = z.strictObject({
  jurisdiction, policyYear, scheme: z.enum(['absorb', 'expand']),
  hires: z.array(z.strictObject({
    category: z.enum(HIRE_CATEGORIES), contractMonths: count, insuredMonths: count,
    alreadySubsidized: z.boolean().optional(), personId: z.string().min(1).optional(),
  })),
});
export function runHiringSubsidy(input: z.output<typeof hiringSubsidyInput>, catalog: RuleCatalog) {
  const r = computeHiringSubsidy(input, catalog);
  return {
    amount: yuan(r.amount),
    perHire: r.perHire.map((h) => ({ ...h, amount: yuan(h.amount) })),
    ruleSet: r.ruleSet,
    trace: r.trace,
  };
}

export const skillsSubsidyInput = z.strictObject({
  level: z.enum(SKILL_LEVELS), claimsThisYear: count, jurisdiction: jurisdiction.optional(), policyYear: policyYear.optional(),
});
export function runSkillsSubsidy(input: z.output<typeof skillsSubsidyInput>, catalog: RuleCatalog) {
  const r = computeSkillsSubsidy(input, catalog);
  return { eligible: r.eligible, amount: yuan(r.amount), reasons: r.reasons, ruleSet: r.ruleSet, trace: r.trace };
}

export const returneePackageInput = z.strictObject({
  district, date: isoDate, localHukou: z.boolean(), workedOutside: z.boolean(), businessInDistrict: z.boolean(),
  rentWaiverMonths: count.optional(), monthlyRent: money.optional(),
});
export function runReturneePackage(input: z.output<typeof returneePackageInput>, catalog: RuleCatalog) {
  const r = computeReturneePackage(input, catalog);
  return {
    eligible: r.eligible, reasons: r.reasons, items: r.items,
    rentWaiver: r.rentWaiver && { months: r.rentWaiver.months, waivedAmount: yuanOrNull(r.rentWaiver.waivedAmount) },
    loanSubsidyMonths: r.loanSubsidyMonths, unemploymentInsuranceScheme: r.unemploymentInsuranceScheme, ruleSet: r.ruleSet,
  };
}


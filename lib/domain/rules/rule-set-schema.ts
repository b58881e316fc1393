/**
 * Rule sets are DATA: JSON-serialisable documents versioned by jurisdiction
 * and effective date, so a later issue can store them in a table (one row per
 * version, `params` as JSON) and let administrators add versions under
 * maker-checker. Money is a decimal yuan string ("200000.00"), rates are
 * percent strings with up to 4 decimals ("2.50"), shares are fractions ("2/3").
 * Every value the spec marks ASSUMED lives here, never as a literal in code;
 * `assumed` lists their paths so reviewers see what still needs confirming.
 */
import { z } from 'zod';
import { isIsoDate } from '../dates';

export const zMoneyText = z.string().regex(/^\d+(\.\d{1,2})?$/, 'money: yuan with up to 2 decimals');
export const zRateText = z.string().regex(/^\d+(\.\d{1,4})?$/, 'rate: percent with up to 4 decimals');
export const zFractionText = z.string().regex(/^\d+(\/[1-9]\d*)?$/, 'fraction such as "2/3"');
export const zIsoDateText = z.string().refine(isIsoDate, 'date: YYYY-MM-DD');
export const zDistrictCode = z.string().regex(/^\d{6}$/, '6-digit 行政区划代码');
export const zJurisdiction = z.union([z.literal('national'), zDistrictCode]);
const zMonths = z.number().int().positive();

export const OTHER_LOAN_KINDS = ['student', 'poverty-relief', 'housing', 'car', 'consumer', 'other'] as const;
export type OtherLoanKind = (typeof OTHER_LOAN_KINDS)[number];

export const BORROWER_TYPES = ['individual', 'partnership', 'enterprise'] as const;
export type BorrowerType = (typeof BORROWER_TYPES)[number];

/** Upper bound on the contract rate: reference rate + spread, with district tiers. */
const zRateCap = z
  .object({
    spreadAboveReference: zRateText,
    districtOverrides: z.array(z.object({ districts: z.array(zDistrictCode).min(1), spreadAboveReference: zRateText })),
  })
  .nullable();

/** Fields every regime has: which cap applies and how long subsidy lasts from disbursement. */
const regimeCommon = {
  /** Label shown in results and traces: 'A0', 'A0-CQ', 'A1', 'B', 'C' … */
  code: z.string().min(1),
  rateCap: zRateCap,
  /** Months of subsidy counted from the disbursement day; null = no window of its own. */
  subsidyMaxMonths: zMonths.nullable(),
};

/** A0 / A0-CQ: a share of the whole interest by contract year (year 1, 2, 3 …; later years 0). */
const zContractYearShares = z.object({
  method: z.literal('CONTRACT_YEAR_SHARES'),
  ...regimeCommon,
  yearShares: z.array(zFractionText).min(1),
  districtOverrides: z.array(z.object({ districts: z.array(zDistrictCode).min(1), yearShares: z.array(zFractionText).min(1) })),
});

/** A1: individuals (and partnerships) s = r; enterprises s = min(r, L) when enterpriseCappedAtReference. */
const zFullRate = z.object({
  method: z.literal('FULL_RATE'),
  ...regimeCommon,
  enterpriseCappedAtReference: z.boolean(),
});

/** B: borrower pays up to L − spread; s = max(0, r − (L − spread)). */
const zAboveReferenceMinusSpread = z.object({
  method: z.literal('ABOVE_REFERENCE_MINUS_SPREAD'),
  ...regimeCommon,
  borrowerSpreadBelowReference: zRateText,
});

/** C: s = share × r. */
const zShareOfRate = z.object({
  method: z.literal('SHARE_OF_RATE'),
  ...regimeCommon,
  subsidySharePercent: zRateText,
});

export const zRegime = z.discriminatedUnion('method', [zContractYearShares, zFullRate, zAboveReferenceMinusSpread, zShareOfRate]);
export type Regime = z.infer<typeof zRegime>;

export const zLoanParams = z.object({
  limits: z.object({
    individual: zMoneyText.nullable(),
    partnership: z.object({ perPartner: zMoneyText, upliftPercent: zRateText, max: zMoneyText.nullable() }).nullable(),
    enterprise: z.object({ perHire: zMoneyText.nullable(), max: zMoneyText }).nullable(),
  }),
  /** new qualifying hires / current staff ≥ minRatioPercent, or ≥ largeMinRatioPercent when staff > largeStaffAbove. */
  hiringThreshold: z.object({ minRatioPercent: zRateText, largeStaffAbove: z.number().int().nonnegative(), largeMinRatioPercent: zRateText }),
  maxTermMonths: z.object({ individual: zMonths, partnership: zMonths, enterprise: zMonths }),
  extension: z.object({ maxCount: z.number().int().nonnegative(), maxMonths: zMonths, subsidised: z.boolean() }),
  maxLoansTotal: z.number().int().positive(),
  refuseIfPriorOverdue: z.boolean(),
  /** Individual loans up to this amount need no counter-guarantee (反担保). */
  counterGuaranteeExemptMax: zMoneyText,
  eligibleCategories: z.array(z.object({ code: z.string().min(1), label: z.string().min(1) })).min(1),
  /** Other loans of borrower or spouse that do not disqualify: these kinds, and consumer loans below the amount. */
  otherLoans: z.object({ exemptKinds: z.array(z.enum(OTHER_LOAN_KINDS)), consumerExemptBelow: zMoneyText }),
  age: z.object({ min: z.number().int().nonnegative(), retirementAge: z.object({ male: z.number().int(), female: z.number().int() }) }),
  interest: z.object({
    regime: zRegime,
    overduePolicy: z.enum(['PERIOD', 'LOAN']),
    payee: z.enum(['BORROWER', 'BANK']),
    dayCountBasis: z.number().int().positive(),
    /** false = 算头不算尾: no interest on the day principal is repaid / the loan matures. */
    accrueOnRepaymentDay: z.boolean(),
  }),
  guaranteeFeeSubsidy: z.object({ maxRatePercentPerYear: zRateText }).nullable(),
});
export type LoanParams = z.infer<typeof zLoanParams>;

export const zWageRefundParams = z.object({
  minMonthsInsured: z.number().int().nonnegative(),
  layoffLimitPercent: zRateText,
  smallEnterprise: z.object({ maxInsured: z.number().int().nonnegative(), layoffLimitPercent: zRateText }),
  ratiosByYear: z.array(z.object({ policyYear: z.number().int(), largePercent: zRateText, smePercent: zRateText })).min(1),
});
export type WageRefundParams = z.infer<typeof zWageRefundParams>;

export const HIRE_CATEGORIES = ['graduate', 'youth-unemployed', 'long-term-unemployed', 'hardship'] as const;
export type HireCategory = (typeof HIRE_CATEGORIES)[number];
export const zHiringParams = z.object({
  schemes: z.array(
    z.object({
      scheme: z.enum(['absorb', 'expand']),
      label: z.string(),
      fromYear: z.number().int(),
      toYear: z.number().int().nullable(),
      categories: z.array(
        z.object({ category: z.enum(HIRE_CATEGORIES), amount: zMoneyText, minContractMonths: z.number().int().nonnegative(), minInsuredMonths: z.number().int().nonnegative() }),
      ),
    }),
  ),
});
export type HiringParams = z.infer<typeof zHiringParams>;

export const SKILL_LEVELS = ['junior', 'intermediate', 'senior'] as const;
export type SkillLevel = (typeof SKILL_LEVELS)[number];
export const zSkillsParams = z.object({
  amounts: z.object({ junior: zMoneyText, intermediate: zMoneyText, senior: zMoneyText }),
  maxClaimsPerYear: z.number().int().positive(),
});
export type SkillsParams = z.infer<typeof zSkillsParams>;

/** Kaizhou 三免两贴两推荐: who qualifies and what each item gives. All ASSUMED. */
export const zReturneeParams = z.object({
  eligibility: z.object({ requireLocalHukou: z.boolean(), requireWorkedOutside: z.boolean(), requireBusinessInDistrict: z.boolean() }),
  rentWaiverMonths: z.object({ min: z.number().int().nonnegative(), max: z.number().int().nonnegative() }),
  loanSubsidyMonths: zMonths,
  unemploymentInsuranceScheme: z.enum(['wage-refund', 'social-insurance-subsidy']),
  items: z.array(z.object({ code: z.string(), label: z.string(), kind: z.enum(['waiver', 'subsidy', 'recommendation']) })).min(1),
});
export type ReturneeParams = z.infer<typeof zReturneeParams>;

const envelope = {
  /** Stable id, e.g. "loan/500154/2025-06-03". */
  id: z.string().min(1),
  /** Corrections of the same (kind, jurisdiction, effectiveFrom) get a higher version. */
  version: z.number().int().positive(),
  jurisdiction: zJurisdiction,
  effectiveFrom: zIsoDateText,
  title: z.string(),
  sources: z.array(z.string()),
  /** Paths of parameters whose values are ASSUMED (not found in an official text). */
  assumed: z.array(z.string()),
};

export const zRuleSet = z.discriminatedUnion('kind', [
  z.object({ ...envelope, kind: z.literal('loan'), params: zLoanParams }),
  z.object({ ...envelope, kind: z.literal('wage-refund'), params: zWageRefundParams }),
  z.object({ ...envelope, kind: z.literal('hiring-subsidy'), params: zHiringParams }),
  z.object({ ...envelope, kind: z.literal('skills-subsidy'), params: zSkillsParams }),
  z.object({ ...envelope, kind: z.literal('returnee-package'), params: zReturneeParams }),
]);
export type RuleSet = z.infer<typeof zRuleSet>;
export type RuleKind = RuleSet['kind'];
export type RuleSetOf<K extends RuleKind> = Extract<RuleSet, { kind: K }>;

export const zLprTable = z.object({
  id: z.string().min(1),
  version: z.number().int().positive(),
  tenor: z.literal('1Y'),
  rows: z.array(z.object({ effectiveFrom: zIsoDateText, ratePercent: zRateText })).min(1),
  /** Reference rate for contracts signed before the first LPR (PBoC 1-year benchmark lending rate). */
  preLprBenchmark: z.object({ ratePercent: zRateText, source: z.string() }),
});
export type LprTable = z.infer<typeof zLprTable>;

/** Everything the engine needs; the default catalogue is in ./defaults, a DB-backed one comes later. */
export interface RuleCatalog {
  ruleSets: readonly RuleSet[];
  lprTable: LprTable;
}

/** Summary of the rule set a result used, for traces and disbursement lists. */
export function ruleSetRef(set: RuleSet): { id: string; kind: RuleKind; version: number; jurisdiction: string; effectiveFrom: string; title: string } {
  return { id: set.id, kind: set.kind, version: set.version, jurisdiction: set.jurisdiction, effectiveFrom: set.effectiveFrom, title: set.title };
}

/** Public API of the rules engine (pure: no database, no clock, no I/O). */
export * from './rule-set-schema';
export { DEFAULT_CATALOG, DEFAULT_RULE_SETS, DEFAULT_LPR_TABLE, CHONGQING_DISTRICTS, CHONGQING_HIGH_TIER_DISTRICTS, CHONGQING_PROVINCE_CODE, KAIZHOU_CODE } from './defaults';
export { selectRuleSet, latestRuleSet, jurisdictionChain } from './select-rule-set';
export { lprOn, referenceRateOn, type LprLookup, type ReferenceRate } from './lpr';
export { regimeTerms, type RegimeTerms } from './regimes';
export { computeInterest, type InterestInput, type InterestResult, type SubsidyExclusion } from './interest';
export type { InterestTrace } from './interest-trace';
export type { BalanceChange } from './segments';
export { computeSchedule, computeSchedulePeriods, nextSettlementDay, type ScheduleLoan, type SchedulePeriod, type ScheduleResult, type PeriodStatus } from './schedule';
export { computeLoanLimit, type LoanLimitInput, type LoanLimitResult, type LoanLimitReasonCode } from './loan-limit';
export { computeGuaranteeFeeSubsidy, type GuaranteeFeeSubsidyInput, type GuaranteeFeeSubsidyResult } from './guarantee-fee-subsidy';
export { computeWageRefund, type WageRefundInput, type WageRefundResult, type WageRefundReasonCode } from './wage-refund';
export { computeHiringSubsidy, type HiringSubsidyInput, type HiringSubsidyResult, type HireInput, type HiringReasonCode } from './hiring-subsidy';
export { computeSkillsSubsidy, type SkillsSubsidyInput, type SkillsSubsidyResult } from './skills-subsidy';
export { computeReturneePackage, type ReturneePackageInput, type ReturneePackageResult } from './returnee-package';
export type { Reason } from './reason';
export { runCommand, isCommandName, COMMAND_NAMES, type CommandName, type CommandOutcome, type CommandError } from './run-command';
export { RuleError, type RuleErrorCode } from '../errors';

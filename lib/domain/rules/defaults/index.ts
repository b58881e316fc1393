import type { RuleCatalog, RuleSet } from '../rule-set-schema';
import { CHONGQING_LOAN_SETS, KAIZHOU_LOAN_SETS } from './loan-chongqing';
import { NATIONAL_LOAN_SETS } from './loan-national';
import { DEFAULT_LPR_TABLE } from './lpr-table';
import { HIRING_SETS, RETURNEE_SETS, SKILLS_SETS, WAGE_REFUND_SETS } from './subsidy-sets';

export * from './districts';
export { DEFAULT_LPR_TABLE } from './lpr-table';

export const DEFAULT_RULE_SETS: readonly RuleSet[] = [
  ...NATIONAL_LOAN_SETS,
  ...CHONGQING_LOAN_SETS,
  ...KAIZHOU_LOAN_SETS,
  ...WAGE_REFUND_SETS,
  ...HIRING_SETS,
  ...SKILLS_SETS,
  ...RETURNEE_SETS,
];

/** The catalogue used when the caller passes none (the CLI, tests, seed data). */
export const DEFAULT_CATALOG: RuleCatalog = { ruleSets: DEFAULT_RULE_SETS, lprTable: DEFAULT_LPR_TABLE };

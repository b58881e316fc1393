/** The district scorecard's (成绩单) headline metrics, in the order of the annual report. */
export const SCORECARD_METRICS = [
  { key: 'loan_amount', label: '发放创业担保贷款金额', unit: 'fen' },
  { key: 'loan_people', label: '扶持创业人数', unit: 'count' },
  { key: 'jobs_created', label: '带动就业人数', unit: 'count' },
  { key: 'interest_subsidy', label: '拨付贷款贴息', unit: 'fen' },
  { key: 'wage_refund_enterprises', label: '稳岗返还企业数', unit: 'count' },
  { key: 'wage_refund_amount', label: '稳岗返还金额', unit: 'fen' },
  { key: 'hiring_subsidy_amount', label: '一次性吸纳就业补贴金额', unit: 'fen' },
  { key: 'returnees_helped', label: '扶持返乡创业人数', unit: 'count' },
] as const;

export type ScorecardMetric = (typeof SCORECARD_METRICS)[number]['key'];

/** Completion in percent with one decimal, or null without a target. Exact: no floats on money. */
export function completionPercent(actual: bigint, target: bigint | null | undefined): string | null {
  if (!target || target <= 0n) return null;
  const tenths = (actual * 1000n + target / 2n) / target;
  return `${tenths / 10n}.${tenths % 10n}`;
}

/**
 * Every state an application (and, after approval, its loan) can be in.
 * Review stages: HR eligibility → guarantee → bank credit → contract → disbursement.
 */
export const APPLICATION_STATES = [
  'draft',
  'pending_hr',
  'pending_guarantee',
  'pending_bank',
  'returned',
  'approved',
  'contracted',
  'disbursed',
  'repaying',
  'extended',
  'overdue',
  'settled',
  'defaulted',
  'compensated',
  'rejected',
  'withdrawn',
] as const;

export type ApplicationState = (typeof APPLICATION_STATES)[number];

/** The three review stages, in order; a return for supplement goes back to the stage that asked. */
export const REVIEW_STAGES = ['pending_hr', 'pending_guarantee', 'pending_bank'] as const;
export type ReviewStage = (typeof REVIEW_STAGES)[number];

export const STATE_LABELS: Record<ApplicationState, string> = {
  draft: '草稿',
  pending_hr: '待人社资格审核',
  pending_guarantee: '待担保审核',
  pending_bank: '待银行审批',
  returned: '退回补正',
  approved: '审批通过，待签约',
  contracted: '已签约，待放款',
  disbursed: '已放款',
  repaying: '还款中',
  extended: '已展期',
  overdue: '已逾期',
  settled: '已结清',
  defaulted: '已违约',
  compensated: '已代偿',
  rejected: '未通过',
  withdrawn: '已撤回',
};

/** States in which nothing more happens. */
export const FINAL_STATES: readonly ApplicationState[] = ['settled', 'compensated', 'rejected', 'withdrawn'];

/** States in which a loan exists (schedule, repayments, subsidies). */
export const LOAN_STATES: readonly ApplicationState[] = ['disbursed', 'repaying', 'extended', 'overdue', 'settled', 'defaulted', 'compensated'];

import type { Role } from '../roles';
import type { ApplicationState, ReviewStage } from './application-states';

export const APPLICATION_ACTIONS = [
  'submit',
  'withdraw',
  'resubmit',
  'approve',
  'reject',
  'return',
  'record_contract',
  'disburse',
  'record_repayment',
  'mark_overdue',
  'extend',
  'settle',
  'declare_default',
  'compensate',
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

/** What a transition needs besides the actor: a reason (rejection) or the list of missing items (return). */
export type Requirement = 'reason' | 'items';

interface Transition {
  action: ApplicationAction;
  role: Role;
  from: readonly ApplicationState[];
  /** `'returned_from'`: back to the stage that returned the application. */
  to: ApplicationState | 'returned_from';
  requires?: readonly Requirement[];
}

/**
 * The one table of who may do what in which state. Nothing else in the code decides
 * whether a state change is allowed.
 */
export const TRANSITIONS: readonly Transition[] = [
  { action: 'submit', role: 'applicant', from: ['draft'], to: 'pending_hr' },
  // Withdrawal is possible until a reviewer has decided: while waiting for HR, or when returned.
  { action: 'withdraw', role: 'applicant', from: ['pending_hr', 'returned'], to: 'withdrawn' },
  { action: 'resubmit', role: 'applicant', from: ['returned'], to: 'returned_from' },

  { action: 'approve', role: 'hr_reviewer', from: ['pending_hr'], to: 'pending_guarantee' },
  { action: 'reject', role: 'hr_reviewer', from: ['pending_hr'], to: 'rejected', requires: ['reason'] },
  { action: 'return', role: 'hr_reviewer', from: ['pending_hr'], to: 'returned', requires: ['items'] },

  { action: 'approve', role: 'guarantee_reviewer', from: ['pending_guarantee'], to: 'pending_bank' },
  { action: 'reject', role: 'guarantee_reviewer', from: ['pending_guarantee'], to: 'rejected', requires: ['reason'] },
  { action: 'return', role: 'guarantee_reviewer', from: ['pending_guarantee'], to: 'returned', requires: ['items'] },

  { action: 'approve', role: 'bank_officer', from: ['pending_bank'], to: 'approved' },
  { action: 'reject', role: 'bank_officer', from: ['pending_bank'], to: 'rejected', requires: ['reason'] },
  { action: 'return', role: 'bank_officer', from: ['pending_bank'], to: 'returned', requires: ['items'] },
  { action: 'record_contract', role: 'bank_officer', from: ['approved'], to: 'contracted' },
  { action: 'disburse', role: 'bank_officer', from: ['contracted'], to: 'disbursed' },

  // Servicing.
  { action: 'record_repayment', role: 'bank_officer', from: ['disbursed', 'repaying', 'extended', 'overdue'], to: 'repaying' },
  { action: 'mark_overdue', role: 'bank_officer', from: ['disbursed', 'repaying', 'extended'], to: 'overdue' },
  { action: 'extend', role: 'bank_officer', from: ['disbursed', 'repaying'], to: 'extended' },
  { action: 'settle', role: 'bank_officer', from: ['disbursed', 'repaying', 'extended', 'overdue'], to: 'settled' },
  { action: 'declare_default', role: 'bank_officer', from: ['overdue'], to: 'defaulted' },
  { action: 'compensate', role: 'guarantee_reviewer', from: ['defaulted'], to: 'compensated' },
];

export type TransitionResult =
  | { ok: true; to: ApplicationState; requires: readonly Requirement[] }
  | { ok: false; code: 'ROLE_NOT_ALLOWED' | 'INVALID_TRANSITION' };

/**
 * Decide one transition. `returnedFrom` is the review stage that returned the application
 * (needed only for `resubmit`).
 */
export function decideTransition(state: ApplicationState, action: ApplicationAction, role: Role, returnedFrom?: ReviewStage | null): TransitionResult {
  const forAction = TRANSITIONS.filter((t) => t.action === action);
  const forRole = forAction.filter((t) => t.role === role);
  if (forRole.length === 0) return { ok: false, code: 'ROLE_NOT_ALLOWED' };
  const t = forRole.find((x) => x.from.includes(state));
  if (!t) return { ok: false, code: 'INVALID_TRANSITION' };
  if (t.to === 'returned_from') {
    if (!returnedFrom) return { ok: false, code: 'INVALID_TRANSITION' };
    return { ok: true, to: returnedFrom, requires: t.requires ?? [] };
  }
  return { ok: true, to: t.to, requires: t.requires ?? [] };
}

/** The actions a role can take in a state (for showing buttons; the server decides again). */
export function availableActions(state: ApplicationState, role: Role): ApplicationAction[] {
  return [...new Set(TRANSITIONS.filter((t) => t.role === role && t.from.includes(state)).map((t) => t.action))];
}

/** The review stage a role works on, if any. */
export const STAGE_OF_ROLE: Partial<Record<Role, ReviewStage>> = {
  hr_reviewer: 'pending_hr',
  guarantee_reviewer: 'pending_guarantee',
  bank_officer: 'pending_bank',
};

export const ACTION_LABELS: Record<ApplicationAction, string> = {
  submit: '提交申请',
  withdraw: '撤回申请',
  resubmit: '补正后重新提交',
  approve: '审核通过',
  reject: '不予通过',
  return: '退回补正',
  record_contract: '登记合同',
  disburse: '登记放款',
  record_repayment: '登记还款',
  mark_overdue: '标记逾期',
  extend: '办理展期',
  settle: '结清',
  declare_default: '认定违约',
  compensate: '代偿',
};

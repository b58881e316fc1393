/**
 * 稳岗返还 record states and the one table of which step moves a record from which state.
 * A confirmation that changes the size class or the payee account does not go straight to
 * 'confirmed': it waits in 'pending_review' (待人社复核) for a second HR reviewer.
 */
export const WAGE_REFUND_STATUSES = ['computed', 'notified', 'pending_review', 'change_rejected', 'confirmed', 'declined', 'batched'] as const;
export type WageRefundStatus = (typeof WAGE_REFUND_STATUSES)[number];

export const WAGE_REFUND_STATUS_LABELS: Record<WageRefundStatus, string> = {
  computed: '已测算',
  notified: '已通知待确认',
  pending_review: '待人社复核',
  change_rejected: '人社复核未通过',
  confirmed: '企业已确认',
  declined: '企业放弃',
  batched: '已纳入拨付批次',
};

/** Who takes a step: an operator (import, notify, batch), the enterprise (public, with its code), or an HR reviewer. */
export type WageRefundActor = 'operator' | 'enterprise' | 'reviewer';

export const WAGE_REFUND_ACTIONS = ['reimport', 'notify', 'renotify', 'confirm', 'confirm_with_change', 'decline', 'accept_change', 'reject_change', 'batch'] as const;
export type WageRefundAction = (typeof WAGE_REFUND_ACTIONS)[number];

interface WageRefundTransition {
  action: WageRefundAction;
  by: WageRefundActor;
  from: readonly WageRefundStatus[];
  to: WageRefundStatus;
  requires?: readonly 'reason'[];
}

export const WAGE_REFUND_TRANSITIONS: readonly WageRefundTransition[] = [
  // A new import recomputes what nobody has confirmed yet (a rejected change starts over).
  { action: 'reimport', by: 'operator', from: ['computed', 'notified', 'change_rejected'], to: 'computed' },
  { action: 'notify', by: 'operator', from: ['computed'], to: 'notified' },
  // A new code replaces the old one (and lifts a lock); after a rejected change the enterprise may confirm again.
  { action: 'renotify', by: 'operator', from: ['computed', 'notified', 'change_rejected'], to: 'notified' },
  { action: 'confirm', by: 'enterprise', from: ['notified'], to: 'confirmed' },
  { action: 'confirm_with_change', by: 'enterprise', from: ['notified'], to: 'pending_review' },
  { action: 'decline', by: 'enterprise', from: ['notified'], to: 'declined' },
  { action: 'accept_change', by: 'reviewer', from: ['pending_review'], to: 'confirmed' },
  { action: 'reject_change', by: 'reviewer', from: ['pending_review'], to: 'change_rejected', requires: ['reason'] },
  { action: 'batch', by: 'operator', from: ['confirmed'], to: 'batched' },
];

export type WageRefundDecision =
  | { ok: true; to: WageRefundStatus; requires: readonly 'reason'[] }
  | { ok: false; code: 'ACTOR_NOT_ALLOWED' | 'INVALID_TRANSITION' };

export function decideWageRefundTransition(status: WageRefundStatus, action: WageRefundAction, by: WageRefundActor): WageRefundDecision {
  const t = WAGE_REFUND_TRANSITIONS.find((x) => x.action === action);
  if (!t) return { ok: false, code: 'INVALID_TRANSITION' };
  if (t.by !== by) return { ok: false, code: 'ACTOR_NOT_ALLOWED' };
  if (!t.from.includes(status)) return { ok: false, code: 'INVALID_TRANSITION' };
  return { ok: true, to: t.to, requires: t.requires ?? [] };
}

/** The states an action starts from (for the set-based steps: import, bulk notify, batch). */
export function wageRefundStatesFor(action: WageRefundAction): readonly WageRefundStatus[] {
  return WAGE_REFUND_TRANSITIONS.find((t) => t.action === action)?.from ?? [];
}

/** The state an action leads to. */
export function wageRefundTargetOf(action: WageRefundAction): WageRefundStatus {
  const t = WAGE_REFUND_TRANSITIONS.find((x) => x.action === action);
  if (!t) throw new Error(`unknown wage-refund action ${action}`);
  return t.to;
}

export const WAGE_REFUND_ACTION_LABELS: Record<WageRefundAction, string> = {
  reimport: '重新导入',
  notify: '通知确认',
  renotify: '重发确认码',
  confirm: '企业确认',
  confirm_with_change: '企业更正后确认',
  decline: '企业放弃',
  accept_change: '复核通过',
  reject_change: '复核不通过',
  batch: '纳入拨付批次',
};

/** What a confirmation changes that a second person must look at: the size class (so the amount) and the payee account. */
export interface WageRefundChangeCheck {
  sizeClassChanged: boolean;
  accountChanged: boolean;
}

export const needsReview = (c: WageRefundChangeCheck) => c.sizeClassChanged || c.accountChanged;

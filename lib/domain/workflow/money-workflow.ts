/**
 * The status tables of the money aggregates (pure): subsidy batches, their lines, correction
 * lines and 一次性吸纳就业补贴 filings (稳岗返还 records have theirs in wage-refund-workflow.ts).
 * Each table says which action moves which state to which; use-cases ask here and then apply
 * the step with `updateIfUnchanged` (lib/server/workflow), never comparing states themselves.
 * The database holds the same life cycle for batches and lines (migration 0020): a batch only
 * moves forward once it has left 'prepared', and its lines are frozen then.
 */
import type { BatchStatus, LineStatus } from '../subsidy-batches/labels';

export interface Transition<S extends string, A extends string> {
  action: A;
  from: readonly S[];
  to: S;
}

export type TransitionDecision<S extends string> = { ok: true; from: S; to: S } | { ok: false; code: 'INVALID_TRANSITION' };

function decide<S extends string, A extends string>(table: readonly Transition<S, A>[], status: S, action: A): TransitionDecision<S> {
  const t = table.find((x) => x.action === action);
  if (!t || !t.from.includes(status)) return { ok: false, code: 'INVALID_TRANSITION' };
  return { ok: true, from: status, to: t.to };
}
const fromOf = <S extends string, A extends string>(table: readonly Transition<S, A>[], action: A): readonly S[] => table.find((t) => t.action === action)?.from ?? [];

// ------------------------------------------------------------------ batches

export const BATCH_STATUSES = ['building', 'prepared', 'verified', 'approved', 'exported', 'reconciled', 'failed'] as const satisfies readonly BatchStatus[];
export const BATCH_ACTIONS = ['finish_build', 'fail_build', 'rebuild', 'verify', 'approve', 'export', 'reconcile', 'reissue_failed'] as const;
export type BatchAction = (typeof BATCH_ACTIONS)[number];

export const BATCH_TRANSITIONS: readonly Transition<BatchStatus, BatchAction>[] = [
  // The claim job (system): lines written under the build lease, then the count and total.
  { action: 'finish_build', from: ['building'], to: 'prepared' },
  { action: 'fail_build', from: ['building'], to: 'failed' },
  // A failed build asked for again after the data were corrected.
  { action: 'rebuild', from: ['failed'], to: 'building' },
  { action: 'verify', from: ['prepared'], to: 'verified' },
  { action: 'approve', from: ['verified'], to: 'approved' },
  { action: 'export', from: ['approved'], to: 'exported' },
  { action: 'reconcile', from: ['exported'], to: 'reconciled' },
  // Re-issuing failed lines makes a new batch; the reconciled source stays as it is.
  { action: 'reissue_failed', from: ['reconciled'], to: 'reconciled' },
];

export const decideBatchTransition = (status: BatchStatus, action: BatchAction) => decide(BATCH_TRANSITIONS, status, action);
export const batchStatesFor = (action: BatchAction) => fromOf(BATCH_TRANSITIONS, action) as BatchStatus[];
export const batchTargetOf = (action: BatchAction) => BATCH_TRANSITIONS.find((t) => t.action === action)!.to;
/** Being built by the claim job (its lines may still change; the database checks totals only after). */
export const isBuilding = (status: BatchStatus) => batchStatesFor('finish_build').includes(status);

/** A batch whose list has been frozen (exported), whatever happened since. */
export const BATCH_EXPORTED_STATES: readonly BatchStatus[] = ['exported', 'reconciled'];
export const isExported = (status: BatchStatus) => BATCH_EXPORTED_STATES.includes(status);

// ------------------------------------------------------------------ lines

export const LINE_STATUSES = ['pending', 'paid', 'failed', 'excluded'] as const satisfies readonly LineStatus[];
export const LINE_ACTIONS = ['pay', 'fail', 'exclude'] as const;
export type LineAction = (typeof LINE_ACTIONS)[number];

/** A line's payment result comes once, by reconciliation of its exported batch. */
export const LINE_TRANSITIONS: readonly Transition<LineStatus, LineAction>[] = [
  { action: 'pay', from: ['pending'], to: 'paid' },
  { action: 'fail', from: ['pending'], to: 'failed' },
  { action: 'exclude', from: ['pending'], to: 'excluded' },
];

export const decideLineTransition = (status: LineStatus, action: LineAction) => decide(LINE_TRANSITIONS, status, action);
export const lineStatesFor = (action: LineAction) => fromOf(LINE_TRANSITIONS, action) as LineStatus[];
/** Lines that hold their subject: pending or paid (one per subject, enforced by the database). */
export const ACTIVE_LINE_STATUSES: LineStatus[] = ['pending', 'paid'];
export const isActiveLine = (status: LineStatus) => ACTIVE_LINE_STATUSES.includes(status);
/** Lines a re-issue pays again. */
export const REISSUABLE_LINE_STATUSES: LineStatus[] = ['failed'];

// ------------------------------------------------------------------ corrections

/**
 * A correction line (追回/冲抵 or 补差) shares the line statuses, with its own meaning: 'pending'
 * while its batch is on the way, 'paid' once the batch is reconciled — set off against (or added
 * to) the same bank's batch. A correction never fails on its own: a batch that cannot absorb it
 * does not take it (it stays listed for recovery until a later batch can).
 */
export const CORRECTION_ACTIONS = ['set_off', 'supersede'] as const;
export type CorrectionAction = (typeof CORRECTION_ACTIONS)[number];
export const CORRECTION_TRANSITIONS: readonly Transition<LineStatus, CorrectionAction>[] = [
  { action: 'set_off', from: ['pending'], to: 'paid' },
  // Its batch failed to build or was re-issued: the correction is dropped and computed anew.
  { action: 'supersede', from: ['pending'], to: 'excluded' },
];
export const decideCorrectionTransition = (status: LineStatus, action: CorrectionAction) => decide(CORRECTION_TRANSITIONS, status, action);

/** The line a result action applies to, by its kind: a correction is set off, a payment is paid. */
export function settleActionOf(kind: 'payment' | 'supplement' | 'correction', result: 'paid' | 'failed'): LineAction | CorrectionAction {
  if (kind === 'correction') return 'set_off';
  return result === 'paid' ? 'pay' : 'fail';
}

// ------------------------------------------------------------------ hiring filings

export const HIRING_FILING_STATUSES = ['submitted', 'approved', 'rejected', 'batched'] as const;
export type HiringFilingStatus = (typeof HIRING_FILING_STATUSES)[number];
export const HIRING_FILING_ACTIONS = ['approve', 'reject', 'batch'] as const;
export type HiringFilingAction = (typeof HIRING_FILING_ACTIONS)[number];

export const HIRING_FILING_TRANSITIONS: readonly Transition<HiringFilingStatus, HiringFilingAction>[] = [
  { action: 'approve', from: ['submitted'], to: 'approved' },
  { action: 'reject', from: ['submitted'], to: 'rejected' },
  { action: 'batch', from: ['approved'], to: 'batched' },
];

export const decideHiringFilingTransition = (status: HiringFilingStatus, action: HiringFilingAction) => decide(HIRING_FILING_TRANSITIONS, status, action);
export const hiringFilingStatesFor = (action: HiringFilingAction) => fromOf(HIRING_FILING_TRANSITIONS, action) as HiringFilingStatus[];
export const hiringFilingTargetOf = (action: HiringFilingAction) => HIRING_FILING_TRANSITIONS.find((t) => t.action === action)!.to;
export const canDecideHiringFiling = (status: HiringFilingStatus) => decideHiringFilingTransition(status, 'approve').ok;

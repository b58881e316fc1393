import { describe, expect, it } from 'vitest';
import {
  ACTIVE_LINE_STATUSES, BATCH_ACTIONS, BATCH_STATUSES, CORRECTION_ACTIONS, HIRING_FILING_ACTIONS, HIRING_FILING_STATUSES, LINE_ACTIONS, LINE_STATUSES,
  batchStatesFor, canDecideHiringFiling, decideBatchTransition, decideCorrectionTransition, decideHiringFilingTransition, decideLineTransition,
  hiringFilingStatesFor, isActiveLine, isBuilding, isExported, settleActionOf,
} from '@/lib/domain/workflow/money-workflow';

/** Every (state, action) pair of a table, with the expected target or null when refused. */
function matrix<S extends string, A extends string>(states: readonly S[], actions: readonly A[], decide: (s: S, a: A) => { ok: boolean; to?: S }) {
  const out: Record<string, S | null> = {};
  for (const s of states) for (const a of actions) {
    const d = decide(s, a);
    out[`${s}:${a}`] = d.ok ? (d.to as S) : null;
  }
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== null));
}

describe('subsidy batch transition table', () => {
  it('moves only forward, one step at a time; the whole table', () => {
    expect(matrix(BATCH_STATUSES, BATCH_ACTIONS, decideBatchTransition)).toEqual({
      'building:finish_build': 'prepared',
      'building:fail_build': 'failed',
      'failed:rebuild': 'building',
      'prepared:verify': 'verified',
      'verified:approve': 'approved',
      'approved:export': 'exported',
      'exported:reconcile': 'reconciled',
      'reconciled:reissue_failed': 'reconciled',
    });
  });

  it('refuses skipping a step or going back (the database refuses the same)', () => {
    expect(decideBatchTransition('prepared', 'approve')).toEqual({ ok: false, code: 'INVALID_TRANSITION' });
    expect(decideBatchTransition('verified', 'export')).toEqual({ ok: false, code: 'INVALID_TRANSITION' });
    expect(decideBatchTransition('reconciled', 'reconcile')).toEqual({ ok: false, code: 'INVALID_TRANSITION' });
    expect(decideBatchTransition('exported', 'rebuild')).toEqual({ ok: false, code: 'INVALID_TRANSITION' });
    expect(decideBatchTransition('prepared', 'verify')).toEqual({ ok: true, from: 'prepared', to: 'verified' });
  });

  it('exported means exported or reconciled; building is the only state the job writes in', () => {
    expect(BATCH_STATUSES.filter(isExported)).toEqual(['exported', 'reconciled']);
    expect(BATCH_STATUSES.filter(isBuilding)).toEqual(['building']);
    expect(batchStatesFor('reissue_failed')).toEqual(['reconciled']);
  });
});

describe('subsidy line transition table', () => {
  it('a payment result comes once, from pending only', () => {
    expect(matrix(LINE_STATUSES, LINE_ACTIONS, decideLineTransition)).toEqual({ 'pending:pay': 'paid', 'pending:fail': 'failed', 'pending:exclude': 'excluded' });
  });

  it('pending and paid lines hold their subject; failed and excluded do not', () => {
    expect(LINE_STATUSES.filter(isActiveLine)).toEqual(ACTIVE_LINE_STATUSES);
    expect(ACTIVE_LINE_STATUSES).toEqual(['pending', 'paid']);
  });
});

describe('correction line transition table', () => {
  it('a correction is set off when its batch is reconciled, or superseded; it never fails', () => {
    expect(matrix(LINE_STATUSES, CORRECTION_ACTIONS, decideCorrectionTransition)).toEqual({ 'pending:set_off': 'paid', 'pending:supersede': 'excluded' });
    expect(settleActionOf('correction', 'failed')).toBe('set_off');
    expect(settleActionOf('payment', 'failed')).toBe('fail');
    expect(settleActionOf('supplement', 'paid')).toBe('pay');
  });
});

describe('hiring filing transition table', () => {
  it('HR decides a submitted filing once; only approved filings are batched', () => {
    expect(matrix(HIRING_FILING_STATUSES, HIRING_FILING_ACTIONS, decideHiringFilingTransition)).toEqual({
      'submitted:approve': 'approved',
      'submitted:reject': 'rejected',
      'approved:batch': 'batched',
    });
    expect(HIRING_FILING_STATUSES.filter(canDecideHiringFiling)).toEqual(['submitted']);
    expect(hiringFilingStatesFor('batch')).toEqual(['approved']);
  });
});

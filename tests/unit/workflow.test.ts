import { describe, expect, it } from 'vitest';
import { ROLES } from '@/lib/domain/roles';
import { APPLICATION_STATES, FINAL_STATES } from '@/lib/domain/workflow/application-states';
import { ADMIN_REQUEST_ACTIONS, ADMIN_REQUEST_STATES, availableAdminRequestActions, checkAdminRequestAction } from '@/lib/domain/workflow/admin-request';
import { APPLICATION_ACTIONS, availableActions, decideTransition, TRANSITIONS } from '@/lib/domain/workflow/application-workflow';

describe('application workflow transition table', () => {
  it('walks the happy path stage by stage, each step by its own role', () => {
    const steps = [
      ['draft', 'submit', 'applicant', 'pending_hr'],
      ['pending_hr', 'approve', 'hr_reviewer', 'pending_guarantee'],
      ['pending_guarantee', 'approve', 'guarantee_reviewer', 'pending_bank'],
      ['pending_bank', 'approve', 'bank_officer', 'approved'],
      ['approved', 'record_contract', 'bank_officer', 'contracted'],
      ['contracted', 'disburse', 'bank_officer', 'disbursed'],
      ['disbursed', 'record_repayment', 'bank_officer', 'repaying'],
      ['repaying', 'settle', 'bank_officer', 'settled'],
    ] as const;
    for (const [from, action, role, to] of steps) expect(decideTransition(from, action, role)).toMatchObject({ ok: true, to });
  });

  it('requires a reason to reject and the item list to return', () => {
    expect(decideTransition('pending_hr', 'reject', 'hr_reviewer')).toMatchObject({ requires: ['reason'] });
    expect(decideTransition('pending_bank', 'return', 'bank_officer')).toMatchObject({ to: 'returned', requires: ['items'] });
  });

  it('sends a resubmission back to the stage that returned it', () => {
    expect(decideTransition('returned', 'resubmit', 'applicant', 'pending_guarantee')).toEqual({ ok: true, to: 'pending_guarantee', requires: [] });
    expect(decideTransition('returned', 'resubmit', 'applicant', null)).toEqual({ ok: false, code: 'INVALID_TRANSITION' });
  });

  it('refuses a reviewer acting outside their stage, and every role on a final state', () => {
    expect(decideTransition('pending_hr', 'approve', 'bank_officer')).toEqual({ ok: false, code: 'INVALID_TRANSITION' });
    expect(decideTransition('pending_bank', 'approve', 'hr_reviewer')).toEqual({ ok: false, code: 'INVALID_TRANSITION' });
    expect(decideTransition('pending_hr', 'approve', 'admin')).toEqual({ ok: false, code: 'ROLE_NOT_ALLOWED' });
    for (const state of FINAL_STATES) for (const role of ROLES) expect(availableActions(state, role)).toEqual([]);
  });

  it('gives the admin, finance and the auditor no application transition at all (separation of duties)', () => {
    for (const role of ['admin', 'auditor', 'finance_officer'] as const) {
      for (const state of APPLICATION_STATES) for (const action of APPLICATION_ACTIONS) {
        expect(decideTransition(state, action, role).ok).toBe(false);
      }
    }
  });

  it('has no ambiguous rows: one (action, role, from) pair leads to one target', () => {
    const seen = new Map<string, string>();
    for (const t of TRANSITIONS) for (const from of t.from) {
      const key = `${t.action}|${t.role}|${from}`;
      expect(seen.has(key), key).toBe(false);
      seen.set(key, String(t.to));
    }
  });
});

describe('administration request transition table', () => {
  const open = { status: 'proposed' as const, proposedBy: 'maker', targetUserId: 'target' };
  it('a second administrator approves or rejects; the maker may only cancel', () => {
    expect(checkAdminRequestAction(open, 'approve', 'checker')).toEqual({ ok: true, to: 'approved' });
    expect(checkAdminRequestAction(open, 'reject', 'checker')).toEqual({ ok: true, to: 'rejected' });
    expect(checkAdminRequestAction(open, 'cancel', 'maker')).toEqual({ ok: true, to: 'cancelled' });
    expect(checkAdminRequestAction(open, 'approve', 'maker')).toEqual({ ok: false, code: 'OWN_REQUEST' });
    expect(checkAdminRequestAction(open, 'reject', 'maker')).toEqual({ ok: false, code: 'OWN_REQUEST' });
    expect(checkAdminRequestAction(open, 'cancel', 'checker')).toEqual({ ok: false, code: 'NOT_MAKER' });
    expect(availableAdminRequestActions(open, 'maker')).toEqual(['cancel']);
    expect(availableAdminRequestActions(open, 'checker')).toEqual(['approve', 'reject']);
  });

  it('nobody decides a request about their own account, and a decided request is final', () => {
    expect(checkAdminRequestAction(open, 'approve', 'target')).toEqual({ ok: false, code: 'OWN_ACCOUNT' });
    expect(availableAdminRequestActions(open, 'target')).toEqual([]);
    for (const status of ADMIN_REQUEST_STATES.filter((s) => s !== 'proposed')) {
      for (const action of ADMIN_REQUEST_ACTIONS) expect(checkAdminRequestAction({ ...open, status }, action, 'checker')).toEqual({ ok: false, code: 'ALREADY_DECIDED' });
    }
  });
});

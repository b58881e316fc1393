import { describe, expect, it } from 'vitest';
import { filingWarnings, normalizeOrgName } from '@/lib/domain/hiring-filing-checks';
import { decideWageRefundTransition, needsReview, WAGE_REFUND_STATUSES, wageRefundStatesFor } from '@/lib/domain/workflow/wage-refund-workflow';

describe('稳岗返还 transition table', () => {
  it('a changed confirmation goes to 待人社复核; only a reviewer moves it on; the enterprise cannot accept its own change', () => {
    expect(decideWageRefundTransition('notified', 'confirm_with_change', 'enterprise')).toEqual({ ok: true, to: 'pending_review', requires: [] });
    expect(decideWageRefundTransition('pending_review', 'accept_change', 'reviewer')).toEqual({ ok: true, to: 'confirmed', requires: [] });
    expect(decideWageRefundTransition('pending_review', 'reject_change', 'reviewer')).toEqual({ ok: true, to: 'change_rejected', requires: ['reason'] });
    expect(decideWageRefundTransition('pending_review', 'accept_change', 'enterprise')).toEqual({ ok: false, code: 'ACTOR_NOT_ALLOWED' });
    expect(decideWageRefundTransition('pending_review', 'accept_change', 'operator')).toEqual({ ok: false, code: 'ACTOR_NOT_ALLOWED' });
    expect(decideWageRefundTransition('pending_review', 'confirm', 'enterprise')).toEqual({ ok: false, code: 'INVALID_TRANSITION' });
  });

  it('only confirmed records are batched; a record awaiting review is neither batched nor overwritten by an import', () => {
    expect(wageRefundStatesFor('batch')).toEqual(['confirmed']);
    expect(wageRefundStatesFor('reimport')).not.toContain('pending_review');
    for (const s of WAGE_REFUND_STATUSES.filter((x) => x !== 'confirmed')) expect(decideWageRefundTransition(s, 'batch', 'operator').ok).toBe(false);
  });

  it('review is needed exactly when the size class or the account changes', () => {
    expect(needsReview({ sizeClassChanged: false, accountChanged: false })).toBe(false);
    expect(needsReview({ sizeClassChanged: true, accountChanged: false })).toBe(true);
    expect(needsReview({ sizeClassChanged: false, accountChanged: true })).toBe(true);
  });
});

describe('hiring filing warnings', () => {
  it('names compare as a bank compares them; each warning stands alone', () => {
    expect(normalizeOrgName('重庆 某某（开州）有限公司')).toBe(normalizeOrgName('重庆某某(开州)有限公司'));
    expect(filingWarnings({ filerBasis: 'legal_rep', registeredName: '甲公司', filedName: '甲公司', accountName: '甲 公司' })).toEqual([]);
    expect(filingWarnings({ filerBasis: null, registeredName: null, filedName: '甲公司', accountName: '甲公司' }).map((w) => w.code)).toEqual(['filer_not_contact']);
    expect(filingWarnings({ filerBasis: 'confirmed_contact', registeredName: '甲公司', filedName: '乙公司', accountName: '乙公司' }).map((w) => w.code)).toEqual(['enterprise_name_mismatch', 'payee_name_mismatch']);
    expect(filingWarnings({ filerBasis: 'confirmed_contact', registeredName: null, filedName: '甲公司', accountName: '张三' }).map((w) => w.code)).toEqual(['payee_name_mismatch']);
  });
});

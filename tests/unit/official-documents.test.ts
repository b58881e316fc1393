import { describe, expect, it } from 'vitest';
import { availablePapers, chineseDate, expectedCompletionDate, paperFactsFrom, paperTitle } from '@/lib/domain/paper/official-documents';

const noExceptions = { get: () => undefined };

describe('official documents', () => {
  it('the expected completion date counts the review stages’ 13 working days from acceptance, skipping weekends and holidays', () => {
    // Friday 2026-03-06 + 13 working days = Wednesday 2026-03-25.
    expect(expectedCompletionDate('2026-03-06', noExceptions)).toBe('2026-03-25');
    // A holiday on Monday 2026-03-09 pushes it one working day; a 调休 Saturday pulls it back.
    const holiday = new Map([['2026-03-09', false]]);
    expect(expectedCompletionDate('2026-03-06', holiday)).toBe('2026-03-26');
    const both = new Map([['2026-03-09', false], ['2026-03-14', true]]);
    expect(expectedCompletionDate('2026-03-06', both)).toBe('2026-03-25');
  });

  it('which documents exist follows the timeline', () => {
    const facts = (state: Parameters<typeof paperFactsFrom>[0]['state'], events: { action: string; fromState: 'pending_hr' | 'pending_bank' | null }[]) => paperFactsFrom({ state, number: state === 'draft' ? null : 'KZ2026000001' }, events);
    expect(availablePapers(facts('draft', []))).toEqual(['notice']);
    expect(availablePapers(facts('pending_hr', [{ action: 'submit', fromState: null }]))).toEqual(['receipt', 'notice']);
    expect(availablePapers(facts('pending_hr', [{ action: 'return', fromState: 'pending_hr' }, { action: 'resubmit', fromState: null }]))).toEqual(['receipt', 'notice', 'supplement']);
    expect(availablePapers(facts('approved', []))).toContain('approval');
    expect(availablePapers(facts('rejected', []))).toContain('refusal');
    expect(availablePapers(facts('rejected', []))).not.toContain('approval');
    expect(paperTitle('refusal', facts('rejected', [{ action: 'reject', fromState: 'pending_hr' }]))).toBe('不予受理告知书');
    expect(paperTitle('refusal', facts('rejected', [{ action: 'reject', fromState: 'pending_bank' }]))).toBe('不予通过告知书');
  });

  it('dates are written as official documents write them', () => {
    expect(chineseDate('2026-03-06')).toBe('2026年3月6日');
    expect(chineseDate('2026-12-25')).toBe('2026年12月25日');
  });
});

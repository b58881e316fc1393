import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPassword } from '@/lib/domain/password-policy';

describe('AUTH-02 password policy', () => {
  it.each([
    ['short', 'applicant', 'TOO_SHORT'],
    ['12345678', 'applicant', 'COMMON'],
    ['correct horse', 'applicant', null],
    ['alllowercaseletters', 'staff', 'NOT_ENOUGH_CLASSES'],
    ['Short1!', 'staff', 'TOO_SHORT'],
    ['Kz-Strong#2026', 'staff', null],
    // The site's own words are the first an attacker tries (issue 12): refused in any case or width.
    ['Kaizhou@2026', 'staff', 'CONTEXT'],
    ['ＫＡＩＺＨＯＵ-pass-1', 'staff', 'CONTEXT'],
    ['我爱开州2026abc', 'applicant', 'CONTEXT'],
    ['x'.repeat(129), 'applicant', 'TOO_LONG'],
  ] as const)('%s as %s → %s', (pw, kind, expected) => {
    expect(checkPassword(pw, kind)).toBe(expected);
  });

  it('refuses the person\'s own name, login name and mobile', () => {
    expect(checkPassword('Li-Hua-hr.reviewer9', 'staff', ['李华', 'hr.reviewer'])).toBe('CONTEXT');
    expect(checkPassword('李华李华12345678', 'applicant', ['李华'])).toBe('CONTEXT');
    expect(checkPassword('my13912345678pw', 'applicant', ['13912345678'])).toBe('CONTEXT');
    expect(checkPassword('Quiet-River-42x', 'staff', ['李华', 'hr', null])).toBeNull();
  });

  it('accepts any 64–128 character password with three classes for staff (no character restrictions)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 61, maxLength: 125 }), (s) => {
        expect(checkPassword(`Aa1${s}`, 'staff')).toBeNull();
      }),
    );
  });
});

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
    ['Kaizhou@2026', 'staff', null],
    ['x'.repeat(129), 'applicant', 'TOO_LONG'],
  ] as const)('%s as %s → %s', (pw, kind, expected) => {
    expect(checkPassword(pw, kind)).toBe(expected);
  });

  it('accepts any 64–128 character password with three classes for staff (no character restrictions)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 61, maxLength: 125 }), (s) => {
        expect(checkPassword(`Aa1${s}`, 'staff')).toBeNull();
      }),
    );
  });
});

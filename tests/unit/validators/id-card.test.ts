import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idCardCheckChar, validateIdCard } from '@/lib/domain/validators';

describe('GB 11643 身份证号码', () => {
  it('accepts the standard example and returns birth date and gender', () => {
    // Σ aᵢwᵢ = 167, 167 mod 11 = 2 → 'X'; sequence 002 is even → female
    expect(validateIdCard('11010519491231002X')).toEqual({ valid: true, normalized: '11010519491231002X', birthDate: '1949-12-31', gender: 'female' });
  });

  it('normalises a lower-case x and surrounding spaces', () => {
    const r = validateIdCard(' 11010519491231002x ');
    expect([r.valid, r.normalized]).toEqual([true, '11010519491231002X']);
  });

  it('reads gender from the 17th digit', () => {
    // 11010519491231001? : Σ = 167 − 2·1(w17=2 for digit 2→1 changes by −2) = 165 → 165 mod 11 = 0 → '1'
    expect(validateIdCard('110105194912310011')).toMatchObject({ valid: true, gender: 'male' });
  });

  it.each([
    ['110105194912310021', 'CHECK_DIGIT', '身份证号码校验位不正确'],
    ['11010519491231002', 'LENGTH', '身份证号码应为18位'],
    ['1101051949123100211', 'LENGTH', '身份证号码应为18位'],
    ['11010519491231A02X', 'FORMAT', '身份证号码格式不正确（前17位为数字，末位为数字或X）'],
    ['110105194902300024', 'BIRTH_DATE', '身份证号码中的出生日期无效'], // 30 February
    ['110105180001010011', 'BIRTH_DATE', '身份证号码中的出生日期无效'], // year 1800
  ])('%s → %s', (value, code, message) => {
    expect(validateIdCard(value)).toMatchObject({ valid: false, code, message });
  });

  it('refuses a birth date after the given today (the validator never reads the clock)', () => {
    const future = `11010520300101001`;
    const id = future + idCardCheckChar(future);
    expect(validateIdCard(id).valid).toBe(true);
    expect(validateIdCard(id, { today: '2026-01-01' })).toMatchObject({ valid: false, code: 'BIRTH_DATE' });
  });

  it('accepts exactly the computed check character for any valid 17-digit body', () => {
    const body = fc
      .tuple(fc.integer({ min: 110000, max: 659999 }), fc.integer({ min: 0, max: 36000 }), fc.integer({ min: 0, max: 999 }))
      .map(([area, dayOffset, seq]) => {
        const d = new Date(Date.UTC(1930, 0, 1) + dayOffset * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
        return `${area}${d}${String(seq).padStart(3, '0')}`;
      });
    fc.assert(
      fc.property(body, fc.constantFrom(...'0123456789X'), (b, c) => {
        expect(validateIdCard(b + c).valid).toBe(c === idCardCheckChar(b));
      }),
      { numRuns: 500 },
    );
  });
});

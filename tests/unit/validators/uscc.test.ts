import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orgCodeCheckChar, usccCheckChar, validateUscc } from '@/lib/domain/validators';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

describe('GB 32100 统一社会信用代码', () => {
  it('accepts the standard example (Σ = 1640, 1640 mod 31 = 28, 31 − 28 = 3)', () => {
    expect(validateUscc('91350100M000100Y43')).toEqual({ valid: true, normalized: '91350100M000100Y43', warnings: [] });
  });

  it('keeps the two alphabets apart: Y is 30 in GB 32100 but 34 in GB 11714', () => {
    // Inner org code M000100Y|4: 22×3 + 1×5 + 34×2 = 139; 11 − 139 mod 11 = 4 → '4' (with Y = 30 it would be 12 → invalid)
    expect(orgCodeCheckChar('M000100Y')).toBe('4');
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  });

  it.each([
    ['91350100M000100Y44', 'CHECK_DIGIT', '统一社会信用代码校验位不正确'],
    ['91350100M000100Y4', 'LENGTH', '统一社会信用代码应为18位'],
    ['91350100M000I00Y43', 'CHARSET', '统一社会信用代码含有无效字符（不使用I、O、Z、S、V）'],
    ['91350100M0001O0Y43', 'CHARSET', '统一社会信用代码含有无效字符（不使用I、O、Z、S、V）'],
    ['913501A0M000100Y43', 'FORMAT', '统一社会信用代码格式不正确（第3至8位应为行政区划代码）'],
  ])('%s → %s', (value, code, message) => {
    expect(validateUscc(value)).toMatchObject({ valid: false, code, message });
  });

  it('normalises lower case', () => {
    expect(validateUscc('91350100m000100y43')).toMatchObject({ valid: true, normalized: '91350100M000100Y43' });
  });

  it('only warns when the inner organisation-code check fails (early pilot codes)', () => {
    const body = '91350100M000100Y5'; // inner check should be 4
    const code = body + usccCheckChar(body);
    expect(validateUscc(code)).toEqual({ valid: true, normalized: code, warnings: ['ORG_CODE_CHECK_MISMATCH'] });
  });

  it('accepts exactly the computed check character (31 → 0)', () => {
    const ch = fc.constantFrom(...ALPHABET);
    const body = fc.tuple(fc.array(ch, { minLength: 2, maxLength: 2 }), fc.integer({ min: 100000, max: 999999 }), fc.array(ch, { minLength: 9, maxLength: 9 }))
      .map(([a, area, b]) => `${a.join('')}${area}${b.join('')}`);
    fc.assert(fc.property(body, ch, (b, c) => {
      expect(validateUscc(b + c).valid).toBe(c === usccCheckChar(b));
    }), { numRuns: 500 });
    // Σ ≡ 0 (mod 31) must give '0', never an out-of-range character
    expect(usccCheckChar('00000000000000000')).toBe('0');
  });
});

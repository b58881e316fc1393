import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divRoundHalfUp, formatRate, formatYuan, parseRate, parseYuan } from '@/lib/domain/money';
import { rat, toDecimalText } from '@/lib/domain/rational';

describe('parseYuan / formatYuan', () => {
  it.each([
    ['1234.5', 123450n], ['1234.50', 123450n], ['1234', 123400n], ['0.01', 1n], ['0', 0n], ['007.10', 710n],
  ])('%s → %s fen', (text, fen) => expect(parseYuan(text)).toBe(fen));

  it('accepts plain JSON numbers', () => {
    expect(parseYuan(200000)).toBe(20_000_000n);
    expect(parseYuan(0.1)).toBe(10n);
  });

  it.each(['1234.567', '-1.00', 'abc', '', ' 12', '1,234.00', '1e5', '.5', '12.', '+1'])('rejects %j', (text) => {
    expect(() => parseYuan(text)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });

  it('rejects numbers that print with an exponent, accepts negatives only when allowed', () => {
    expect(() => parseYuan(1e21)).toThrow();
    expect(parseYuan('-12.3', { allowNegative: true })).toBe(-1230n);
  });

  it('formats with exactly two decimals', () => {
    expect([formatYuan(123450n), formatYuan(5n), formatYuan(0n), formatYuan(-1230n)]).toEqual(['1234.50', '0.05', '0.00', '-12.30']);
  });

  it('round-trips every amount', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (fen) => {
      expect(parseYuan(formatYuan(fen))).toBe(fen);
    }));
  });
});

describe('divRoundHalfUp', () => {
  it('rounds halves up (away from zero)', () => {
    expect([divRoundHalfUp(5n, 2n), divRoundHalfUp(7n, 3n), divRoundHalfUp(8n, 3n), divRoundHalfUp(-5n, 2n), divRoundHalfUp(1569375n, 1000n)]).toEqual([3n, 2n, 3n, -3n, 1569n]);
    expect(divRoundHalfUp(15693750n, 10000n)).toBe(1569n); // 1569.375 → 1569 (integer rounding)
    expect(divRoundHalfUp(3n, 2n)).toBe(2n);
  });

  it('matches floor(x + 1/2) for non-negative values', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.bigInt({ min: 1n, max: 10n ** 12n }), (n, d) => {
        expect(divRoundHalfUp(n, d)).toBe((2n * n + d) / (2n * d));
        const q = divRoundHalfUp(n, d);
        expect(2n * n >= (2n * q - 1n) * d && 2n * n < (2n * q + 1n) * d).toBe(true);
      }),
    );
  });

  it('refuses a non-positive denominator', () => {
    expect(() => divRoundHalfUp(1n, 0n)).toThrow(RangeError);
  });
});

describe('rates', () => {
  it.each([['2.5', 25000n], ['2.50', 25000n], ['3.5001', 35001n], ['0', 0n], ['6.15', 61500n]])('parseRate %s', (t, u) => expect(parseRate(t)).toBe(u));
  it.each(['2.50001', '-1', 'x', '1.2.3'])('rejects %j', (t) => expect(() => parseRate(t)).toThrow());
  it('formats with 2 to 4 decimals', () => {
    expect([formatRate(25000n), formatRate(35001n), formatRate(0n), formatRate(61500n), formatRate(12340n)]).toEqual(['2.50', '3.5001', '0.00', '6.15', '1.234']);
  });
  it('shows derived rational rates exactly', () => {
    expect(toDecimalText(rat(35001n, 20000n), 2, 6)).toBe('1.75005'); // 0.5 × 3.5001
    expect(toDecimalText(rat(1n, 3n), 2, 4)).toBe('0.3333');
    expect(toDecimalText(rat(2n, 3n), 0, 6)).toBe('0.666667');
  });
});

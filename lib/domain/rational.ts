/**
 * Exact rationals over bigint, for the few values that are not whole units:
 * derived subsidy rates (0.5 × 3.5001%), contract-year shares (2/3) and the
 * unrounded interest sums Σ P·r·d/360 that are rounded exactly once.
 */
import { divRoundHalfUp } from './money';

export interface Rational {
  readonly n: bigint;
  /** Always positive; the pair is kept in lowest terms. */
  readonly d: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

export function rat(n: bigint, d: bigint = 1n): Rational {
  if (d === 0n) throw new RangeError('rational with zero denominator');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return g > 1n ? { n: n / g, d: d / g } : { n, d };
}

export const ZERO: Rational = { n: 0n, d: 1n };
export const ONE: Rational = { n: 1n, d: 1n };

export const add = (a: Rational, b: Rational): Rational =>
  a.d === b.d ? rat(a.n + b.n, a.d) : rat(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Rational, b: Rational): Rational => rat(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Rational, b: Rational): Rational => rat(a.n * b.n, a.d * b.d);
export const cmp = (a: Rational, b: Rational): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};
export const min = (a: Rational, b: Rational): Rational => (cmp(a, b) <= 0 ? a : b);
export const max = (a: Rational, b: Rational): Rational => (cmp(a, b) >= 0 ? a : b);

/** "2/3" → 2/3; "1" → 1. */
export function parseFraction(text: string): Rational {
  const [n, d] = text.split('/');
  return rat(BigInt(n), BigInt(d ?? '1'));
}

export const fractionText = (r: Rational): string => (r.d === 1n ? `${r.n}` : `${r.n}/${r.d}`);

/** Round half-up to an integer (used once per period, on fen). */
export const roundHalfUp = (r: Rational): bigint => divRoundHalfUp(r.n, r.d);

/**
 * Decimal text of r with at least `minDecimals` decimals; exact when the
 * expansion terminates within `maxDecimals`, otherwise rounded half-up to
 * `maxDecimals` (display only — traces also carry the exact fraction).
 */
export function toDecimalText(r: Rational, minDecimals = 2, maxDecimals = 8): string {
  const scale = 10n ** BigInt(maxDecimals);
  const scaled = divRoundHalfUp(r.n * scale, r.d);
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  let frac = (abs % scale).toString().padStart(maxDecimals, '0');
  while (frac.length > minDecimals && frac.endsWith('0')) frac = frac.slice(0, -1);
  const text = frac.length > 0 ? `${abs / scale}.${frac}` : `${abs / scale}`;
  return negative ? `-${text}` : text;
}

/**
 * Exact money and rates.
 * - Money: integer fen (分) as bigint. Never a JS float.
 * - Rates: percent as bigint in units of 0.0001 percent ("2.5" → 25000n), so
 *   every rate with up to 4 decimals is exact.
 * One rounding rule everywhere: half-up (四舍五入, away from zero for
 * negatives) to whole fen, applied once at the end of a period.
 */
import { invalidInput } from './errors';

export const FEN_PER_YUAN = 100n;
/** Units of 0.0001 percent per percent. */
export const RATE_UNITS_PER_PERCENT = 10_000n;

const YUAN_PATTERN = /^(-)?(\d+)(?:\.(\d{1,2}))?$/;
const RATE_PATTERN = /^(\d+)(?:\.(\d{1,4}))?$/;

/** Accepts "1234", "1234.5", "1234.50" (and a finite JS number without exponent). */
export function parseYuan(value: string | number, opts: { allowNegative?: boolean } = {}): bigint {
  const text = typeof value === 'number' ? numberToPlainString(value) : value;
  const m = text === null ? null : YUAN_PATTERN.exec(text);
  if (!m) throw invalidInput(`金额格式不正确（最多两位小数）：${String(value)}`);
  if (m[1] && !opts.allowNegative) throw invalidInput(`金额不能为负数：${String(value)}`);
  const fen = BigInt(m[2]) * FEN_PER_YUAN + BigInt((m[3] ?? '').padEnd(2, '0'));
  return m[1] ? -fen : fen;
}

export function formatYuan(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const text = `${abs / FEN_PER_YUAN}.${(abs % FEN_PER_YUAN).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** num/den rounded half-up (ties away from zero). den must be positive. */
export function divRoundHalfUp(num: bigint, den: bigint): bigint {
  if (den <= 0n) throw new RangeError('divRoundHalfUp: denominator must be positive');
  const negative = num < 0n;
  const abs = negative ? -num : num;
  const q = (2n * abs + den) / (2n * den);
  return negative ? -q : q;
}

/** Percent with up to 4 decimals: "2.5" → 25000n. Negative rates are never valid here. */
export function parseRate(value: string | number): bigint {
  const text = typeof value === 'number' ? numberToPlainString(value) : value;
  const m = text === null ? null : RATE_PATTERN.exec(text);
  if (!m) throw invalidInput(`利率格式不正确（百分数，最多四位小数）：${String(value)}`);
  return BigInt(m[1]) * RATE_UNITS_PER_PERCENT + BigInt((m[2] ?? '').padEnd(4, '0'));
}

/** 25000n → "2.50"; keeps up to 4 decimals, at least 2: 35001n → "3.5001". */
export function formatRate(units: bigint): string {
  const negative = units < 0n;
  const abs = negative ? -units : units;
  let frac = (abs % RATE_UNITS_PER_PERCENT).toString().padStart(4, '0');
  while (frac.length > 2 && frac.endsWith('0')) frac = frac.slice(0, -1);
  return `${negative ? '-' : ''}${abs / RATE_UNITS_PER_PERCENT}.${frac}`;
}

/** JSON numbers are accepted only when their decimal text is plain (no exponent). */
function numberToPlainString(n: number): string | null {
  if (!Number.isFinite(n)) return null;
  const text = String(n);
  return /e/i.test(text) ? null : text;
}

/** Output conventions of the command: money "1263.89", rates "2.50", dates ISO, no bigint. */
import { formatRate, formatYuan } from '../../money';
import { type Rational, toDecimalText } from '../../rational';

export const yuan = (fen: bigint): string => formatYuan(fen);
export const yuanOrNull = (fen: bigint | null): string | null => (fen === null ? null : formatYuan(fen));
export const ratePct = (units: bigint): string => formatRate(units);
export const ratePctOrNull = (units: bigint | null): string | null => (units === null ? null : formatRate(units));
/** Derived rates can have more than 4 decimals (0.5 × 3.5001): shown exactly up to 6. */
export const rationalPct = (r: Rational): string => toDecimalText(r, 2, 6);

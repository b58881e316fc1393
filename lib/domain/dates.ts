/**
 * Pure calendar helpers on ISO dates ("YYYY-MM-DD"), computed in UTC day
 * numbers (days since 1970-01-01). Never reads the clock.
 */
import { invalidInput } from './errors';

export type IsoDate = string;
const MS_PER_DAY = 86_400_000;
const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_PATTERN.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** Day number of an ISO date; throws INVALID_INPUT for anything else. */
export function toDay(value: IsoDate): number {
  if (!isIsoDate(value)) throw invalidInput(`日期格式不正确（应为YYYY-MM-DD）：${String(value)}`);
  return Date.UTC(Number(value.slice(0, 4)), Number(value.slice(5, 7)) - 1, Number(value.slice(8, 10))) / MS_PER_DAY;
}

export function fromDay(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDay(toDay(date) + days);
}

/** Days from a to b counting both ends (a = b → 1). */
export function daysInclusive(a: IsoDate, b: IsoDate): number {
  return toDay(b) - toDay(a) + 1;
}

/**
 * The same day-of-month `months` later. When that day does not exist in the
 * target month (31st, 29 Feb) it rolls forward to the 1st of the next month,
 * so a window "N months from day X" never loses the last day of a short month.
 * Used as an exclusive end: disbursed 2023-03-15 + 24 → 2025-03-15, so the last
 * eligible day is 2025-03-14.
 */
export function addMonthsRollForward(date: IsoDate, months: number): IsoDate {
  toDay(date);
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const total = y * 12 + (m - 1) + months;
  const ty = Math.floor(total / 12);
  const tm = (total % 12) + 1;
  if (d <= daysInMonth(ty, tm)) return iso(ty, tm, d);
  return tm === 12 ? iso(ty + 1, 1, 1) : iso(ty, tm + 1, 1);
}

/** Whole years of age on `onDate` for someone born on `birthDate`. */
export function ageOn(birthDate: IsoDate, onDate: IsoDate): number {
  toDay(birthDate);
  toDay(onDate);
  const years = Number(onDate.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return onDate.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

export function iso(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export const minDate = (a: IsoDate, b: IsoDate): IsoDate => (a <= b ? a : b);
export const maxDate = (a: IsoDate, b: IsoDate): IsoDate => (a >= b ? a : b);

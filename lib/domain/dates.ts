/**
 * Pure calendar helpers on ISO dates ("YYYY-MM-DD"), computed in UTC day
 * numbers (days since 1970-01-01). Never reads the clock.
 */
import { invalidInput } from './errors';

export type IsoDate = string;

/** y·10000 + m·100 + d for a valid "YYYY-MM-DD", else -1 (char codes only: this is hot). */
function parseIso(value: string): number {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return -1;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = value.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    y = y * 10 + c;
  }
  const m1 = value.charCodeAt(5) - 48, m2 = value.charCodeAt(6) - 48, d1 = value.charCodeAt(8) - 48, d2 = value.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return -1;
  const m = m1 * 10 + m2;
  const d = d1 * 10 + d2;
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return -1;
  return y * 10000 + m * 100 + d;
}

export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && parseIso(value) >= 0;
}

// Batches convert the same few dates over and over; a bounded memo avoids the work.
const dayMemo = new Map<string, number>();

/** Day number of an ISO date; throws INVALID_INPUT for anything else. */
export function toDay(value: IsoDate): number {
  const hit = dayMemo.get(value);
  if (hit !== undefined) return hit;
  const parts = typeof value === 'string' ? parseIso(value) : -1;
  if (parts < 0) throw invalidInput(`日期格式不正确（应为YYYY-MM-DD）：${String(value)}`);
  const day = daysFromCivil(Math.floor(parts / 10000), Math.floor(parts / 100) % 100, parts % 100);
  if (dayMemo.size >= 100_000) dayMemo.clear();
  dayMemo.set(value, day);
  return day;
}

export function fromDay(day: number): IsoDate {
  const [y, m, d] = civilFromDays(day);
  return iso(y, m, d);
}

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : MONTH_DAYS[month - 1];
}

// Proleptic Gregorian day numbers without Date objects (H. Hinnant's algorithms):
// this runs for every date of every period, so it avoids allocation.
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(day: number): [number, number, number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
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

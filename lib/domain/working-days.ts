import { addDays, toDay, type IsoDate } from './dates';

/**
 * Working days in China: Monday–Friday, except public holidays, plus the weekend days
 * the State Council declares working days (调休). The exceptions are data (a calendar
 * table an administrator maintains each year); this module only counts.
 */
export interface CalendarExceptions {
  /** Date → true for a working day on a weekend (调休上班), false for a holiday on a weekday. */
  get(date: IsoDate): boolean | undefined;
}

export function isWorkingDay(date: IsoDate, exceptions: CalendarExceptions): boolean {
  const override = exceptions.get(date);
  if (override !== undefined) return override;
  // 1970-01-01 (day 0) was a Thursday.
  const weekday = (((toDay(date) + 4) % 7) + 7) % 7; // 0 = Sunday
  return weekday !== 0 && weekday !== 6;
}

/** The date `n` working days after `start` (the start day itself not counted). */
export function addWorkingDays(start: IsoDate, n: number, exceptions: CalendarExceptions): IsoDate {
  let date = start;
  let left = n;
  while (left > 0) {
    date = addDays(date, 1);
    if (isWorkingDay(date, exceptions)) left--;
  }
  return date;
}

/** Working days from `start` (exclusive) to `end` (inclusive); 0 when end ≤ start. */
export function workingDaysBetween(start: IsoDate, end: IsoDate, exceptions: CalendarExceptions): number {
  let count = 0;
  for (let d = addDays(start, 1); d <= end; d = addDays(d, 1)) if (isWorkingDay(d, exceptions)) count++;
  return count;
}

/** The date `n` working days before `end` (the end day itself not counted). */
export function subtractWorkingDays(end: IsoDate, n: number, exceptions: CalendarExceptions): IsoDate {
  let date = end;
  let left = n;
  while (left > 0) {
    date = addDays(date, -1);
    if (isWorkingDay(date, exceptions)) left--;
  }
  return date;
}

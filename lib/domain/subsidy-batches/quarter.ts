/**
 * Claim quarters. A quarter's interest periods are the closed periods that end inside its
 * window: from the day after the previous quarter's settlement day (20 Dec/Mar/Jun/Sep)
 * to its own settlement day (20 Mar/Jun/Sep/Dec), both inclusive (rules.md §4). A loan's
 * last period may end before the 20th (settled or matured); it belongs to the quarter its
 * end falls in.
 */
import { addDays, iso, type IsoDate } from '../dates';

export const QUARTER_PATTERN = /^(\d{4})Q([1-4])$/;

export interface ClaimQuarter {
  /** '2026Q1'. */
  period: string;
  year: number;
  quarter: 1 | 2 | 3 | 4;
  /** The first day of the window (the day after the previous settlement day). */
  firstDay: IsoDate;
  /** The settlement day (结息日), the last day of the window. */
  settlementDay: IsoDate;
}

export function parseQuarter(period: string): ClaimQuarter | null {
  const m = QUARTER_PATTERN.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  const quarter = Number(m[2]) as 1 | 2 | 3 | 4;
  if (year < 2000 || year > 2100) return null;
  const settlementDay = iso(year, quarter * 3, 20);
  const previous = quarter === 1 ? iso(year - 1, 12, 20) : iso(year, quarter * 3 - 3, 20);
  return { period, year, quarter, firstDay: addDays(previous, 1), settlementDay };
}

/** The quarter whose window contains `date`. */
export function quarterOf(date: IsoDate): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const qm = Math.ceil(m / 3) * 3;
  if (m < qm || d <= 20) return `${y}Q${qm / 3}`;
  return qm === 12 ? `${y + 1}Q1` : `${y}Q${qm / 3 + 1}`;
}

/** Is the period end inside the quarter's window? */
export const inQuarter = (q: ClaimQuarter, periodEnd: IsoDate) => periodEnd >= q.firstDay && periodEnd <= q.settlementDay;

/** The latest quarter whose settlement day is on or before `today` (the newest claimable one). */
export function latestClosedQuarter(today: IsoDate): string {
  const current = parseQuarter(quarterOf(today))!;
  if (current.settlementDay <= today) return current.period;
  return current.quarter === 1 ? `${current.year - 1}Q4` : `${current.year}Q${current.quarter - 1}`;
}

/** The `count` quarters up to and including `last`, newest first. */
export function quartersBefore(last: string, count: number): string[] {
  const q = parseQuarter(last);
  if (!q) return [];
  const out: string[] = [];
  let y = q.year;
  let n: number = q.quarter;
  for (let i = 0; i < count; i++) {
    out.push(`${y}Q${n}`);
    n -= 1;
    if (n === 0) {
      n = 4;
      y -= 1;
    }
  }
  return out;
}

/** Batch number: kind, period, bank code and round, e.g. TX2026Q1-BANK-ABC-KZ-R0 — unique like the batch's natural key. */
export function batchNumber(kind: 'interest' | 'wage_refund' | 'hiring', period: string, bankCode: string, round: number): string {
  const prefix = { interest: 'TX', wage_refund: 'WG', hiring: 'XN' }[kind];
  return `${prefix}${period}-${bankCode}-R${round}`;
}

/** The subject a claim line pays: one loan's one interest period. */
export const interestSubjectKey = (applicationId: string, periodStart: IsoDate) => `interest:${applicationId}:${periodStart}`;

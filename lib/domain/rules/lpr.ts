/**
 * LPR lookup: the row with the latest effectiveFrom ≤ date (a publication day
 * uses the new value). Before the first row there is no LPR (NO_LPR); interest
 * on such contracts uses the PBoC benchmark rate instead (referenceRateOn).
 */
import { isIsoDate, type IsoDate } from '../dates';
import { RuleError, invalidInput } from '../errors';
import { parseRate } from '../money';
import type { LprTable } from './rule-set-schema';

export interface LprLookup {
  /** Units of 0.0001 percent. */
  rate: bigint;
  effectiveFrom: IsoDate;
  tableId: string;
  tableVersion: number;
}

export interface ReferenceRate {
  kind: 'LPR' | 'BENCHMARK';
  rate: bigint;
  /** Row used; null for the benchmark. */
  effectiveFrom: IsoDate | null;
}

// Parsing the table is cheap but happens for every interest input; cache per table object.
const sortedRows = new WeakMap<LprTable, { effectiveFrom: IsoDate; rate: bigint }[]>();

function rowsOf(table: LprTable): { effectiveFrom: IsoDate; rate: bigint }[] {
  let rows = sortedRows.get(table);
  if (!rows) {
    rows = table.rows.map((r) => ({ effectiveFrom: r.effectiveFrom, rate: parseRate(r.ratePercent) })).sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
    sortedRows.set(table, rows);
  }
  return rows;
}

export function lprOn(table: LprTable, date: IsoDate): LprLookup {
  if (!isIsoDate(date)) throw invalidInput(`日期格式不正确：${String(date)}`, 'date');
  const rows = rowsOf(table);
  for (let i = rows.length - 1; i >= 0; i--) {
    if (rows[i].effectiveFrom <= date) return { rate: rows[i].rate, effectiveFrom: rows[i].effectiveFrom, tableId: table.id, tableVersion: table.version };
  }
  throw new RuleError('NO_LPR', `${date} 早于首次发布LPR（${rows[0].effectiveFrom}），当日没有LPR`, { date });
}

/** L for a contract: the LPR on the contract date, or the benchmark before the first LPR. */
export function referenceRateOn(table: LprTable, contractDate: IsoDate): ReferenceRate {
  const rows = rowsOf(table);
  if (contractDate < rows[0].effectiveFrom) return { kind: 'BENCHMARK', rate: parseRate(table.preLprBenchmark.ratePercent), effectiveFrom: null };
  const lpr = lprOn(table, contractDate);
  return { kind: 'LPR', rate: lpr.rate, effectiveFrom: lpr.effectiveFrom };
}

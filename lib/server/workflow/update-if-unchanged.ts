import { and, eq } from 'drizzle-orm';
import type { PgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Tx } from '@/db/client';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog, type AuditEntry } from '@/lib/server/audit/write-audit-log';

export interface ConditionalTransition<T extends PgTable> {
  table: T;
  /**
   * What the caller read and decided on — the row's id, its state, its version: the update
   * happens only if every one still holds (two people at once: one wins, the other gets CONFLICT).
   */
  expect: readonly (readonly [PgColumn, unknown])[];
  set: PgUpdateSetSource<T>;
  /** The audit row, written in the same transaction; given the updated row when it needs it. */
  audit: AuditEntry | ((row: T['$inferSelect']) => AuditEntry);
  now: Date;
  /** The refusal when the row moved on meanwhile (default: the generic CONFLICT). */
  conflict?: () => AppError;
}

/**
 * The one conditional update + audit every status-bearing aggregate changes state through
 * (applications, 稳岗返还 records, …): the transition table has already decided; this makes it
 * a compare-and-set and records it, both in the caller's transaction.
 */
export async function updateIfUnchanged<T extends PgTable>(tx: Tx, t: ConditionalTransition<T>): Promise<T['$inferSelect']> {
  const where = and(...t.expect.map(([column, value]) => eq(column, value)));
  const rows = (await tx.update(t.table).set(t.set).where(where).returning()) as T['$inferSelect'][];
  const row = rows[0];
  if (!row) throw t.conflict?.() ?? new AppError('CONFLICT');
  await writeAuditLog(tx, typeof t.audit === 'function' ? t.audit(row) : t.audit, t.now);
  return row;
}

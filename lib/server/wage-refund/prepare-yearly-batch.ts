import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { subsidyBatches, subsidyLines, type SubsidyBatch } from '@/db/schema';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';

/**
 * Shared by the yearly schemes (稳岗返还, hiring subsidies): the first batch (round 0) of a
 * kind and year, with its lines, in the caller's transaction. One batch per kind, year and
 * round is enforced by the database (subsidy_batches_period_key); one pending-or-paid line
 * per subject by subsidy_lines_subject_active_key.
 */

export type YearlyKind = 'wage_refund' | 'hiring';

/** An ordered list of (Chinese column, value) pairs: jsonb does not keep object key order, an array does. */
export type LineColumns = [label: string, value: string][];

export interface YearlyLine {
  subjectKey: string;
  payeeName: string;
  payeeIdMasked: string | null;
  payeeAccountEnc: string | null;
  payeeAccountMasked: string | null;
  payeeBankName: string | null;
  amountFen: bigint;
  /** Columns of the list for this line, given its 序号 and the batch number. */
  columns: (seq: number, batchNumber: string) => LineColumns;
  /** Anything else worth keeping with the line (engine trace, rule set, source ids). */
  extra: Record<string, unknown>;
}

const LOCK_KEY: Record<YearlyKind, number> = { wage_refund: 72707102, hiring: 72707103 };
const PREFIX: Record<YearlyKind, string> = { wage_refund: 'WR', hiring: 'HS' };

export const yearlyBatchNumber = (kind: YearlyKind, year: number, round = 0) => `${PREFIX[kind]}${year}-R${round}`;

/** Serialise preparers of one kind and year (the unique index is the last word; this gives a clean answer). */
export async function lockYearlyBatch(tx: Tx, kind: YearlyKind, year: number) {
  await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_KEY[kind]}, ${year})`);
}

export async function findYearlyBatch(tx: Tx, kind: YearlyKind, year: number): Promise<SubsidyBatch | undefined> {
  const [b] = await tx
    .select()
    .from(subsidyBatches)
    .where(and(eq(subsidyBatches.kind, kind), eq(subsidyBatches.period, String(year)), isNull(subsidyBatches.bankOrgId), eq(subsidyBatches.round, 0)));
  return b;
}

/** Inserts the batch ('prepared', prepared by the actor) and its lines, totals and audit row. Null when the batch exists already. */
export async function insertYearlyBatch(tx: Tx, actor: Actor, kind: YearlyKind, year: number, lines: YearlyLine[], t: Date): Promise<SubsidyBatch | null> {
  const number = yearlyBatchNumber(kind, year);
  const totalFen = lines.reduce((s, l) => s + l.amountFen, 0n);
  const [batch] = await tx
    .insert(subsidyBatches)
    .values({
      number, kind, period: String(year), bankOrgId: null, round: 0, status: 'prepared', lineCount: lines.length, totalFen,
      preparedBy: actor.userId, progressDone: lines.length, progressTotal: lines.length, createdAt: t, updatedAt: t,
    })
    .onConflictDoNothing()
    .returning();
  if (!batch) return null;
  const values = lines.map((l, i) => ({
    batchId: batch.id,
    seq: i + 1,
    subjectKey: l.subjectKey,
    applicationId: null,
    payeeName: l.payeeName,
    payeeIdMasked: l.payeeIdMasked,
    payeeIdEnc: null,
    payeeAccountMasked: l.payeeAccountMasked,
    payeeAccountEnc: l.payeeAccountEnc,
    payeeBankName: l.payeeBankName,
    amountFen: l.amountFen,
    detail: { scheme: kind, policyYear: year, columns: l.columns(i + 1, number), ...l.extra },
    status: 'pending' as const,
  }));
  for (let i = 0; i < values.length; i += 500) await tx.insert(subsidyLines).values(values.slice(i, i + 500));
  await writeAuditLog(tx, {
    actor: auditActor(actor),
    event: 'subsidy_batch.prepare',
    objectType: 'subsidy_batch',
    objectId: batch.id,
    detail: { kind, period: String(year), number, lineCount: lines.length, totalFen: totalFen.toString() },
  }, t);
  return batch;
}

import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organisations, subsidyBatches, subsidyLines, users, type SubsidyBatch } from '@/db/schema';
import type { LineStatus } from '@/lib/domain/subsidy-batches/labels';
import type { Actor } from '@/lib/server/auth/actor';
import { loadScopedBatch } from './batch-scope';

export interface BatchView {
  batch: SubsidyBatch;
  bankName: string | null;
  names: { preparedBy: string | null; verifiedBy: string | null; approvedBy: string | null; exportedBy: string | null };
  /** Lines and amounts by status. */
  byStatus: Record<LineStatus, { count: number; totalFen: bigint }>;
  /** Σ of the list's columns (for the totals shown beside the control totals). */
  sums: { loanAmountFen: bigint; totalInterestFen: bigint; borrowerInterestFen: bigint };
  /** Re-issues of this batch's failed lines, and the batch this one re-issues. */
  related: { id: string; number: string; round: number; status: SubsidyBatch['status'] }[];
  /** Failed lines of this batch not yet re-issued (still without a pending or paid line). */
  failedOpen: number;
  /** Lines carrying a warning from their scheme (hiring: payee name not the enterprise's, filer not its contact). */
  flaggedLines: number;
}

/** One batch as its page shows it. Scoped like every batch read. */
export async function getBatch(db: Db, actor: Actor, batchId: string): Promise<BatchView> {
  const batch = await loadScopedBatch(db, actor, batchId);
  const ids = [batch.preparedBy, batch.verifiedBy, batch.approvedBy, batch.exportedBy].filter((x): x is string => !!x);
  const [people, bank, counts, sums, related, [open]] = await Promise.all([
    ids.length ? db.select({ id: users.id, name: users.realName }).from(users).where(inArray(users.id, ids)) : Promise.resolve([]),
    batch.bankOrgId === null ? Promise.resolve([]) : db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, batch.bankOrgId)),
    db
      .select({ status: subsidyLines.status, n: sql<number>`count(*)::int`, total: sql<string>`coalesce(sum(${subsidyLines.amountFen}), 0)::text` })
      .from(subsidyLines)
      .where(eq(subsidyLines.batchId, batch.id))
      .groupBy(subsidyLines.status),
    db
      .select({
        loan: sql<string>`coalesce(sum((${subsidyLines.detail}->>'loanAmountFen')::bigint), 0)::text`,
        interest: sql<string>`coalesce(sum((${subsidyLines.detail}->>'totalInterestFen')::bigint), 0)::text`,
        borrower: sql<string>`coalesce(sum((${subsidyLines.detail}->>'borrowerInterestFen')::bigint), 0)::text`,
        flagged: sql<number>`(count(*) filter (where jsonb_array_length(coalesce(${subsidyLines.detail}->'flags', '[]'::jsonb)) > 0))::int`,
      })
      .from(subsidyLines)
      .where(eq(subsidyLines.batchId, batch.id)),
    db
      .select({ id: subsidyBatches.id, number: subsidyBatches.number, round: subsidyBatches.round, status: subsidyBatches.status })
      .from(subsidyBatches)
      .where(and(eq(subsidyBatches.kind, batch.kind), eq(subsidyBatches.period, batch.period), sql`coalesce(${subsidyBatches.bankOrgId}, 0) = ${batch.bankOrgId ?? 0}`, ne(subsidyBatches.id, batch.id)))
      .orderBy(subsidyBatches.round),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(subsidyLines)
      .where(
        and(
          eq(subsidyLines.batchId, batch.id),
          eq(subsidyLines.status, 'failed'),
          sql`not exists (select 1 from ${subsidyLines} a where a.subject_key = ${subsidyLines.subjectKey} and a.status in ('pending', 'paid'))`,
        ),
      ),
  ]);
  const name = (id: string | null) => (id ? (people.find((p) => p.id === id)?.name ?? null) : null);
  const byStatus = { pending: { count: 0, totalFen: 0n }, paid: { count: 0, totalFen: 0n }, failed: { count: 0, totalFen: 0n }, excluded: { count: 0, totalFen: 0n } };
  for (const c of counts) byStatus[c.status] = { count: c.n, totalFen: BigInt(c.total) };
  return {
    batch,
    bankName: bank[0]?.name ?? null,
    names: { preparedBy: name(batch.preparedBy), verifiedBy: name(batch.verifiedBy), approvedBy: name(batch.approvedBy), exportedBy: name(batch.exportedBy) },
    byStatus,
    sums: { loanAmountFen: BigInt(sums[0]?.loan ?? '0'), totalInterestFen: BigInt(sums[0]?.interest ?? '0'), borrowerInterestFen: BigInt(sums[0]?.borrower ?? '0') },
    related,
    failedOpen: open?.n ?? 0,
    flaggedLines: Number(sums[0]?.flagged ?? 0),
  };
}

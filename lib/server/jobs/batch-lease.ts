import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { subsidyBatches, subsidyLines, type SubsidyBatch } from '@/db/schema';
import { batchStatesFor, isBuilding } from '@/lib/domain/workflow/money-workflow';
import { env } from '@/lib/env';
import { now as clock } from '@/lib/server/clock';

/**
 * The job mechanism for building subsidy batches — and why it is not pg-boss.
 *
 * The batch row itself is the job record: status 'building' means "to be built", the
 * progress columns are what the UI polls, `error` is where a permanent failure is told, and
 * `updated_at` is the worker's LEASE and FENCING TOKEN:
 *
 *  - take:      in one transaction, `SELECT … FOR UPDATE SKIP LOCKED` the row; it may be
 *               taken when it was never taken (progress 0/0) or when its lease is stale
 *               (updated_at older than the lease time: the worker died or hangs). Taking it
 *               deletes whatever lines a dead worker left, sets the progress total and
 *               writes a fresh updated_at — the token.
 *  - heartbeat: every page of work commits in a transaction whose first statement is
 *               `UPDATE … SET updated_at = next WHERE id = … AND status = 'building' AND
 *               updated_at = token`. Zero rows means another worker has taken the batch over:
 *               the transaction rolls back (LeaseLostError) and this worker stops. A zombie
 *               can therefore never add a line, and the final `prepared` update is fenced
 *               the same way.
 *
 * This is safe with several app processes on PostgreSQL (row locks, SKIP LOCKED, fencing)
 * and on PGlite (one process), survives a process killed at any point (the next worker
 * finds the stale lease, throws away the partial lines and rebuilds the same result), and
 * shows progress because every page commits. It needs no extra table, no schema of its own
 * and no polling daemon: the request action starts the job in-process right after its
 * commit, and any later look at a stale batch (the progress route, the claims page)
 * restarts it. pg-boss 10 would add a second schema, a supervisor polling loop in every
 * process, a PGlite adapter, and still need the same fencing to make a rebuild exact.
 */

/** How long a builder's lease lasts without a heartbeat (CLAIM_LEASE_SECONDS, default 60): longer than one page of work takes. */
export const buildLeaseMs = (): number => env().CLAIM_LEASE_SECONDS * 1000;

export class LeaseLostError extends Error {
  constructor() {
    super('build lease lost: another worker took the batch over');
    this.name = 'LeaseLostError';
  }
}

export type TakeLeaseResult =
  | { ok: true; batch: SubsidyBatch; token: Date }
  | { ok: false; reason: 'missing' | 'busy' | 'not_building' };

/** A strictly later timestamp than `after` (the token must change on every heartbeat). */
export function nextToken(after: Date): Date {
  return new Date(Math.max(clock().getTime(), after.getTime() + 1));
}

/** Is someone (probably) building it right now? */
export function leaseIsLive(batch: Pick<SubsidyBatch, 'progressDone' | 'progressTotal' | 'updatedAt'>, leaseMs = buildLeaseMs(), at = clock()): boolean {
  const neverTaken = batch.progressDone === 0 && batch.progressTotal === 0;
  return !neverTaken && at.getTime() - batch.updatedAt.getTime() < leaseMs;
}

/**
 * Take the build lease of a batch in status 'building'. `total` counts the work (shown as
 * progressTotal); it runs inside the taking transaction.
 */
export async function takeBuildLease(db: Db, batchId: string, leaseMs: number, total: (tx: Tx, batch: SubsidyBatch) => Promise<number>): Promise<TakeLeaseResult> {
  return db.transaction(async (tx) => {
    const [batch] = await tx.select().from(subsidyBatches).where(eq(subsidyBatches.id, batchId)).for('update', { skipLocked: true });
    if (!batch) {
      const [exists] = await tx.select({ id: subsidyBatches.id }).from(subsidyBatches).where(eq(subsidyBatches.id, batchId));
      return { ok: false as const, reason: exists ? ('busy' as const) : ('missing' as const) };
    }
    if (!isBuilding(batch.status)) return { ok: false as const, reason: 'not_building' as const };
    if (leaseIsLive(batch, leaseMs)) return { ok: false as const, reason: 'busy' as const };
    const token = nextToken(batch.updatedAt);
    // What a dead worker left behind: the rebuild starts from nothing.
    await tx.delete(subsidyLines).where(eq(subsidyLines.batchId, batchId));
    const n = await total(tx, batch);
    const [taken] = await tx
      .update(subsidyBatches)
      .set({ updatedAt: token, progressDone: 0, progressTotal: n, lineCount: 0, totalFen: 0n, error: null })
      .where(eq(subsidyBatches.id, batchId))
      .returning();
    return { ok: true as const, batch: taken, token };
  });
}

/**
 * Inside a transaction: prove the lease is still ours and move the token on, applying
 * `patch` to the batch. Throws LeaseLostError (rolling the transaction back) when it is not.
 * Returns the new token; adopt it only after the transaction commits.
 */
export async function heartbeat(tx: Tx, batchId: string, token: Date, patch: Partial<Omit<SubsidyBatch, 'id' | 'updatedAt'>> = {}): Promise<Date> {
  const next = nextToken(token);
  const rows = await tx
    .update(subsidyBatches)
    .set({ ...patch, updatedAt: next })
    .where(and(eq(subsidyBatches.id, batchId), inArray(subsidyBatches.status, batchStatesFor('finish_build')), eq(subsidyBatches.updatedAt, token)))
    .returning({ id: subsidyBatches.id });
  if (rows.length === 0) throw new LeaseLostError();
  return next;
}

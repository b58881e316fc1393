import { and, eq, inArray, lt, ne, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { copyLine, copyRows } from '@/db/copy-rows';
import { isUniqueViolation } from '@/db/errors';
import { subsidyBatches, subsidyLines } from '@/db/schema';
import { RuleError } from '@/lib/domain/rules';
import { parseQuarter } from '@/lib/domain/subsidy-batches/quarter';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { now as clock } from '@/lib/server/clock';
import { buildLeaseMs, LeaseLostError, heartbeat, takeBuildLease } from '@/lib/server/jobs/batch-lease';
import { getRuleCatalog } from '@/lib/server/policy/get-rule-catalog';
import { ACTIVE_LINE_STATUSES, batchStatesFor, batchTargetOf } from '@/lib/domain/workflow/money-workflow';
import { claimLinesOfLoan, type ClaimHistory, type ClaimLineRow } from './claim-lines-of-loan';
import { countClaimLoans, loadClaimedQuarters, loadClaimLoanPage, loadClaimReferences, loadExistingLines } from './load-claim-loans';

/**
 * The 贴息 claim job: builds the lines of a batch in status 'building' (see
 * lib/server/jobs/batch-lease.ts for the mechanism). It walks the bank's disbursed loans in
 * keyset pages, computes each loan's schedule through the rules engine, and commits each
 * page's lines with the progress in one fenced transaction; at the end one transaction sets
 * the line count, the total and status 'prepared'. A subject already pending or paid in
 * another batch is skipped (the partial unique index is the guarantee; a race with another
 * batch is retried). Loans the engine cannot compute fail the batch, naming them, with no
 * line left; anything else (the database went away, the process died) leaves the batch
 * 'building' for the next worker, which rebuilds it from nothing to the same result.
 */

export interface ClaimJobOptions {
  /** Loans per page (default 2000). */
  pageSize?: number;
  leaseMs?: number;
  /** Fault injection for tests: crash (throw) once at least this many lines are committed. */
  crashAfterLines?: number;
}

export type ClaimJobResult =
  | { outcome: 'prepared'; lineCount: number; totalFen: bigint; skipped: number }
  | { outcome: 'failed'; error: string }
  | { outcome: 'missing' | 'busy' | 'not_building' | 'lost_lease' };

export class InjectedCrashError extends Error {
  constructor() {
    super('injected crash');
    this.name = 'InjectedCrashError';
  }
}

const INSERT_CHUNK = 500;

async function activeElsewhere(tx: Tx, batchId: string, keys: string[]): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const rows = await tx
    .select({ key: subsidyLines.subjectKey })
    .from(subsidyLines)
    .where(and(inArray(subsidyLines.subjectKey, keys), inArray(subsidyLines.status, ACTIVE_LINE_STATUSES), ne(subsidyLines.batchId, batchId)));
  return new Set(rows.map((r) => r.key));
}

const LINE_COLUMNS = [
  'batch_id', 'seq', 'subject_key', 'application_id', 'payee_name', 'payee_id_masked', 'payee_id_enc', 'payee_account_masked', 'payee_account_enc', 'payee_bank_name', 'amount_fen', 'detail', 'status', 'period_start', 'period_end',
  'line_kind', 'corrects_line_id', 'before_fen', 'after_fen',
] as const;

/**
 * Insert lines with COPY: a page of lines travels as tab-separated text, each line's detail as
 * its JSON text (the same jsonb as before), built chunk by chunk while the copy runs.
 */
async function insertLines(tx: Tx, batchId: string, firstSeq: number, rows: ClaimLineRow[]): Promise<void> {
  if (rows.length === 0) return;
  function* chunks() {
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      let text = '';
      const end = Math.min(rows.length, i + INSERT_CHUNK);
      for (let k = i; k < end; k++) {
        const d = rows[k];
        text += copyLine([
          batchId, String(firstSeq + k), d.subjectKey, d.applicationId, d.payeeName, d.payeeIdMasked, d.payeeIdEnc, d.payeeAccountMasked, d.payeeAccountEnc, d.payeeBankName,
          d.amountFen.toString(), JSON.stringify(d.detail), 'pending', d.detail.periodStart, d.detail.periodEnd,
          d.lineKind ?? 'payment', d.correctsLineId == null ? null : String(d.correctsLineId), d.beforeFen == null ? null : d.beforeFen.toString(), d.afterFen == null ? null : d.afterFen.toString(),
        ]);
      }
      yield text;
    }
  }
  await copyRows(tx, 'subsidy_lines', LINE_COLUMNS, chunks());
}

export async function runClaimJob(db: Db, batchId: string, opts: ClaimJobOptions = {}): Promise<ClaimJobResult> {
  const pageSize = opts.pageSize ?? 2000;
  const taken = await takeBuildLease(db, batchId, opts.leaseMs ?? buildLeaseMs(), async (tx, b) => {
    const q = b.kind === 'interest' && b.bankOrgId !== null ? parseQuarter(b.period) : null;
    return q ? countClaimLoans(tx, b.bankOrgId!, q.settlementDay) : 0;
  });
  if (!taken.ok) return { outcome: taken.reason };
  const batch = taken.batch;
  let token = taken.token;

  const fail = async (error: string): Promise<ClaimJobResult> => {
    const next = await db.transaction(async (tx) => {
      await tx.delete(subsidyLines).where(eq(subsidyLines.batchId, batchId));
      const n = await heartbeat(tx, batchId, token, { status: batchTargetOf('fail_build'), error, lineCount: 0, totalFen: 0n });
      await writeAuditLog(tx, { event: 'batch.build_failed', objectType: 'subsidy_batch', objectId: batchId, result: 'failure', detail: { number: batch.number, error } }, clock());
      return n;
    });
    token = next;
    return { outcome: 'failed', error };
  };

  try {
    const q = batch.kind === 'interest' && batch.bankOrgId !== null ? parseQuarter(batch.period) : null;
    if (!q) return await fail('不是可由本任务生成的贴息批次');
    const bankOrgId = batch.bankOrgId!;
    const catalog = await getRuleCatalog(db);
    const refs = await loadClaimReferences(db, bankOrgId, catalog);
    const claimed = await loadClaimedQuarters(db, bankOrgId, q.period);

    let done = 0;
    let seq = 0;
    let skipped = 0;
    const problems: string[] = [];
    const load = (after: string) => loadClaimLoanPage(db, { bankOrgId, until: q.settlementDay, after, limit: pageSize });
    /** One page's lines and progress, in one fenced transaction (retried when another batch raced for a subject). */
    const write = async (drafts: ClaimLineRow[], progress: number) => {
      for (let attempt = 0; ; attempt++) {
        try {
          const r = await db.transaction(async (tx) => {
            const next = await heartbeat(tx, batchId, token, { progressDone: progress });
            const active = await activeElsewhere(tx, batchId, drafts.map((d) => d.subjectKey));
            const keep = active.size ? drafts.filter((d) => !active.has(d.subjectKey)) : drafts;
            await insertLines(tx, batchId, seq + 1, keep);
            return { next, inserted: keep.length, skipped: drafts.length - keep.length };
          });
          token = r.next;
          seq += r.inserted;
          skipped += r.skipped;
          done = progress;
          if (opts.crashAfterLines !== undefined && seq >= opts.crashAfterLines) throw new InjectedCrashError();
          return;
        } catch (e) {
          // Another batch took one of these subjects between our check and insert: check again.
          if (isUniqueViolation(e) && attempt < 3) continue;
          throw e;
        }
      }
    };
    // A pipeline: the next page is read, and this page's lines computed, while the previous
    // page's lines are written (on PostgreSQL the server works while this process computes).
    // Writes stay in order, one at a time: each takes the lease token the previous one left.
    let next = load('');
    let writing: Promise<void> = Promise.resolve();
    for (;;) {
      const page = await next;
      if (page.length === 0) break;
      next = load(page[page.length - 1].app.id);
      next.catch(() => {}); // awaited (and thrown) on the next turn
      const drafts: ClaimLineRow[] = [];
      const history: ClaimHistory = { ...claimed, existing: await loadExistingLines(db, batchId, page.map((l) => l.app.id)) };
      for (const loan of page) {
        try {
          for (const line of claimLinesOfLoan(loan, q, catalog, refs, history)) drafts.push(line);
        } catch (e) {
          if (!(e instanceof RuleError)) throw e;
          problems.push(`${loan.app.number ?? loan.app.id}（合同 ${loan.facts.loan.contractNo}）：${e.message}`);
        }
      }
      await writing;
      writing = write(drafts, done + page.length);
      writing.catch(() => {}); // awaited (and thrown) on the next turn or below
    }
    await writing;

    if (problems.length) {
      const head = problems.slice(0, 20).join('；');
      return await fail(`${problems.length} 笔贷款无法计算贴息，请核实贷款数据后重新申报：${head}${problems.length > 20 ? '……' : ''}`);
    }

    const result = await db.transaction(async (tx) => {
      const [agg] = await tx
        .select({ n: sql<number>`count(*)::int`, total: sql<string>`coalesce(sum(${subsidyLines.amountFen}), 0)::text` })
        .from(subsidyLines)
        .where(eq(subsidyLines.batchId, batchId));
      const totalFen = BigInt(agg.total);
      const next = await heartbeat(tx, batchId, token, { status: batchTargetOf('finish_build'), lineCount: agg.n, totalFen, progressDone: done, progressTotal: done });
      await writeAuditLog(tx, {
        event: 'batch.prepared',
        objectType: 'subsidy_batch',
        objectId: batchId,
        detail: { number: batch.number, preparedBy: batch.preparedBy, loans: done, lines: agg.n, totalFen: totalFen.toString(), skippedActiveElsewhere: skipped },
      }, clock());
      return { next, lineCount: agg.n, totalFen };
    });
    token = result.next;
    // Fresh statistics after a bulk insert (PGlite has no autovacuum): the list's queries plan well.
    await db.execute(sql`analyze ${subsidyLines}`).catch(() => {});
    return { outcome: 'prepared', lineCount: result.lineCount, totalFen: result.totalFen, skipped };
  } catch (e) {
    if (e instanceof LeaseLostError) return { outcome: 'lost_lease' };
    throw e;
  }
}

// ------------------------------------------------------------------ starting jobs in-process

const g = globalThis as { __kzClaimJobs?: Set<string> };
const running = () => (g.__kzClaimJobs ??= new Set());

/** Start the job for a batch in the background of this process (at most once per process). */
export function startClaimJob(db: Db, batchId: string): void {
  if (running().has(batchId)) return;
  running().add(batchId);
  void runClaimJob(db, batchId)
    .catch((e) => console.error('[claim-job] batch %s stopped: %s', batchId, e instanceof Error ? e.message : String(e)))
    .finally(() => running().delete(batchId));
}

/** Batches left 'building' by a worker that died (stale lease) or never started, oldest first. */
export async function findResumableClaimBatches(db: Db, leaseMs = buildLeaseMs(), limit = 10): Promise<string[]> {
  const staleBefore = new Date(clock().getTime() - leaseMs);
  const rows = await db
    .select({ id: subsidyBatches.id })
    .from(subsidyBatches)
    .where(
      and(
        inArray(subsidyBatches.status, batchStatesFor('finish_build')),
        eq(subsidyBatches.kind, 'interest'),
        or(and(eq(subsidyBatches.progressDone, 0), eq(subsidyBatches.progressTotal, 0)), lt(subsidyBatches.updatedAt, staleBefore)),
      ),
    )
    .orderBy(subsidyBatches.updatedAt)
    .limit(limit);
  return rows.map((r) => r.id);
}

/**
 * Restart the jobs of batches left 'building' by a worker that died (stale lease) or never
 * started; any process may call it, the lease makes sure only one builds each batch.
 */
export async function resumeStaleClaimJobs(db: Db, leaseMs = buildLeaseMs()): Promise<number> {
  const ids = await findResumableClaimBatches(db, leaseMs);
  for (const id of ids) startClaimJob(db, id);
  return ids.length;
}

/**
 * The worker's turn: build every resumable batch here and now, one after the other (not in
 * this process's background). Another process building the same batch keeps it: the lease
 * answers 'busy' and the fencing token stops a zombie.
 */
export async function runResumableClaimJobs(db: Db, opts: ClaimJobOptions = {}): Promise<Record<string, number>> {
  const outcomes: Record<string, number> = {};
  for (const id of await findResumableClaimBatches(db, opts.leaseMs ?? buildLeaseMs())) {
    if (running().has(id)) continue; // this process is building it already (in-process worker)
    running().add(id);
    try {
      const r = await runClaimJob(db, id, opts);
      outcomes[r.outcome] = (outcomes[r.outcome] ?? 0) + 1;
    } finally {
      running().delete(id);
    }
  }
  return outcomes;
}

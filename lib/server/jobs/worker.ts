import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { env } from '@/lib/env';
import { anchorAuditChainIfDue } from '@/lib/server/audit/anchor-audit-chain';
import { runResumableClaimJobs } from '@/lib/server/claims/run-claim-job';
import { now as clock } from '@/lib/server/clock';
import { drainSmsOutbox } from '@/lib/server/notifications/drain-sms-outbox';
import { smsGatewayFromEnv } from '@/lib/server/notifications/sms-gateway';
import { errorCodeOf, log } from '@/lib/server/observability/log';
import { metrics } from '@/lib/server/observability/metrics';
import { detectOverdueLoansScheduled } from '@/lib/server/servicing/detect-overdue-loans';
import { createDbFileStore } from '@/lib/server/storage/db-file-store';

/**
 * The worker (`npm run worker`, or in the web process with WORKER_IN_PROCESS=1 on PGlite): runs
 * the background jobs on a schedule. Any number of workers and web processes may run at once
 * on one PostgreSQL; no job is done twice:
 *  - claims:       贴息 claim batches left 'building' (never started, or a dead builder's stale
 *                  lease) — the batch row's lease and fencing token (jobs/batch-lease.ts);
 *  - sms:          the SMS outbox — rows claimed FOR UPDATE SKIP LOCKED;
 *  - overdue:      marks loans past maturity overdue — per loan, row lock and state check;
 *  - audit-anchor: a signed anchor of the audit chain when the newest is older than
 *                  AUDIT_ANCHOR_EVERY_HOURS — one worker at a time (transaction advisory lock);
 *  - files-sweep:  stored files written but never committed a day ago (a process died mid-upload).
 */
export interface WorkerJob {
  name: string;
  everyMs: number;
  run: (db: Db) => Promise<unknown>;
}

const HOUR = 3600_000;

/** Run `fn` only if no other process runs the job `name` now (transaction-scoped advisory lock); null when busy. */
export async function exclusively<T>(db: Db, name: string, fn: (db: Db) => Promise<T>): Promise<T | { skipped: 'busy' }> {
  return db.transaction(async (tx) => {
    const rows = await tx.execute(sql`select pg_try_advisory_xact_lock(hashtext(${`kz-job:${name}`})) as ok`);
    const ok = (Array.isArray(rows) ? rows : (rows as { rows: { ok: boolean }[] }).rows)[0]?.ok;
    if (!ok) return { skipped: 'busy' as const };
    return fn(tx as unknown as Db);
  });
}

export function workerJobs(): WorkerJob[] {
  const cfg = env();
  const poll = cfg.WORKER_POLL_SECONDS * 1000;
  const gateway = smsGatewayFromEnv();
  const jobs: WorkerJob[] = [{ name: 'claims', everyMs: poll, run: (db) => runResumableClaimJobs(db) }];
  if (gateway) jobs.push({ name: 'sms', everyMs: poll, run: (db) => drainSmsOutbox(db, gateway) });
  jobs.push(
    { name: 'overdue', everyMs: HOUR, run: (db) => exclusively(db, 'overdue', async (tx) => { const r = await detectOverdueLoansScheduled(tx); return { active: r.active, marked: r.marked.length, skipped: r.skipped }; }) },
    {
      name: 'audit-anchor', everyMs: 10 * 60_000,
      run: (db) => exclusively(db, 'audit-anchor', async (tx) => {
        const r = await anchorAuditChainIfDue(tx, cfg.AUDIT_ANCHOR_EVERY_HOURS);
        return r === null ? { due: false } : r.ok ? { anchored: r.name } : { refused: r.check.ok ? 'CHAIN_ID_MISSING' : r.check.reason };
      }),
    },
    { name: 'files-sweep', everyMs: HOUR, run: async (db) => ({ removed: await createDbFileStore(db).sweepUncommitted(new Date(clock().getTime() - 24 * HOUR)) }) },
  );
  return jobs;
}

/** One run of one job, logged (job, duration, outcome, error code) and counted. Never throws. */
export async function runJob(db: Db, job: WorkerJob): Promise<{ ok: boolean; result?: unknown }> {
  const started = performance.now();
  const m = metrics();
  try {
    const result = await job.run(db);
    const seconds = (performance.now() - started) / 1000;
    m.jobDuration.observe({ job: job.name, outcome: 'ok' }, seconds);
    log().info({ kind: 'job', job: job.name, outcome: 'ok', durationMs: Math.round(seconds * 1000), result }, 'job done');
    return { ok: true, result };
  } catch (e) {
    const seconds = (performance.now() - started) / 1000;
    m.jobDuration.observe({ job: job.name, outcome: 'error' }, seconds);
    m.jobFailures.inc({ job: job.name });
    log().error({ kind: 'job', job: job.name, outcome: 'error', errorCode: errorCodeOf(e), durationMs: Math.round(seconds * 1000) }, 'job failed');
    return { ok: false };
  }
}

export interface RunningWorker {
  /** Stop scheduling; resolves once the runs in flight have finished. */
  stop(): Promise<void>;
}

/** Run every job now and then on its interval; one run of a job at a time per process. */
export function startWorker(getDb: () => Promise<Db>, jobs: WorkerJob[] = workerJobs()): RunningWorker {
  const timers: NodeJS.Timeout[] = [];
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;
  for (const job of jobs) {
    let busy = false;
    const tick = () => {
      if (busy || stopped) return;
      busy = true;
      const p = getDb()
        .then((db) => runJob(db, job))
        .catch((e) => log().error({ kind: 'job', job: job.name, outcome: 'error', errorCode: errorCodeOf(e) }, 'job could not start'))
        .finally(() => {
          busy = false;
          inFlight.delete(p);
        });
      inFlight.add(p);
    };
    tick();
    const t = setInterval(tick, job.everyMs);
    t.unref();
    timers.push(t);
  }
  log().info({ kind: 'worker', jobs: jobs.map((j) => `${j.name}/${j.everyMs / 1000}s`) }, 'worker started');
  return {
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await Promise.allSettled([...inFlight]);
    },
  };
}

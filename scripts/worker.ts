// `npm run worker`: the background jobs (lib/server/jobs/worker.ts) on a schedule, until SIGTERM /
// SIGINT. Run one or more next to the web processes on the same PostgreSQL. `-- --once` runs
// every job once and exits (cron-style; non-zero when one failed).
// On PGlite no second process can open the database: there the web process runs the loop
// itself (WORKER_IN_PROCESS=1, which `npm run demo` sets).
import { createDb } from '../db/client';
import { migrationPlan } from '../db/app-role';
import { migrateDb } from '../db/migrate';
import { env } from '../lib/env';
import { runJob, startWorker, workerJobs } from '../lib/server/jobs/worker';
import { log } from '../lib/server/observability/log';

const cfg = env();
const h = await createDb();
if (cfg.DB_MIGRATE_ON_START !== '0') await migrateDb(h, migrationPlan(cfg));

if (process.argv.includes('--once')) {
  let failed = 0;
  for (const job of workerJobs()) if (!(await runJob(h.db, job)).ok) failed++;
  await h.close();
  process.exit(failed ? 1 : 0);
}

const worker = startWorker(async () => h.db);
// Keep the process alive: the job timers are unref'd (so the in-process worker never holds a web process open).
const keepAlive = setInterval(() => {}, 1 << 30);
let stopping = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    log().info({ kind: 'worker', signal: sig }, 'worker stopping');
    // A claim job still running is left to its lease: the next worker resumes it.
    const hard = setTimeout(() => process.exit(0), 10_000);
    hard.unref();
    void worker.stop().finally(async () => {
      clearInterval(keepAlive);
      await h.close().catch(() => {});
      process.exit(0);
    });
  });
}

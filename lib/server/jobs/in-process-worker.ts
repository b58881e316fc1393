import { env } from '@/lib/env';
import { getDb } from '@/lib/server/db';
import { startWorker, type RunningWorker } from './worker';

const g = globalThis as { __kzWorker?: RunningWorker };

/**
 * WORKER_IN_PROCESS=1: this web process also runs the worker loop. For PGlite, whose embedded
 * database only one process can open (`npm run demo` sets it there); on PostgreSQL run
 * `npm run worker` processes instead.
 */
export function startInProcessWorker(): void {
  if (g.__kzWorker || env().WORKER_IN_PROCESS !== '1') return;
  g.__kzWorker = startWorker(getDb);
}

import fs from 'node:fs';
import path from 'node:path';
import type { DbHandle } from '@/db/client';
import { errorCodeOf } from '@/lib/server/observability/log';
import { fileStore } from '@/lib/server/storage/file-store';

export type CheckResult = 'ok' | 'unreachable' | 'behind' | 'unknown' | 'failed' | 'timeout';

export interface Readiness {
  ready: boolean;
  checks: { database: CheckResult; migrations: CheckResult; fileStore: CheckResult };
  /** Error codes of the failed checks (never messages). */
  errors?: Record<string, string>;
}

const TIMEOUT_MS = 3000;

class CheckTimeout extends Error {
  constructor() {
    super('check timed out');
    this.name = 'TIMEOUT';
  }
}

function withTimeout<T>(p: Promise<T>, ms = TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new CheckTimeout()), ms); })]).finally(() => clearTimeout(timer));
}

/** The newest migration this build carries (db/migrations/meta/_journal.json): its `when`, which drizzle records as `created_at`. */
export function expectedMigration(folder = path.join(process.cwd(), 'db', 'migrations')): { count: number; last: number } {
  const journal = JSON.parse(fs.readFileSync(path.join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return { count: journal.entries.length, last: Math.max(...journal.entries.map((e) => e.when)) };
}

/**
 * /api/ready: can this process serve? The database answers, its migrations are the ones this
 * build expects (drizzle's migration table, which the app role may read — db/app-role.ts), and
 * the file store takes a write. Nothing about any person; no session needed.
 */
export async function checkReadiness(open: () => Promise<DbHandle>): Promise<Readiness> {
  const checks: Readiness['checks'] = { database: 'unknown', migrations: 'unknown', fileStore: 'unknown' };
  const errors: Record<string, string> = {};
  let h: DbHandle | null = null;
  try {
    h = await withTimeout(open());
    await withTimeout(h.query('select 1'));
    checks.database = 'ok';
  } catch (e) {
    checks.database = e instanceof CheckTimeout ? 'timeout' : 'unreachable';
    errors.database = errorCodeOf(e);
  }
  if (h) {
    try {
      const [row] = await withTimeout(h.query<{ last: string | null }>('select max(created_at)::text as last from drizzle.__drizzle_migrations'));
      const expected = expectedMigration();
      checks.migrations = Number(row?.last ?? 0) >= expected.last ? 'ok' : 'behind';
    } catch (e) {
      checks.migrations = e instanceof CheckTimeout ? 'timeout' : 'failed';
      errors.migrations = errorCodeOf(e);
    }
    try {
      await withTimeout(fileStore(h.db).probeWritable());
      checks.fileStore = 'ok';
    } catch (e) {
      checks.fileStore = e instanceof CheckTimeout ? 'timeout' : 'failed';
      errors.fileStore = errorCodeOf(e);
    }
  }
  const ready = Object.values(checks).every((c) => c === 'ok');
  return Object.keys(errors).length ? { ready, checks, errors } : { ready, checks };
}

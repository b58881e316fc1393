import 'server-only';
import { createDb, type DbHandle } from '@/db/client';
import { migrationPlan } from '@/db/app-role';
import { migrateDb } from '@/db/migrate';
import { env } from '@/lib/env';

// Route handlers and pages are separate bundles with separate module copies: the handle
// lives on globalThis so one process opens the database once.
const g = globalThis as { __kzDb?: Promise<DbHandle> };

export function getDbHandle(): Promise<DbHandle> {
  g.__kzDb ??= createDb().then(async (h) => {
    const cfg = env();
    // Migrations run as the owner (MIGRATION_DATABASE_URL) when one is set; the app itself
    // connects as DATABASE_URL, which in production is the unprivileged role.
    try {
      if (cfg.DB_MIGRATE_ON_START !== '0') await migrateDb(h, migrationPlan(cfg));
    } catch (e) {
      await h.close().catch(() => {});
      throw e;
    }
    return h;
  });
  const p = g.__kzDb;
  // A failed open (the database was down when the process started) is not kept: the next request tries again.
  p.catch(() => {
    if (g.__kzDb === p) g.__kzDb = undefined;
  });
  return p;
}

export const getDb = async () => (await getDbHandle()).db;

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
    if (cfg.DB_MIGRATE_ON_START !== '0') await migrateDb(h, migrationPlan(cfg));
    return h;
  });
  return g.__kzDb;
}

export const getDb = async () => (await getDbHandle()).db;

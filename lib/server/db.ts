import 'server-only';
import { createDb, type DbHandle } from '@/db/client';
import { migrateDb } from '@/db/migrate';

// Route handlers and pages are separate bundles with separate module copies: the handle
// lives on globalThis so one process opens the database once.
const g = globalThis as { __kzDb?: Promise<DbHandle> };

export function getDbHandle(): Promise<DbHandle> {
  g.__kzDb ??= createDb().then(async (h) => {
    if (process.env.DB_MIGRATE_ON_START !== '0') await migrateDb(h);
    return h;
  });
  return g.__kzDb;
}

export const getDb = async () => (await getDbHandle()).db;

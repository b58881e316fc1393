import path from 'node:path';
import type { DbHandle } from './client';
import * as schema from './schema';
import { APPEND_ONLY_TABLES, READ_ONLY_TABLES, appRoleGrants } from './app-role';
import { migrateData } from './migrate-data';

export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

export interface MigrateOptions {
  /** The owner's URL (PostgreSQL); default: the handle's own. */
  url?: string;
  /** After migrating, (re)grant this unprivileged role its rights (db/app-role.ts). */
  appRole?: string | null;
  folder?: string;
}

/**
 * Apply every pending drizzle-kit migration. On PostgreSQL a session-level advisory lock,
 * held on one dedicated connection, lets several app processes start at once; then, when an
 * app role is named, the grants are renewed on that connection, so every table a migration
 * added is covered. Last, the data steps that need the application's key (db/migrate-data.ts).
 */
export async function migrateDb(h: DbHandle, opts: MigrateOptions = {}): Promise<void> {
  const folder = opts.folder ?? migrationsFolder;
  if (h.driver === 'pg') {
    const { Client } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    const client = new Client({ connectionString: opts.url ?? h.url });
    await client.connect();
    try {
      await client.query('select pg_advisory_lock(72707001)');
      try {
        await migrate(drizzle(client, { schema }), { migrationsFolder: folder });
      } catch (e) {
        if ((e as { code?: string }).code === '42501' || /permission denied/.test(String((e as { cause?: unknown }).cause ?? e))) {
          throw new Error('migrations need the schema owner: set MIGRATION_DATABASE_URL, or start with DB_MIGRATE_ON_START=0 and run `npm run db:migrate` as the owner', { cause: e });
        }
        throw e;
      }
      if (opts.appRole) {
        const { rows } = await client.query<{ name: string }>(
          `select tablename as name from pg_tables where schemaname = 'public' and tablename = any($1)`,
          [[...APPEND_ONLY_TABLES, ...READ_ONLY_TABLES]],
        );
        await client.query('begin');
        for (const stmt of appRoleGrants(opts.appRole, new Set(rows.map((r) => r.name)))) await client.query(stmt);
        await client.query('commit');
      }
    } finally {
      await client.end(); // ending the session releases the lock
    }
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(h.db as never, { migrationsFolder: folder });
  }
  // Steps that need the application's key (sealing mobiles stored in clear): idempotent.
  await migrateData(h.db);
}

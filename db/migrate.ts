import path from 'node:path';
import type { DbHandle } from './client';
import * as schema from './schema';

export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

/**
 * Apply every pending drizzle-kit migration. On PostgreSQL a session-level advisory lock,
 * held on one dedicated connection, lets several app processes start at once.
 */
export async function migrateDb(h: DbHandle, folder = migrationsFolder): Promise<void> {
  if (h.driver === 'pg') {
    const { Client } = await import('pg');
    const { drizzle } = await import('drizzle-orm/node-postgres');
    const { migrate } = await import('drizzle-orm/node-postgres/migrator');
    const client = new Client({ connectionString: h.url });
    await client.connect();
    try {
      await client.query('select pg_advisory_lock(72707001)');
      await migrate(drizzle(client, { schema }), { migrationsFolder: folder });
    } finally {
      await client.end(); // ending the session releases the lock
    }
  } else {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(h.db as never, { migrationsFolder: folder });
  }
}

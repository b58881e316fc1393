import fs from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema';
import { acquireDirLock } from './dir-lock';
import { ensurePrivateDir } from '@/lib/server/storage/private-dir';

export type Schema = typeof schema;
/** Both drivers share this base type, so use-cases never care which one runs. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** A use-case accepts either the database or an open transaction. */
export type DbOrTx = Db | Tx;

export interface DbHandle {
  db: Db;
  driver: 'pg' | 'pglite';
  /** The PostgreSQL URL (pg driver only). */
  url?: string;
  /** Raw SQL with parameters, for the few places drizzle has no builder (tests, locks). */
  query: <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>;
  close: () => Promise<void>;
}

export interface CreateDbOptions {
  /** PostgreSQL URL; when empty, an embedded PGlite database is used. */
  url?: string;
  /** PGlite data directory, or `memory://` for a throw-away database. */
  pgliteDir?: string;
}

export const defaultPgliteDir = () => path.join(process.cwd(), '.data', 'pglite');

export async function createDb(options: CreateDbOptions = {}): Promise<DbHandle> {
  const url = options.url ?? process.env.DATABASE_URL;
  if (url) return createPg(url);
  return createPglite(options.pgliteDir ?? process.env.PGLITE_DIR ?? defaultPgliteDir());
}

async function createPg(url: string): Promise<DbHandle> {
  const { Pool } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new Pool({ connectionString: url, max: Number(process.env.DB_POOL_MAX ?? 10) });
  // An idle client can lose its server (restart, admin termination). pg re-emits that on the
  // pool; without a listener Node treats it as an uncaught exception and the process dies.
  // The pool already dropped the client, so the next query simply opens a new connection.
  pool.on('error', (err) => console.error('[db] idle PostgreSQL connection lost: %s', err.message));
  // pool.end() resolves before its clients have finished saying goodbye to the server;
  // count live connections so close() returns only once every socket is really closed.
  let live = 0;
  let allClosed: (() => void) | undefined;
  pool.on('connect', () => void live++);
  pool.on('remove', () => {
    live--;
    if (live === 0) allClosed?.();
  });
  const db = drizzle(pool, { schema }) as unknown as Db;
  return {
    db,
    driver: 'pg',
    url,
    query: async (text, params) => (await pool.query(text, params)).rows,
    close: async () => {
      const closed = live === 0 ? Promise.resolve() : new Promise<void>((resolve) => (allClosed = resolve));
      await pool.end();
      await closed;
    },
  };
}

/** The extensions every PGlite open must load (the backup/restore of a data directory too). */
export async function pgliteExtensions() {
  // pg_trgm: the trigram index behind the review queue's fragment search (migration 0011).
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  // btree_gist: the exclusion constraint refusing overlapping subsidy periods of a loan (migration 0020).
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  return { pg_trgm, btree_gist };
}

async function createPglite(dir: string): Promise<DbHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const extensions = await pgliteExtensions();
  let release = () => {};
  let client;
  if (dir === 'memory://') {
    client = new PGlite({ extensions });
  } else {
    const abs = path.resolve(dir);
    ensurePrivateDir(path.dirname(abs));
    // PGlite has no cross-process locking: two processes on one directory corrupt it.
    release = acquireDirLock(abs);
    try {
      client = new PGlite(abs, { extensions });
      await client.waitReady;
    } catch (e) {
      release();
      throw e;
    }
  }
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    query: async (text, params) => (await client.query(text, params)).rows as never,
    close: async () => {
      await client.close();
      release();
    },
  };
}

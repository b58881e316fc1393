import crypto from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import { createDb, type DbHandle } from '@/db/client';
import { migrateDb } from '@/db/migrate';

type Target = { name: string; open: () => Promise<DbHandle> };

/** A fresh, migrated database per test file: PGlite in memory, and PostgreSQL when TEST_DATABASE_URL is set. */
function targets(): Target[] {
  const list: Target[] = [{ name: 'pglite', open: () => createDb({ url: '', pgliteDir: 'memory://' }) }];
  const base = process.env.TEST_DATABASE_URL;
  if (base) list.push({ name: 'postgres', open: () => openFreshPg(base) });
  return list;
}

const createdDbs: { admin: string; name: string }[] = [];

async function openFreshPg(baseUrl: string): Promise<DbHandle> {
  const { Client } = await import('pg');
  const name = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  createdDbs.push({ admin: baseUrl, name });
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return createDb({ url: url.toString() });
}

async function dropCreated(name: string, baseUrl: string) {
  const { Client } = await import('pg');
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}

/**
 * Run a suite once per database target. `ctx.h` is a migrated handle, opened before and
 * closed after the suite.
 */
export function describeDb(title: string, body: (ctx: { h: DbHandle }) => void) {
  describe.each(targets())(`${title} [$name]`, (target) => {
    const ctx = {} as { h: DbHandle };
    beforeAll(async () => {
      ctx.h = await target.open();
      await migrateDb(ctx.h);
    });
    afterAll(async () => {
      await ctx.h?.close();
      const mine = createdDbs.splice(0);
      for (const d of mine) await dropCreated(d.name, d.admin);
    });
    body(ctx);
  });
}

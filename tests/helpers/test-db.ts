import crypto from 'node:crypto';
import { afterAll, beforeAll, describe } from 'vitest';
import { createDb, type DbHandle } from '@/db/client';
import { ensureAppRole, urlAs } from '@/db/app-role';
import { migrateDb } from '@/db/migrate';

/**
 * `h` is what the app connects as; `owner` owns the schema (migrations, and tests that tamper
 * with the database the way its owner could). On PostgreSQL they are two roles — the app's
 * owns nothing (db/app-role.ts); PGlite has one embedded user, so both are the same handle.
 */
export interface DbCtx {
  h: DbHandle;
  owner: DbHandle;
}

type Target = { name: string; open: () => Promise<DbCtx> };

/** A fresh, migrated database per test file: PGlite in memory, and PostgreSQL when TEST_DATABASE_URL is set. */
function targets(): Target[] {
  const list: Target[] = [{ name: 'pglite', open: openPglite }];
  const base = process.env.TEST_DATABASE_URL;
  if (base) list.push({ name: 'postgres', open: () => openFreshPg(base, process.env.TEST_APP_DATABASE_URL || undefined) });
  return list;
}

async function openPglite(): Promise<DbCtx> {
  const h = await createDb({ url: '', pgliteDir: 'memory://' });
  await migrateDb(h);
  return { h, owner: h };
}

const createdDbs: { admin: string; name: string }[] = [];

/**
 * TEST_DATABASE_URL's role creates and owns the database and migrates it; the app role
 * (TEST_APP_DATABASE_URL's, else `<owner>_app`) gets its grants and is what the tests use.
 */
async function openFreshPg(baseUrl: string, appUrl?: string): Promise<DbCtx> {
  const { Client } = await import('pg');
  const name = `t_${crypto.randomBytes(6).toString('hex')}`;
  const appRole = await ensureAppRole(baseUrl, appUrl);
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  createdDbs.push({ admin: baseUrl, name });
  const ownerUrl = new URL(baseUrl);
  ownerUrl.pathname = `/${name}`;
  const owner = await createDb({ url: ownerUrl.toString() });
  await migrateDb(owner, { appRole: appRole.user });
  const h = await createDb({ url: urlAs(baseUrl, appRole, name) });
  return { h, owner };
}

async function dropCreated(name: string, baseUrl: string) {
  const { Client } = await import('pg');
  const admin = new Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}

/**
 * Run a suite once per database target. `ctx.h` (the app's role) and `ctx.owner` are
 * migrated handles, opened before and closed after the suite.
 */
export function describeDb(title: string, body: (ctx: DbCtx) => void) {
  describe.each(targets())(`${title} [$name]`, (target) => {
    const ctx = {} as DbCtx;
    beforeAll(async () => {
      Object.assign(ctx, await target.open());
    });
    afterAll(async () => {
      await ctx.h?.close();
      if (ctx.owner && ctx.owner !== ctx.h) await ctx.owner.close();
      const mine = createdDbs.splice(0);
      for (const d of mine) await dropCreated(d.name, d.admin);
    });
    body(ctx);
  });
}

// The server Playwright tests run against: a fresh database with the demo data, on the
// production build. PGlite in .data/pglite-e2e unless E2E_DATABASE_URL names PostgreSQL.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { spawn } from 'node:child_process';
import { createDb } from '../db/client';
import { migrateDb } from '../db/migrate';
import { seedDemo } from '../db/seed';

const port = process.env.E2E_PORT ?? '3100';
const url = process.env.E2E_DATABASE_URL;
const pgliteDir = '.data/pglite-e2e';
if (!url) fs.rmSync(pgliteDir, { recursive: true, force: true });

const env = {
  ...process.env,
  NODE_ENV: 'production' as const,
  NEXTAUTH_SECRET: crypto.randomBytes(32).toString('base64url'),
  PII_KEY: crypto.randomBytes(32).toString('base64'),
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  NEXT_TELEMETRY_DISABLED: '1',
  ...(url ? { DATABASE_URL: url } : { DATABASE_URL: '', PGLITE_DIR: pgliteDir }),
};
Object.assign(process.env, env);

const h = await createDb();
if (url) {
  // E2E_DATABASE_URL names a database the browser tests own: start it empty every time, so a
  // rerun meets the same demo data as the first run (PGlite's directory is removed above).
  await h.query('drop schema if exists drizzle cascade');
  await h.query('drop schema if exists public cascade');
  await h.query('create schema public');
}
await migrateDb(h);
await seedDemo(h.db);
await h.close();

const server = spawn('npx', ['next', 'start', '-p', port], { stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));

// The server Playwright tests run against: a fresh database with the demo data, on the
// production build. PGlite in .data/pglite-e2e unless E2E_DATABASE_URL names PostgreSQL: then
// that URL's role owns the schema and migrates it, and the server connects as the unprivileged
// app role (E2E_APP_DATABASE_URL's, else `<owner>_app`), as in production.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createDb } from '../db/client';
import { ensureAppRole, urlAs } from '../db/app-role';
import { migrateDb } from '../db/migrate';
import { seedDemo } from '../db/seed';

const port = process.env.E2E_PORT ?? '3100';
const url = process.env.E2E_DATABASE_URL;
// The test SMS gateway: the server drains the outbox every second into this file (see e2e/helpers/sms.ts).
const smsFile = path.resolve(process.env.E2E_SMS_FILE ?? `.data/e2e-sms-${port}.jsonl`);
fs.rmSync(smsFile, { force: true });
const pgliteDir = '.data/pglite-e2e';
const anchorDir = '.data/audit-anchors-e2e';
if (!url) fs.rmSync(pgliteDir, { recursive: true, force: true });
fs.rmSync(anchorDir, { recursive: true, force: true });
const appRole = url ? await ensureAppRole(url, process.env.E2E_APP_DATABASE_URL || undefined) : null;

const env = {
  ...process.env,
  NODE_ENV: 'production' as const,
  NEXTAUTH_SECRET: crypto.randomBytes(32).toString('base64url'),
  PII_KEY: crypto.randomBytes(32).toString('base64'),
  PII_INDEX_KEY: crypto.randomBytes(32).toString('base64'),
  AUDIT_KEY: crypto.randomBytes(32).toString('base64'),
  AUDIT_ANCHOR_DIR: anchorDir,
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  NEXT_TELEMETRY_DISABLED: '1',
  SMS_GATEWAY: `file:${smsFile}`,
  SMS_DRAIN_INTERVAL_SECONDS: '1',
  // The request log would drown the browser tests' output: warnings and errors only.
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  // Every spec registers and logs in from 127.0.0.1: the per-address limits are raised so the
  // suite does not trip them (the per-account lock stays at its default; the limits themselves
  // are tested in tests/integration/rate-limits.test.ts).
  REGISTRATIONS_PER_ADDRESS_PER_HOUR: process.env.REGISTRATIONS_PER_ADDRESS_PER_HOUR ?? '10000',
  LOGIN_ADDRESS_MAX_FAILURES: process.env.LOGIN_ADDRESS_MAX_FAILURES ?? '10000',
  WAGE_REFUND_CONFIRM_PER_HOUR_PER_ADDRESS: process.env.WAGE_REFUND_CONFIRM_PER_HOUR_PER_ADDRESS ?? '10000',
  SMS_PER_MOBILE_PER_DAY: process.env.SMS_PER_MOBILE_PER_DAY ?? '10000',
  ...(url ? { DATABASE_URL: urlAs(url, appRole!), MIGRATION_DATABASE_URL: '', DB_MIGRATE_ON_START: '0' } : { DATABASE_URL: '', PGLITE_DIR: pgliteDir }),
};
Object.assign(process.env, env);

// Set up as the owner; the server below gets the app role's URL only.
const h = await createDb({ url: url ?? '' });
if (url) {
  // E2E_DATABASE_URL names a database the browser tests own: start it empty every time, so a
  // rerun meets the same demo data as the first run (PGlite's directory is removed above).
  await h.query('drop schema if exists drizzle cascade');
  await h.query('drop schema if exists public cascade');
  await h.query('create schema public');
}
await migrateDb(h, { appRole: appRole?.user });
await seedDemo(h.db);
await h.close();

const server = spawn('npx', ['tsx', 'scripts/serve.ts', '-p', port], { stdio: 'inherit', env });
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => server.kill(sig));
server.on('exit', (code) => process.exit(code ?? 0));

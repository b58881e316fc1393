// One command to a running demo: secrets, migrations, demo data, build (first time), start.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync, spawn } from 'node:child_process';
import { createDb } from '../db/client';
import { migrateDb } from '../db/migrate';
import { migrationPlan } from '../db/app-role';
import { env } from '../lib/env';
import { seedDemo } from '../db/seed';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../db/seed/demo-accounts';

const port = process.env.PORT ?? '3000';
// The keys live apart from the data they open: `.keys/`, not `.data/` (a copy of the data
// directory carries no key). Older demos kept them in .data/secrets.json: moved once.
const secretsFile = path.join(process.cwd(), '.keys', 'demo-secrets.json');
const oldSecretsFile = path.join(process.cwd(), '.data', 'secrets.json');

// Generated once and kept, so encrypted personal data stays readable across restarts.
// A file from before a secret existed gains it (AUDIT_KEY came later); existing ones never change.
function loadSecrets(): Record<string, string> {
  fs.mkdirSync(path.dirname(secretsFile), { recursive: true, mode: 0o700 });
  if (!fs.existsSync(secretsFile) && fs.existsSync(oldSecretsFile)) {
    fs.copyFileSync(oldSecretsFile, secretsFile);
    fs.chmodSync(secretsFile, 0o600);
    fs.rmSync(oldSecretsFile);
  }
  const secrets: Record<string, string> = fs.existsSync(secretsFile) ? JSON.parse(fs.readFileSync(secretsFile, 'utf8')) : {};
  const earlierPiiKey = secrets.PII_KEY;
  const wanted: Record<string, () => string> = {
    NEXTAUTH_SECRET: () => crypto.randomBytes(32).toString('base64url'),
    PII_KEY: () => crypto.randomBytes(32).toString('base64'),
    // A demo whose indexes were made under PII_KEY (before PII_INDEX_KEY existed) keeps that key for them.
    PII_INDEX_KEY: () => earlierPiiKey ?? crypto.randomBytes(32).toString('base64'),
    AUDIT_KEY: () => crypto.randomBytes(32).toString('base64'),
  };
  const missing = Object.keys(wanted).filter((k) => !secrets[k]);
  for (const k of missing) secrets[k] = wanted[k]();
  if (missing.length) fs.writeFileSync(secretsFile, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

const secrets = loadSecrets();
Object.assign(process.env, { ...secrets, ...pick(process.env, ['NEXTAUTH_SECRET', 'PII_KEY', 'PII_INDEX_KEY', 'AUDIT_KEY']) });
// The demo's SMS "phone" is the server console: codes and notices are printed as they are sent.
const childEnv = {
  ...process.env,
  NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  NEXT_TELEMETRY_DISABLED: '1',
  SMS_GATEWAY: process.env.SMS_GATEWAY ?? 'log',
  // The worker drains the outbox (every WORKER_POLL_SECONDS), with the claim jobs, overdue checks and anchors.
  WORKER_POLL_SECONDS: process.env.WORKER_POLL_SECONDS ?? '5',
};
const pglite = !process.env.DATABASE_URL;
// One worker with the web server: on PostgreSQL a `npm run worker` process of its own; on PGlite,
// whose embedded database one process alone can open, the loop runs inside the web process.
if (pglite) Object.assign(childEnv, { WORKER_IN_PROCESS: '1' });

const h = await createDb();
await migrateDb(h, migrationPlan(env()));
await seedDemo(h.db);
await h.close(); // release the PGlite directory before the server opens it
console.log(`数据库已就绪（${h.driver === 'pg' ? 'PostgreSQL' : '内置 PGlite：.data/pglite'}），演示数据已写入。`);

if (!fs.existsSync('.next/BUILD_ID') || process.argv.includes('--rebuild')) {
  console.log('首次启动：正在构建应用（约 1 分钟）…');
  const r = spawnSync('npx', ['next', 'build'], { stdio: 'inherit', env: childEnv });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

console.log(`\n演示系统：http://localhost:${port}\n所有演示账号的密码：${DEMO_PASSWORD}`);
for (const a of DEMO_ACCOUNTS) console.log(`  ${a.role.padEnd(20)} ${a.username}`);
const server = spawn('npx', ['tsx', 'scripts/serve.ts', '-p', port], { stdio: 'inherit', env: childEnv });
const worker = pglite ? null : spawn('npx', ['tsx', 'scripts/worker.ts'], { stdio: 'inherit', env: { ...childEnv, DB_MIGRATE_ON_START: '0' } });
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    server.kill(sig);
    worker?.kill(sig);
  });
}
server.on('exit', (code) => {
  worker?.kill('SIGTERM');
  process.exit(code ?? 0);
});

function pick(obj: NodeJS.ProcessEnv, keys: string[]) {
  return Object.fromEntries(keys.filter((k) => obj[k]).map((k) => [k, obj[k] as string]));
}

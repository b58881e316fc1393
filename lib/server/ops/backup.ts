import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pgliteExtensions } from '@/db/client';
import { acquireDirLock } from '@/db/dir-lock';

/**
 * Backup and restore (`npm run db:backup` / `npm run db:restore`). A backup is a directory:
 *  - `database.dump`          PostgreSQL: `pg_dump -Fc` (every table — documents and frozen
 *                              exports included, they live in the database);
 *  - `pglite-data.tar.gz`     PGlite: the data directory as PGlite dumps it (app stopped);
 *  - `audit-anchors/`         a copy of AUDIT_ANCHOR_DIR (the signed checkpoints of the audit chain);
 *  - `manifest.json`          what is in it, with each file's SHA-256 (checked before a restore).
 * AUDIT_KEY and PII_KEY are NOT in it: keep them apart (without them the chain does not verify and
 * 身份证号 cannot be read).
 */
export interface BackupManifest {
  format: 'kaizhou-backup/1';
  createdAt: string;
  driver: 'pg' | 'pglite';
  files: Record<string, { sha256: string; size: number }>;
}

const sha256File = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'pipe'], env });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} exited with ${code}: ${err.trim().slice(0, 2000)}`))));
  });
}

/** pg_dump / pg_restore take the URL's password from PGPASSWORD rather than a command line others can read. */
function pgArgs(url: string): { conn: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  const password = decodeURIComponent(u.password);
  u.password = '';
  return { conn: u.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}

function copyAnchors(from: string, to: string, files: BackupManifest['files'], prefix: string | null): number {
  if (!fs.existsSync(from)) return 0;
  fs.mkdirSync(to, { recursive: true, mode: 0o700 });
  let n = 0;
  for (const name of fs.readdirSync(from, { recursive: true }) as string[]) {
    const src = path.join(from, name);
    if (!fs.statSync(src).isFile()) continue;
    const dest = path.join(to, name);
    fs.mkdirSync(path.dirname(dest), { recursive: true, mode: 0o700 });
    if (fs.existsSync(dest)) {
      // An anchor is never overwritten: the same name must hold the same bytes.
      if (sha256File(dest) !== sha256File(src)) throw new Error(`anchor ${name} exists with different content at ${to}`);
    } else {
      fs.copyFileSync(src, dest);
    }
    if (prefix !== null) files[path.posix.join(prefix, name.split(path.sep).join('/'))] = { sha256: sha256File(dest), size: fs.statSync(dest).size };
    n++;
  }
  return n;
}

function writeManifest(dir: string, m: BackupManifest) {
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(m, null, 2), { mode: 0o600 });
}

export function readManifest(dir: string): BackupManifest {
  const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
  if (m.format !== 'kaizhou-backup/1') throw new Error('not a backup directory (manifest.json format)');
  for (const [name, f] of Object.entries(m.files)) {
    const file = path.join(dir, ...name.split('/'));
    if (!fs.existsSync(file) || sha256File(file) !== f.sha256) throw new Error(`backup file ${name} is missing or does not match its SHA-256`);
  }
  return m;
}

/** PostgreSQL: pg_dump -Fc of the database `url` (the owner's, to read everything) plus the anchors. */
export async function backupPg(opts: { url: string; outDir: string; anchorDir: string }): Promise<BackupManifest> {
  fs.mkdirSync(opts.outDir, { recursive: true, mode: 0o700 });
  const dump = path.join(opts.outDir, 'database.dump');
  const { conn, env } = pgArgs(opts.url);
  await run('pg_dump', ['--format=custom', '--compress=6', '--file', dump, '--dbname', conn], env);
  const files: BackupManifest['files'] = { 'database.dump': { sha256: sha256File(dump), size: fs.statSync(dump).size } };
  copyAnchors(opts.anchorDir, path.join(opts.outDir, 'audit-anchors'), files, 'audit-anchors');
  const m: BackupManifest = { format: 'kaizhou-backup/1', createdAt: new Date().toISOString(), driver: 'pg', files };
  writeManifest(opts.outDir, m);
  return m;
}

/**
 * PostgreSQL: restore a backup into an EMPTY database `url` (as its owner), without the old
 * owner or grants (`--no-owner --no-privileges`: the caller migrates afterwards, which re-grants
 * the app role), and put the anchors back into `anchorDir`.
 */
export async function restorePg(opts: { url: string; fromDir: string; anchorDir: string }): Promise<void> {
  const m = readManifest(opts.fromDir);
  if (m.driver !== 'pg') throw new Error('this backup is of an embedded PGlite database: restore it with PGLITE_DIR set and no DATABASE_URL');
  const { Client } = await import('pg');
  const c = new Client({ connectionString: opts.url });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: number }>(`select count(*)::int as n from pg_tables where schemaname in ('public', 'drizzle')`);
    if (rows[0].n > 0) throw new Error('the target database is not empty: restore into a new, empty database');
  } finally {
    await c.end();
  }
  const { conn, env } = pgArgs(opts.url);
  await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', '--dbname', conn, path.join(opts.fromDir, 'database.dump')], env);
  copyAnchors(path.join(opts.fromDir, 'audit-anchors'), opts.anchorDir, {}, null);
}

/** PGlite: the stopped data directory, as PGlite dumps it (refused while the app holds the directory). */
export async function backupPglite(opts: { dataDir: string; outDir: string; anchorDir: string }): Promise<BackupManifest> {
  const abs = path.resolve(opts.dataDir);
  if (!fs.existsSync(abs)) throw new Error(`no PGlite data directory at ${abs}`);
  const release = acquireDirLock(abs);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const client = new PGlite(abs, { extensions: await pgliteExtensions() });
    await client.waitReady;
    const blob = await client.dumpDataDir('gzip');
    await client.close();
    fs.mkdirSync(opts.outDir, { recursive: true, mode: 0o700 });
    const out = path.join(opts.outDir, 'pglite-data.tar.gz');
    fs.writeFileSync(out, Buffer.from(await blob.arrayBuffer()), { mode: 0o600 });
    const files: BackupManifest['files'] = { 'pglite-data.tar.gz': { sha256: sha256File(out), size: fs.statSync(out).size } };
    copyAnchors(opts.anchorDir, path.join(opts.outDir, 'audit-anchors'), files, 'audit-anchors');
    const m: BackupManifest = { format: 'kaizhou-backup/1', createdAt: new Date().toISOString(), driver: 'pglite', files };
    writeManifest(opts.outDir, m);
    return m;
  } finally {
    release();
  }
}

/** PGlite: load a backup into a new (absent or empty) data directory. */
export async function restorePglite(opts: { dataDir: string; fromDir: string; anchorDir: string }): Promise<void> {
  const m = readManifest(opts.fromDir);
  if (m.driver !== 'pglite') throw new Error('this backup is of a PostgreSQL database: restore it with DATABASE_URL set');
  const abs = path.resolve(opts.dataDir);
  if (fs.existsSync(abs) && fs.readdirSync(abs).length > 0) throw new Error(`the PGlite directory ${abs} is not empty: restore into a new directory`);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const release = acquireDirLock(abs);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const data = fs.readFileSync(path.join(opts.fromDir, 'pglite-data.tar.gz'));
    const client = new PGlite(abs, { extensions: await pgliteExtensions(), loadDataDir: new Blob([new Uint8Array(data)]) });
    await client.waitReady;
    await client.close();
  } finally {
    release();
  }
  copyAnchors(path.join(opts.fromDir, 'audit-anchors'), opts.anchorDir, {}, null);
}

// `npm run db:backup [-- --out <dir>]`: a backup directory (default .data/backups/<UTC time>) holding
// the database (PostgreSQL: pg_dump -Fc, as MIGRATION_DATABASE_URL's owner when set, else
// DATABASE_URL; PGlite: the data directory — stop the app first) and a copy of the audit anchors,
// with a manifest of SHA-256s. See lib/server/ops/backup.ts and the README (备份与恢复).
import path from 'node:path';
import { defaultPgliteDir } from '../db/client';
import { env } from '../lib/env';
import { anchorRoot } from '../lib/server/audit/anchor-store';
import { backupPg, backupPglite } from '../lib/server/ops/backup';

const cfg = env();
const i = process.argv.indexOf('--out');
const outDir = path.resolve(i > 0 ? process.argv[i + 1] : path.join('.data', 'backups', new Date().toISOString().replace(/[:.]/g, '-')));
const url = cfg.MIGRATION_DATABASE_URL ?? cfg.DATABASE_URL;
const m = url
  ? await backupPg({ url, outDir, anchorDir: anchorRoot() })
  : await backupPglite({ dataDir: cfg.PGLITE_DIR ?? defaultPgliteDir(), outDir, anchorDir: anchorRoot() });
console.log(JSON.stringify({ backup: outDir, driver: m.driver, files: Object.keys(m.files).length }));

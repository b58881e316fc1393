// `npm run db:restore -- --from <backup dir>`: restore a backup made by `npm run db:backup` into an
// EMPTY database (PostgreSQL: MIGRATION_DATABASE_URL's owner when set, else DATABASE_URL; PGlite:
// an empty PGLITE_DIR), put the audit anchors back into AUDIT_ANCHOR_DIR, then run the migrations
// (newer code on an older backup) and re-grant the app role. Start the app with the same
// AUDIT_KEY and PII_KEY as the backed-up one.
import path from 'node:path';
import { createDb, defaultPgliteDir } from '../db/client';
import { migrationPlan } from '../db/app-role';
import { migrateDb } from '../db/migrate';
import { env } from '../lib/env';
import { anchorRoot } from '../lib/server/audit/anchor-store';
import { restorePg, restorePglite } from '../lib/server/ops/backup';

const cfg = env();
const i = process.argv.indexOf('--from');
if (i < 0 || !process.argv[i + 1]) {
  console.error('usage: npm run db:restore -- --from <backup directory>');
  process.exit(1);
}
const fromDir = path.resolve(process.argv[i + 1]);
const url = cfg.MIGRATION_DATABASE_URL ?? cfg.DATABASE_URL;
if (url) await restorePg({ url, fromDir, anchorDir: anchorRoot() });
else await restorePglite({ dataDir: cfg.PGLITE_DIR ?? defaultPgliteDir(), fromDir, anchorDir: anchorRoot() });
const h = await createDb();
try {
  await migrateDb(h, migrationPlan(cfg));
} finally {
  await h.close();
}
console.log(JSON.stringify({ restored: fromDir, into: url ? 'postgresql' : 'pglite' }));

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { documents, subsidyBatches } from '@/db/schema';
import { createDbFileStore } from './db-file-store';
import { KEY_RE, type DiskFileStore } from './file-store';

/** No stored file is larger than this (exports' own limit); a bigger file on disk is reported, not copied. */
const MIGRATE_MAX_BYTES = 2 * 1024 ** 3;

export interface MigrateFilesReport {
  /** Copied into the database and verified. */
  copied: string[];
  /** Already in the database with the same SHA-256 (a re-run). */
  present: string[];
  /** Not copied: the disk's bytes do not match what the database recorded (document or export SHA-256, or an earlier copy). */
  mismatched: { key: string; reason: string }[];
  /** Files removed from the disk after verification (`removeFromDisk`). */
  removed: string[];
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The SHA-256 the business rows recorded for a key (document or frozen export), if any. */
async function recordedSha256(db: Db, key: string): Promise<string | null> {
  const [doc] = await db.select({ sha256: documents.sha256 }).from(documents).where(eq(documents.storageKey, key)).limit(1);
  if (doc) return doc.sha256;
  const [b] = await db
    .select({ xk: subsidyBatches.exportXlsxKey, xs: subsidyBatches.exportXlsxSha256, ck: subsidyBatches.exportCsvKey, cs: subsidyBatches.exportCsvSha256 })
    .from(subsidyBatches)
    .where(or(eq(subsidyBatches.exportXlsxKey, key), eq(subsidyBatches.exportCsvKey, key)))
    .limit(1);
  if (b) return b.xk === key ? b.xs : b.cs;
  return null;
}

/** Every key-shaped file under the disk store's root (temporary `.tmp` files are skipped). */
export function diskKeys(store: DiskFileStore): string[] {
  if (!fs.existsSync(store.root)) return [];
  const keys: string[] = [];
  for (const dir of fs.readdirSync(store.root, { withFileTypes: true })) {
    if (!dir.isDirectory() || !/^[0-9a-f]{2}$/.test(dir.name)) continue;
    for (const f of fs.readdirSync(path.join(store.root, dir.name), { withFileTypes: true })) {
      const key = `${dir.name}/${f.name}`;
      if (f.isFile() && KEY_RE.test(key)) keys.push(key);
    }
  }
  return keys.sort();
}

/**
 * `npm run files:migrate`: copy every file of the disk store into the database store under the
 * same key (documents and batches already record the keys). Idempotent: a key already in the
 * database is checked, not copied again. Each copy is verified: the disk file's SHA-256 must
 * equal what the business row recorded (when one does) and the database's copy is read back
 * and hashed. Files are removed from the disk only when asked, and only once verified.
 */
export async function migrateDiskFiles(db: Db, disk: DiskFileStore, opts: { removeFromDisk?: boolean } = {}): Promise<MigrateFilesReport> {
  const target = createDbFileStore(db);
  const report: MigrateFilesReport = { copied: [], present: [], mismatched: [], removed: [] };
  for (const key of diskKeys(disk)) {
    const file = disk.pathOf(key);
    const diskSha = await sha256OfFile(file);
    const recorded = await recordedSha256(db, key);
    if (recorded && recorded !== diskSha) {
      report.mismatched.push({ key, reason: 'disk file differs from the recorded SHA-256' });
      continue;
    }
    const existing = await target.stat(key);
    if (existing) {
      if (existing.sha256 !== diskSha) {
        report.mismatched.push({ key, reason: 'the database holds different bytes under this key' });
        continue;
      }
      report.present.push(key);
    } else {
      const written = await target.importAs(key, fs.createReadStream(file), MIGRATE_MAX_BYTES);
      // Read back what the database now serves.
      const { stream } = await target.openRead(key);
      const hash = crypto.createHash('sha256');
      for await (const chunk of stream) hash.update(chunk);
      const readBack = hash.digest('hex');
      if (written.sha256 !== diskSha || readBack !== diskSha) {
        await target.remove(key);
        report.mismatched.push({ key, reason: 'the copy in the database did not verify' });
        continue;
      }
      report.copied.push(key);
    }
    if (opts.removeFromDisk) {
      await disk.remove(key);
      report.removed.push(key);
    }
  }
  return report;
}

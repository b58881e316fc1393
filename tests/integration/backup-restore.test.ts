import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { createDb, type DbHandle } from '@/db/client';
import { ensureAppRole, urlAs } from '@/db/app-role';
import { migrateDb } from '@/db/migrate';
import { applications, subsidyBatches } from '@/db/schema';
import { anchorAuditChain } from '@/lib/server/audit/anchor-audit-chain';
import { anchorRoot } from '@/lib/server/audit/anchor-store';
import { verifyAgainstLatestAnchor } from '@/lib/server/audit/check-audit-chain';
import { approveBatch } from '@/lib/server/batches/approve-batch';
import { exportBatch } from '@/lib/server/batches/export-batch';
import { readBatchExport } from '@/lib/server/batches/read-batch-export';
import { verifyBatch } from '@/lib/server/batches/verify-batch';
import { requestClaim } from '@/lib/server/claims/request-claim';
import { runClaimJob } from '@/lib/server/claims/run-claim-job';
import { readDocument } from '@/lib/server/documents/read-document';
import { uploadDocument } from '@/lib/server/documents/upload-document';
import { backupPg, backupPglite, readManifest, restorePg, restorePglite } from '@/lib/server/ops/backup';
import { actorOf, createUser, ensureReferenceData } from '../helpers/factories';
import { describeDb } from '../helpers/test-db';
import { applicationAt, createCast, type Cast } from '../helpers/workflow-fixtures';

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const bytesOf = async (s: ReadableStream<Uint8Array>) => Buffer.from(await new Response(s).arrayBuffer());
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), crypto.randomBytes(600_000)]);

interface Seeded {
  cast: Cast;
  owner: Awaited<ReturnType<typeof actorOf>>;
  documentId: string;
  batchId: string;
  exportSha: string;
  exportBytes: Buffer;
}

/** A document (in the database store), a frozen 拨付清单 and an anchored audit chain. */
async function seed(db: Db): Promise<Seeded> {
  await ensureReferenceData(db);
  const cast = await createCast(db);
  const owner = actorOf(await createUser(db, { role: 'applicant' }));
  const [app] = await db.insert(applications).values({ applicantId: owner.userId, loanType: 'individual', formEnc: 'x', applicantName: '测试申请人' }).returning({ id: applications.id });
  async function* body() {
    for (let i = 0; i < PNG.length; i += 65536) yield new Uint8Array(PNG.subarray(i, i + 65536));
  }
  const doc = await uploadDocument(db, owner, { applicationId: app.id, kind: 'id_card', fileName: '身份证.png', content: body() });
  for (let i = 0; i < 2; i++) await applicationAt(db, cast, 'disbursed');
  const { batch } = await requestClaim(db, cast.bank, { period: '2026Q1' });
  expect((await runClaimJob(db, batch.id)).outcome).toBe('prepared');
  const version = async () => ({ batchId: batch.id, version: (await db.select().from(subsidyBatches).where(eq(subsidyBatches.id, batch.id)))[0].updatedAt.toISOString() });
  await verifyBatch(db, cast.hr, await version());
  await approveBatch(db, cast.finance, await version());
  const exported = await exportBatch(db, cast.finance, await version());
  const file = await readBatchExport(db, cast.finance, { batchId: batch.id, format: 'xlsx' });
  const exportBytes = await bytesOf(file.stream);
  expect(sha256(exportBytes)).toBe(exported.batch.exportXlsxSha256);
  const anchored = await anchorAuditChain(db, null, 'daily');
  expect(anchored.ok).toBe(true);
  return { cast, owner, documentId: doc.id, batchId: batch.id, exportSha: exported.batch.exportXlsxSha256!, exportBytes };
}

/** The restored database: the chain verifies against the anchor, the document and the list are the same bytes. */
async function checkRestored(db: Db, s: Seeded) {
  const chain = await verifyAgainstLatestAnchor(db);
  expect(chain.ok).toBe(true);
  const doc = await readDocument(db, s.owner, { documentId: s.documentId, download: true });
  const bytes = await bytesOf(doc.stream);
  expect(bytes.equals(PNG)).toBe(true);
  expect(sha256(bytes)).toBe(doc.meta.sha256);
  const file = await readBatchExport(db, s.cast.finance, { batchId: s.batchId, format: 'xlsx' });
  const exportBytes = await bytesOf(file.stream);
  expect(file.sha256).toBe(s.exportSha);
  expect(sha256(exportBytes)).toBe(s.exportSha);
  expect(exportBytes.equals(s.exportBytes)).toBe(true);
}

describeDb('backup and restore drill: the chain verifies, a document and a frozen export come back byte-identical', (ctx) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-backup-'));
  const restoredAnchors = path.join(tmp, 'restored-anchors');
  const opened: DbHandle[] = [];
  const droppers: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const h of opened) await h.close().catch(() => {});
    for (const d of droppers) await d().catch(() => {});
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  let seeded: Seeded;
  let dataDir: string;
  beforeAll(async () => {
    if (ctx.h.driver === 'pg') {
      seeded = await seed(ctx.h.db);
    } else {
      // PGlite: the drill on a data directory (the app stopped), not the in-memory test database.
      dataDir = path.join(tmp, 'pglite-source');
      const h = await createDb({ url: '', pgliteDir: dataDir });
      await migrateDb(h);
      seeded = await seed(h.db);
      await h.close();
    }
  }, 180_000);

  it('backs up, refuses a non-empty target, restores into a new database, and everything checks', async () => {
    const out = path.join(tmp, 'backup');
    if (ctx.h.driver === 'pg') {
      await backupPg({ url: ctx.owner.url!, outDir: out, anchorDir: anchorRoot() });
    } else {
      await backupPglite({ dataDir, outDir: out, anchorDir: anchorRoot() });
    }
    const manifest = readManifest(out);
    expect(Object.keys(manifest.files).some((f) => f.startsWith('audit-anchors/'))).toBe(true);

    let restored: Db;
    if (ctx.h.driver === 'pg') {
      // Not into a database that has tables.
      await expect(restorePg({ url: ctx.owner.url!, fromDir: out, anchorDir: restoredAnchors })).rejects.toThrow('not empty');
      const base = process.env.TEST_DATABASE_URL!;
      const name = `t_restore_${crypto.randomBytes(5).toString('hex')}`;
      const { Client } = await import('pg');
      const admin = new Client({ connectionString: base });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      droppers.push(async () => {
        const c = new Client({ connectionString: base });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      });
      const ownerUrl = new URL(base);
      ownerUrl.pathname = `/${name}`;
      await restorePg({ url: ownerUrl.toString(), fromDir: out, anchorDir: restoredAnchors });
      // What `npm run db:restore` does next: migrate (nothing to do) and re-grant the app role.
      const appRole = await ensureAppRole(base, process.env.TEST_APP_DATABASE_URL || undefined);
      const owner = await createDb({ url: ownerUrl.toString() });
      opened.push(owner);
      await migrateDb(owner, { appRole: appRole.user });
      const app = await createDb({ url: urlAs(base, appRole, name) });
      opened.push(app);
      restored = app.db;
    } else {
      const target = path.join(tmp, 'pglite-restored');
      await restorePglite({ dataDir: target, fromDir: out, anchorDir: restoredAnchors });
      await expect(restorePglite({ dataDir: target, fromDir: out, anchorDir: restoredAnchors })).rejects.toThrow('not empty');
      const h = await createDb({ url: '', pgliteDir: target });
      opened.push(h);
      await migrateDb(h);
      restored = h.db;
    }
    // The anchors came back too, the same files.
    const names = (d: string) => (fs.readdirSync(d, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(d, f)).isFile()).sort();
    expect(names(restoredAnchors)).toEqual(names(anchorRoot()));
    await checkRestored(restored, seeded);
  }, 180_000);

  it('a damaged backup is refused before anything is restored', async () => {
    const out = path.join(tmp, 'backup');
    const victim = Object.keys(readManifest(out).files)[0];
    fs.appendFileSync(path.join(out, ...victim.split('/')), 'x');
    expect(() => readManifest(out)).toThrow('does not match its SHA-256');
  });
});

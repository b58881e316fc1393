import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { applications, documents, storedFileChunks, storedFiles } from '@/db/schema';
import { DOCUMENT_MAX_BYTES } from '@/lib/domain/file-sniff';
import { readDocument } from '@/lib/server/documents/read-document';
import { DocumentTooLargeError, uploadDocument } from '@/lib/server/documents/upload-document';
import { DB_CHUNK_BYTES, createDbFileStore, type DbFileStore } from '@/lib/server/storage/db-file-store';
import { FileTooLargeError, StoredFileMissingError, createFileStore, fileStore } from '@/lib/server/storage/file-store';
import { migrateDiskFiles } from '@/lib/server/storage/migrate-disk-files';
import { describeDb } from '../helpers/test-db';
import { actorOf, createUser, ensureReferenceData } from '../helpers/factories';

const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const bytesOf = async (s: ReadableStream<Uint8Array>) => Buffer.from(await new Response(s).arrayBuffer());
async function* chunked(buf: Buffer, size = 7919) {
  for (let i = 0; i < buf.length; i += size) yield new Uint8Array(buf.subarray(i, i + size));
}
const PNG_SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describeDb('database file store: chunks in, chunks out, invisible until committed; files:migrate', (ctx) => {
  let store: DbFileStore;
  const db = () => ctx.h.db;
  const counts = async () => {
    const [r] = await ctx.h.query<{ files: number; chunks: number }>('select (select count(*)::int from stored_files) as files, (select count(*)::int from stored_file_chunks) as chunks');
    return { files: Number(r.files), chunks: Number(r.chunks) };
  };

  beforeAll(async () => {
    store = createDbFileStore(ctx.h.db);
    await ensureReferenceData(ctx.h.db);
  });

  it('is the default store', () => {
    expect(fileStore(db()).kind).toBe('db');
  });

  it('a multi-chunk file streams in, is invisible until committed, then streams out byte-identical', async () => {
    const content = crypto.randomBytes(DB_CHUNK_BYTES * 2 + 12345);
    const pending = await store.saveStream(chunked(content), content.length);
    expect(pending).toMatchObject({ size: content.length, sha256: sha256(content) });
    expect(Buffer.from(pending.head).equals(content.subarray(0, 16))).toBe(true);
    const [row] = await db().select().from(storedFiles).where(eq(storedFiles.key, pending.key));
    expect(row).toMatchObject({ sizeBytes: content.length, sha256: sha256(content), chunkCount: 3, committedAt: null });
    await expect(store.openRead(pending.key)).rejects.toBeInstanceOf(StoredFileMissingError);

    await store.commit(pending);
    const { size, stream } = await store.openRead(pending.key);
    expect(size).toBe(content.length);
    expect((await bytesOf(stream)).equals(content)).toBe(true);
    expect(await store.stat(pending.key)).toEqual({ size: content.length, sha256: sha256(content) });

    await store.remove(pending.key);
    await expect(store.openRead(pending.key)).rejects.toBeInstanceOf(StoredFileMissingError);
    expect(await db().select().from(storedFileChunks).where(eq(storedFileChunks.fileKey, pending.key))).toEqual([]);
  });

  it('past the limit: FileTooLargeError and nothing stored; discard and a rolled-back commit leave nothing visible', async () => {
    const before = await counts();
    await expect(store.saveStream(chunked(crypto.randomBytes(DB_CHUNK_BYTES + 10)), DB_CHUNK_BYTES)).rejects.toBeInstanceOf(FileTooLargeError);
    expect(await counts()).toEqual(before);

    const a = await store.saveStream(chunked(Buffer.from('discard me')), 100);
    await store.discard(a);
    expect(await counts()).toEqual(before);

    const b = await store.saveStream(chunked(Buffer.from('rolled back')), 100);
    await expect(
      db().transaction(async (tx) => {
        await store.commit(b, tx);
        throw new Error('the caller failed after committing the file');
      }),
    ).rejects.toThrow('the caller failed');
    await expect(store.openRead(b.key)).rejects.toBeInstanceOf(StoredFileMissingError);
    // A day later the worker sweeps what was never committed.
    expect(await store.sweepUncommitted(new Date(Date.now() + 60_000))).toBeGreaterThanOrEqual(1);
    expect(await counts()).toEqual(before);
  });

  it('readiness probe writes and leaves nothing', async () => {
    const before = await counts();
    await store.probeWritable();
    expect(await counts()).toEqual(before);
  });

  it('an upload through the use-case lands in the database with its row; a too-large one stores nothing', async () => {
    const owner = actorOf(await createUser(db(), { role: 'applicant' }));
    const [app] = await db().insert(applications).values({ applicantId: owner.userId, loanType: 'individual', formEnc: 'x', applicantName: '测试申请人' }).returning({ id: applications.id });
    const png = Buffer.concat([PNG_SIG, crypto.randomBytes(300_000)]);
    const doc = await uploadDocument(db(), owner, { applicationId: app.id, kind: 'id_card', fileName: 'a.png', content: chunked(png) });
    const [row] = await db().select().from(documents).where(eq(documents.id, doc.id));
    expect(await store.stat(row.storageKey)).toEqual({ size: png.length, sha256: sha256(png) });
    const read = await readDocument(db(), owner, { documentId: doc.id });
    expect((await bytesOf(read.stream)).equals(png)).toBe(true);

    const before = await counts();
    const big = Buffer.concat([PNG_SIG, Buffer.alloc(DOCUMENT_MAX_BYTES, 1)]);
    await expect(uploadDocument(db(), owner, { applicationId: app.id, kind: 'id_card', fileName: 'b.png', content: chunked(big, 1 << 20) })).rejects.toBeInstanceOf(DocumentTooLargeError);
    expect(await counts()).toEqual(before);
  });

  it('files:migrate copies disk files under their keys, verifies SHA-256, is idempotent and refuses a tampered file', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-migrate-'));
    try {
      const disk = createFileStore(root);
      const owner = actorOf(await createUser(db(), { role: 'applicant' }));
      const [app] = await db().insert(applications).values({ applicantId: owner.userId, loanType: 'individual', formEnc: 'x', applicantName: '测试申请人' }).returning({ id: applications.id });
      const good = Buffer.concat([PNG_SIG, crypto.randomBytes(DB_CHUNK_BYTES + 99)]);
      const tampered = Buffer.concat([PNG_SIG, crypto.randomBytes(500)]);
      const loose = crypto.randomBytes(1000);
      const keys: string[] = [];
      for (const [content, recorded] of [[good, sha256(good)], [tampered, sha256(Buffer.from('what was uploaded'))], [loose, null]] as const) {
        const p = await disk.saveStream(chunked(content), 10 << 20);
        await disk.commit(p);
        keys.push(p.key);
        if (recorded) {
          await db().insert(documents).values({ applicationId: app.id, ownerId: owner.userId, kind: 'id_card', originalName: 'x.png', mime: 'image/png', sizeBytes: content.length, sha256: recorded, storageKey: p.key, createdAt: new Date() });
        }
      }
      const before = await counts();
      const first = await migrateDiskFiles(db(), disk);
      expect(first.copied.sort()).toEqual([keys[0], keys[2]].sort());
      expect(first.mismatched).toEqual([{ key: keys[1], reason: 'disk file differs from the recorded SHA-256' }]);
      expect(await store.stat(keys[1])).toBeNull();
      expect((await bytesOf((await store.openRead(keys[0])).stream)).equals(good)).toBe(true);
      expect((await bytesOf((await store.openRead(keys[2])).stream)).equals(loose)).toBe(true);
      const after = await counts();
      expect(after.files).toBe(before.files + 2);

      const again = await migrateDiskFiles(db(), disk, { removeFromDisk: true });
      expect(again.copied).toEqual([]);
      expect(again.present.sort()).toEqual([keys[0], keys[2]].sort());
      expect(again.removed.sort()).toEqual([keys[0], keys[2]].sort());
      expect(await counts()).toEqual(after);
      // The tampered one stays on the disk, for a person to look at.
      expect(fs.existsSync(disk.pathOf(keys[1]))).toBe(true);
      expect(fs.existsSync(disk.pathOf(keys[0]))).toBe(false);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

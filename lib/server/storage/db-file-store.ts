import { and, eq, isNotNull, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { storedFileChunks, storedFiles } from '@/db/schema';
import {
  KEY_RE, StoredFileMissingError, meterStream, newFileKey,
  type ByteSource, type FileStore, type PendingFile,
} from './file-store';

/** Bytes per stored chunk: a 10 MiB document is 40 rows; a read holds one chunk in memory. */
export const DB_CHUNK_BYTES = 256 * 1024;

export type DbFileStore = FileStore & {
  readonly kind: 'db';
  /**
   * Stream `source` in under a given key and commit it at once (the disk-to-database migration
   * keeps each file's key, which documents and batches already record).
   */
  importAs(key: string, source: ByteSource, maxBytes: number): Promise<PendingFile>;
  /** The committed file's recorded size and SHA-256, or null. */
  stat(key: string): Promise<{ size: number; sha256: string } | null>;
  /** Delete files written but never committed before `before` (a process died mid-upload). */
  sweepUncommitted(before: Date): Promise<number>;
};

/**
 * Files in PostgreSQL (tables `stored_files` and `stored_file_chunks`, db/schema/files.ts):
 * streamed in one chunk at a time — each chunk is written as it fills, so a 10 MiB upload never
 * sits in memory, and counted against the limit before it is written — and streamed out one
 * chunk per read. A file is invisible until committed (in the caller's transaction when given),
 * so a document row and its bytes appear together.
 */
export function createDbFileStore(db: Db): DbFileStore {
  async function write(key: string, source: ByteSource, maxBytes: number): Promise<PendingFile> {
    await db.insert(storedFiles).values({ key, sizeBytes: 0, sha256: '', chunkCount: 0 });
    const meter = meterStream(source, maxBytes);
    let seq = 0;
    let buf = Buffer.allocUnsafe(DB_CHUNK_BYTES);
    let fill = 0;
    const flush = async () => {
      if (fill === 0) return;
      await db.insert(storedFileChunks).values({ fileKey: key, seq, data: Buffer.from(buf.subarray(0, fill)) });
      seq++;
      fill = 0;
    };
    try {
      for await (const chunk of meter.chunks()) {
        let off = 0;
        while (off < chunk.byteLength) {
          const n = Math.min(DB_CHUNK_BYTES - fill, chunk.byteLength - off);
          buf.set(chunk.subarray(off, off + n), fill);
          fill += n;
          off += n;
          if (fill === DB_CHUNK_BYTES) {
            await flush();
            buf = Buffer.allocUnsafe(DB_CHUNK_BYTES);
          }
        }
      }
      await flush();
      const { size, sha256, head } = meter.summary();
      await db.update(storedFiles).set({ sizeBytes: size, sha256, chunkCount: seq }).where(eq(storedFiles.key, key));
      return { key, size, sha256, head };
    } catch (e) {
      await db.delete(storedFiles).where(and(eq(storedFiles.key, key), isNull(storedFiles.committedAt))).catch(() => {});
      throw e;
    }
  }

  const committed = async (key: string) => {
    if (!KEY_RE.test(key)) return null;
    const [row] = await db
      .select({ size: storedFiles.sizeBytes, sha256: storedFiles.sha256, chunks: storedFiles.chunkCount })
      .from(storedFiles)
      .where(and(eq(storedFiles.key, key), isNotNull(storedFiles.committedAt)));
    return row ?? null;
  };

  const store: DbFileStore = {
    kind: 'db',

    saveStream: (source, maxBytes) => write(newFileKey(), source, maxBytes),

    async commit(file, tx) {
      const rows = await (tx ?? db)
        .update(storedFiles)
        .set({ committedAt: sql`now()` })
        .where(and(eq(storedFiles.key, file.key), isNull(storedFiles.committedAt)))
        .returning({ key: storedFiles.key });
      if (rows.length !== 1) throw new Error(`stored file ${file.key} is not pending`);
    },

    async discard(file) {
      await db.delete(storedFiles).where(and(eq(storedFiles.key, file.key), isNull(storedFiles.committedAt))).catch(() => {});
    },

    async openRead(key) {
      const row = await committed(key);
      if (!row) throw new StoredFileMissingError(key);
      let seq = 0;
      const stream = new ReadableStream<Uint8Array>({
        async pull(controller) {
          try {
            if (seq >= row.chunks) {
              controller.close();
              return;
            }
            const [chunk] = await db
              .select({ data: storedFileChunks.data })
              .from(storedFileChunks)
              .where(and(eq(storedFileChunks.fileKey, key), eq(storedFileChunks.seq, seq)));
            // Removed while it was being read.
            if (!chunk) throw new StoredFileMissingError(key);
            seq++;
            controller.enqueue(new Uint8Array(chunk.data.buffer, chunk.data.byteOffset, chunk.data.byteLength));
          } catch (e) {
            controller.error(e);
          }
        },
      }, { highWaterMark: 0 });
      return { size: row.size, stream };
    },

    async remove(key) {
      if (!KEY_RE.test(key)) return;
      await db.delete(storedFiles).where(eq(storedFiles.key, key));
    },

    async probeWritable() {
      const key = newFileKey();
      await db.transaction(async (tx) => {
        await tx.insert(storedFiles).values({ key, sizeBytes: 0, sha256: '', chunkCount: 0 });
        await tx.insert(storedFileChunks).values({ fileKey: key, seq: 0, data: Buffer.from('ok') });
        await tx.delete(storedFiles).where(eq(storedFiles.key, key));
      });
    },

    async importAs(key, source, maxBytes) {
      if (!KEY_RE.test(key)) throw new StoredFileMissingError(key);
      const file = await write(key, source, maxBytes);
      await store.commit(file);
      return file;
    },

    async stat(key) {
      const row = await committed(key);
      return row ? { size: row.size, sha256: row.sha256 } : null;
    },

    async sweepUncommitted(before) {
      const gone = await db
        .delete(storedFiles)
        .where(and(isNull(storedFiles.committedAt), lt(storedFiles.createdAt, before)))
        .returning({ key: storedFiles.key });
      return gone.length;
    },
  };
  return store;
}

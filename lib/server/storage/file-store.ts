import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Db, DbOrTx } from '@/db/client';
import { env } from '@/lib/env';
import { createDbFileStore } from './db-file-store';
import { ensurePrivateDir } from './private-dir';

/**
 * Where uploaded documents and frozen export files live, behind one interface: in PostgreSQL
 * (the default: `stored_files`, see db-file-store.ts — any app process serves any file and one
 * backup holds everything) or on the local disk (`FILE_STORE=disk`: UPLOAD_DIR, one process
 * only; kept for `npm run files:migrate` and tests). Each file lives under a random key
 * (`ab/cdef…`) that never derives from the uploaded name. A file is first streamed to a
 * temporary place while it is hashed and counted, and becomes visible under its key only once
 * the caller commits; a refusal or failure leaves nothing behind.
 */

/** The stream went past the size limit; the temporary file is already deleted. */
export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`file exceeds ${maxBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}

/** No stored file under this key (or a malformed key). */
export class StoredFileMissingError extends Error {
  constructor(readonly key: string) {
    super('stored file missing');
    this.name = 'StoredFileMissingError';
  }
}

/** A file written to its temporary place, not yet visible under its key. */
export interface PendingFile {
  key: string;
  size: number;
  /** Hex SHA-256 of the content. */
  sha256: string;
  /** The first (up to) 16 bytes, for content sniffing. */
  head: Uint8Array;
}

export type ByteSource = AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

export interface FileStore {
  readonly kind: 'db' | 'disk';
  /** Stream `source` into a temporary place, at most `maxBytes`; throws FileTooLargeError past it. */
  saveStream(source: ByteSource, maxBytes: number): Promise<PendingFile>;
  /**
   * Make a pending file visible under its key. With `tx`, inside that transaction (the database
   * store: it commits or rolls back with the caller's rows); the disk store ignores it.
   */
  commit(file: PendingFile, tx?: DbOrTx): Promise<void>;
  /** Delete a pending file that will not be committed. Never throws. */
  discard(file: PendingFile): Promise<void>;
  /** The content under `key` as a web stream; throws StoredFileMissingError. */
  openRead(key: string): Promise<{ size: number; stream: ReadableStream<Uint8Array> }>;
  /** Delete the file under `key`; a missing file is not an error. */
  remove(key: string): Promise<void>;
  /** Can this process write here now? (readiness: throws with the reason when not) */
  probeWritable(): Promise<void>;
}

export const KEY_RE = /^[0-9a-f]{2}\/[0-9a-f]{30}$/;
const TMP_DIR = '.tmp';
export const HEAD_BYTES = 16;
const READ_CHUNK = 64 * 1024;

/** A fresh random key. */
export function newFileKey(): string {
  const hex = crypto.randomBytes(16).toString('hex');
  return `${hex.slice(0, 2)}/${hex.slice(2)}`;
}

export const defaultUploadDir = () => path.join(process.cwd(), '.data', 'uploads');

export async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array> {
  if (!(source instanceof ReadableStream)) {
    yield* source;
    return;
  }
  const reader = source.getReader();
  let done = false;
  try {
    for (;;) {
      const r = await reader.read();
      if (r.done) {
        done = true;
        return;
      }
      yield r.value;
    }
  } finally {
    if (!done) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}

/**
 * The one pass both stores make over an incoming stream: count it against `maxBytes` (throwing
 * FileTooLargeError before a chunk past the limit is handed on), hash it and keep its first
 * HEAD_BYTES for type sniffing. `summary()` is read once the chunks are used up.
 */
export function meterStream(source: ByteSource, maxBytes: number) {
  const hash = crypto.createHash('sha256');
  const head = new Uint8Array(HEAD_BYTES);
  let headLen = 0;
  let size = 0;
  return {
    async *chunks(): AsyncGenerator<Uint8Array> {
      for await (const chunk of chunksOf(source)) {
        size += chunk.byteLength;
        if (size > maxBytes) throw new FileTooLargeError(maxBytes);
        if (headLen < HEAD_BYTES) {
          const take = chunk.subarray(0, HEAD_BYTES - headLen);
          head.set(take, headLen);
          headLen += take.byteLength;
        }
        hash.update(chunk);
        yield chunk;
      }
    },
    summary: () => ({ size, sha256: hash.digest('hex'), head: head.slice(0, headLen) }),
  };
}

export type DiskFileStore = FileStore & { readonly kind: 'disk'; readonly root: string; pathOf(key: string): string };

/** The local-disk store under `root`. */
export function createFileStore(root: string): DiskFileStore {
  const abs = path.resolve(root);
  const tempOf = (key: string) => path.join(abs, TMP_DIR, `${key.replace('/', '')}.part`);
  const pathOf = (key: string) => {
    if (!KEY_RE.test(key)) throw new StoredFileMissingError(key);
    return path.join(abs, ...key.split('/'));
  };

  return {
    kind: 'disk',
    root: abs,
    pathOf,

    async saveStream(source, maxBytes) {
      const key = newFileKey();
      ensurePrivateDir(path.join(abs, TMP_DIR));
      const tempPath = tempOf(key);
      const meter = meterStream(source, maxBytes);
      const fh = await fsp.open(tempPath, 'wx', 0o600);
      try {
        for await (const chunk of meter.chunks()) {
          let off = 0;
          while (off < chunk.byteLength) off += (await fh.write(chunk, off, chunk.byteLength - off)).bytesWritten;
        }
        await fh.datasync();
        await fh.close();
      } catch (e) {
        await fh.close().catch(() => {});
        await fsp.rm(tempPath, { force: true });
        throw e;
      }
      return { key, ...meter.summary() };
    },

    async commit(file) {
      const dest = pathOf(file.key);
      await fsp.mkdir(path.dirname(dest), { recursive: true, mode: 0o700 });
      await fsp.rename(tempOf(file.key), dest);
    },

    async discard(file) {
      await fsp.rm(tempOf(file.key), { force: true }).catch(() => {});
    },

    async openRead(key) {
      let fh: fsp.FileHandle;
      try {
        fh = await fsp.open(pathOf(key), 'r');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' || e instanceof StoredFileMissingError) throw new StoredFileMissingError(key);
        throw e;
      }
      let size: number;
      try {
        size = (await fh.stat()).size;
      } catch (e) {
        await fh.close().catch(() => {});
        throw e;
      }
      let closed = false;
      const close = async () => {
        if (!closed) {
          closed = true;
          await fh.close().catch(() => {});
        }
      };
      const stream = new ReadableStream<Uint8Array>({
        async pull(controller) {
          try {
            const buf = new Uint8Array(READ_CHUNK);
            const { bytesRead } = await fh.read(buf, 0, READ_CHUNK, null);
            if (bytesRead === 0) {
              await close();
              controller.close();
            } else {
              controller.enqueue(buf.subarray(0, bytesRead));
            }
          } catch (e) {
            await close();
            controller.error(e);
          }
        },
        cancel: close,
      });
      return { size, stream };
    },

    async remove(key) {
      await fsp.rm(pathOf(key), { force: true });
    },

    async probeWritable() {
      await fsp.mkdir(path.join(abs, TMP_DIR), { recursive: true, mode: 0o700 });
      const probe = path.join(abs, TMP_DIR, `ready-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
      await fsp.writeFile(probe, 'ok', { mode: 0o600 });
      await fsp.rm(probe, { force: true });
    },
  };
}

/** The disk store of this deployment's `UPLOAD_DIR` (default `.data/uploads`): where files lived before the database store. */
export function diskFileStore(): DiskFileStore {
  return createFileStore(env().UPLOAD_DIR || defaultUploadDir());
}

/** The store of this deployment: the database (default), or the disk when `FILE_STORE=disk`. */
export function fileStore(db: Db): FileStore {
  return env().FILE_STORE === 'disk' ? diskFileStore() : createDbFileStore(db);
}

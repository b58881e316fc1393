import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { env } from '@/lib/env';

/**
 * Uploaded files on the local filesystem, outside the web root, each under a random key
 * (`ab/cdef…`) that never derives from the uploaded name. A file is first streamed to a
 * temporary file while it is hashed and counted, and renamed into place only once the
 * caller commits; a refusal or failure leaves nothing behind.
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
  readonly tempPath: string;
}

export type ByteSource = AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

export interface FileStore {
  readonly root: string;
  /** Stream `source` into a temporary file, at most `maxBytes`; throws FileTooLargeError past it. */
  saveStream(source: ByteSource, maxBytes: number): Promise<PendingFile>;
  /** Move a pending file into place under its key. */
  commit(file: PendingFile): Promise<void>;
  /** Delete a pending file that will not be committed. Never throws. */
  discard(file: PendingFile): Promise<void>;
  /** The content under `key` as a web stream; throws StoredFileMissingError. */
  openRead(key: string): Promise<{ size: number; stream: ReadableStream<Uint8Array> }>;
  /** Delete the file under `key`; a missing file is not an error. */
  remove(key: string): Promise<void>;
}

const KEY_RE = /^[0-9a-f]{2}\/[0-9a-f]{30}$/;
const TMP_DIR = '.tmp';
const HEAD_BYTES = 16;
const READ_CHUNK = 64 * 1024;

export const defaultUploadDir = () => path.join(process.cwd(), '.data', 'uploads');

async function* chunksOf(source: ByteSource): AsyncGenerator<Uint8Array> {
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

export function createFileStore(root: string): FileStore {
  const abs = path.resolve(root);
  const pathOf = (key: string) => {
    if (!KEY_RE.test(key)) throw new StoredFileMissingError(key);
    return path.join(abs, ...key.split('/'));
  };

  return {
    root: abs,

    async saveStream(source, maxBytes) {
      const hex = crypto.randomBytes(16).toString('hex');
      const key = `${hex.slice(0, 2)}/${hex.slice(2)}`;
      await fsp.mkdir(path.join(abs, TMP_DIR), { recursive: true, mode: 0o700 });
      const tempPath = path.join(abs, TMP_DIR, `${hex}.part`);
      const hash = crypto.createHash('sha256');
      const head = new Uint8Array(HEAD_BYTES);
      let headLen = 0;
      let size = 0;
      const fh = await fsp.open(tempPath, 'wx', 0o600);
      try {
        for await (const chunk of chunksOf(source)) {
          size += chunk.byteLength;
          if (size > maxBytes) throw new FileTooLargeError(maxBytes);
          if (headLen < HEAD_BYTES) {
            const take = chunk.subarray(0, HEAD_BYTES - headLen);
            head.set(take, headLen);
            headLen += take.byteLength;
          }
          hash.update(chunk);
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
      return { key, size, sha256: hash.digest('hex'), head: head.slice(0, headLen), tempPath };
    },

    async commit(file) {
      const dest = pathOf(file.key);
      await fsp.mkdir(path.dirname(dest), { recursive: true, mode: 0o700 });
      await fsp.rename(file.tempPath, dest);
    },

    async discard(file) {
      await fsp.rm(file.tempPath, { force: true }).catch(() => {});
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
  };
}

/** The store of this deployment: `UPLOAD_DIR`, or `.data/uploads` under the working directory. */
export function fileStore(): FileStore {
  return createFileStore(env().UPLOAD_DIR || defaultUploadDir());
}

/**
 * A minimal streaming ZIP writer (PKWARE APPNOTE 6.3: local headers, deflate, data
 * descriptors for streamed entries, central directory; no ZIP64, so < 4 GiB). Every
 * timestamp is fixed (1980-01-01 00:00), so the same entries always give the same bytes:
 * a disbursement list regenerated from the same lines is byte-identical.
 */
import { once } from 'node:events';
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** Small entries as one buffer; large ones as a stream of chunks (deflated on the fly). */
  data: Buffer | AsyncIterable<Buffer>;
}

const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
const FLAG_UTF8 = 0x0800;
const FLAG_DESCRIPTOR = 0x0008;

interface Written {
  name: Buffer;
  flags: number;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

function localHeader(name: Buffer, flags: number, crc: number, compressed: number, size: number): Buffer {
  const b = Buffer.alloc(30);
  b.writeUInt32LE(0x04034b50, 0);
  b.writeUInt16LE(20, 4);
  b.writeUInt16LE(flags, 6);
  b.writeUInt16LE(8, 8);
  b.writeUInt16LE(DOS_TIME, 10);
  b.writeUInt16LE(DOS_DATE, 12);
  b.writeUInt32LE(crc >>> 0, 14);
  b.writeUInt32LE(compressed, 18);
  b.writeUInt32LE(size, 22);
  b.writeUInt16LE(name.length, 26);
  b.writeUInt16LE(0, 28);
  return Buffer.concat([b, name]);
}

function centralHeader(e: Written): Buffer {
  const b = Buffer.alloc(46);
  b.writeUInt32LE(0x02014b50, 0);
  b.writeUInt16LE(20, 4);
  b.writeUInt16LE(20, 6);
  b.writeUInt16LE(e.flags, 8);
  b.writeUInt16LE(8, 10);
  b.writeUInt16LE(DOS_TIME, 12);
  b.writeUInt16LE(DOS_DATE, 14);
  b.writeUInt32LE(e.crc >>> 0, 16);
  b.writeUInt32LE(e.compressed, 20);
  b.writeUInt32LE(e.size, 24);
  b.writeUInt16LE(e.name.length, 28);
  // extra, comment, disk start, internal attributes: 0
  b.writeUInt32LE(0, 38);
  b.writeUInt32LE(e.offset, 42);
  return Buffer.concat([b, e.name]);
}

function checkSize(n: number) {
  if (n > 0xffffffff) throw new Error('zip entry too large (no ZIP64)');
}

/** The ZIP file as a stream of chunks. */
export async function* zipStream(entries: Iterable<ZipEntry> | AsyncIterable<ZipEntry>, opts: { level?: number } = {}): AsyncGenerator<Buffer> {
  const level = opts.level ?? 6;
  const written: Written[] = [];
  let offset = 0;
  for await (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    if (Buffer.isBuffer(entry.data)) {
      const compressed = zlib.deflateRawSync(entry.data, { level });
      const crc = zlib.crc32(entry.data);
      const flags = FLAG_UTF8;
      const head = localHeader(name, flags, crc, compressed.length, entry.data.length);
      written.push({ name, flags, crc, compressed: compressed.length, size: entry.data.length, offset });
      yield head;
      yield compressed;
      offset += head.length + compressed.length;
      checkSize(offset);
      continue;
    }
    const flags = FLAG_UTF8 | FLAG_DESCRIPTOR;
    const head = localHeader(name, flags, 0, 0, 0);
    yield head;
    const start = offset;
    offset += head.length;
    let crc = 0;
    let size = 0;
    let compressed = 0;
    const deflate = zlib.createDeflateRaw({ level });
    const stop = new AbortController();
    const source = entry.data;
    const feeding = (async () => {
      try {
        for await (const chunk of source) {
          crc = zlib.crc32(chunk, crc);
          size += chunk.length;
          if (!deflate.write(chunk)) await once(deflate, 'drain', { signal: stop.signal });
        }
        deflate.end();
      } catch (e) {
        deflate.destroy(e as Error);
      }
    })();
    try {
      for await (const out of deflate as AsyncIterable<Buffer>) {
        compressed += out.length;
        yield out;
      }
      await feeding;
    } finally {
      // Stopped early (the consumer gave up) or failed: stop feeding; the source is returned.
      stop.abort();
      deflate.destroy();
    }
    checkSize(size);
    checkSize(compressed);
    const desc = Buffer.alloc(16);
    desc.writeUInt32LE(0x08074b50, 0);
    desc.writeUInt32LE(crc >>> 0, 4);
    desc.writeUInt32LE(compressed, 8);
    desc.writeUInt32LE(size, 12);
    yield desc;
    offset += compressed + desc.length;
    checkSize(offset);
    written.push({ name, flags, crc, compressed, size, offset: start });
  }
  const central = Buffer.concat(written.map(centralHeader));
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(written.length, 8);
  end.writeUInt16LE(written.length, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16);
  yield central;
  yield end;
}

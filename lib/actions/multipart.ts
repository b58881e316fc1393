/**
 * A small streaming multipart/form-data reader for upload route handlers. Unlike
 * `request.formData()` it never buffers the body: text fields are collected up to a small
 * limit, a file part is handed over as a stream, and the whole body is counted against a
 * hard cap while it is read.
 */

export type MultipartErrorReason = 'malformed' | 'too_large' | 'too_many_parts' | 'field_too_large' | 'header_too_large';

export class MultipartError extends Error {
  constructor(readonly reason: MultipartErrorReason) {
    super(`multipart: ${reason}`);
    this.name = 'MultipartError';
  }
}

export interface MultipartLimits {
  /** Hard cap on the whole body, counted while reading. */
  maxBodyBytes: number;
  /** Cap on one text field's value (default 1 KiB). */
  maxFieldBytes?: number;
  /** Cap on the number of parts (default 10). */
  maxParts?: number;
  /** Cap on one part's header block (default 8 KiB). */
  maxHeaderBytes?: number;
}

export type MultipartPart =
  | { type: 'field'; name: string; value: string }
  | {
      type: 'file';
      name: string;
      /** As the client sent it: untrusted, for display only after sanitising. */
      fileName: string;
      contentType: string | null;
      /** Read it before asking for the next part (what is left unread is skipped). */
      body: AsyncIterable<Uint8Array>;
    };

/** The boundary of a `multipart/form-data` Content-Type, or null. */
export function boundaryOf(contentType: string | null): string | null {
  if (!contentType || !/^\s*multipart\/form-data\s*(;|$)/i.test(contentType)) return null;
  const m = /;\s*boundary\s*=\s*(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : null;
}

const CRLF = new Uint8Array([13, 10]);
const EMPTY = new Uint8Array(0);
const HEADER_END = new Uint8Array([13, 10, 13, 10]);
const utf8 = new TextDecoder('utf-8');

function indexOf(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0];
  const last = hay.length - needle.length;
  for (let i = hay.indexOf(first, from); i !== -1 && i <= last; i = hay.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && hay[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** The body as a buffer that grows on demand; every byte read is counted against the cap. */
class Input {
  buf: Uint8Array = CRLF; // a virtual CRLF, so the first boundary line looks like every other delimiter
  private total = 0;
  private eof = false;
  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>, private readonly maxBytes: number) {}

  async more(): Promise<boolean> {
    if (this.eof) return false;
    const r = await this.reader.read();
    if (r.done) {
      this.eof = true;
      return false;
    }
    this.total += r.value.byteLength;
    if (this.total > this.maxBytes) throw new MultipartError('too_large');
    this.buf = concat(this.buf, r.value);
    return true;
  }

  async ensure(n: number) {
    while (this.buf.length < n) if (!(await this.more())) throw new MultipartError('malformed');
  }

  consume(n: number) {
    this.buf = this.buf.subarray(n);
  }
}

interface PartHeaders {
  name: string;
  fileName?: string;
  contentType: string | null;
}

function unquote(v: string): string {
  const t = v.trim();
  return t.startsWith('"') && t.endsWith('"') && t.length >= 2 ? t.slice(1, -1).replace(/\\(.)/g, '$1') : t;
}

function parseHeaders(text: string): PartHeaders {
  let disposition: string | null = null;
  let contentType: string | null = null;
  for (const line of text.split('\r\n')) {
    const c = line.indexOf(':');
    if (c <= 0) throw new MultipartError('malformed');
    const key = line.slice(0, c).trim().toLowerCase();
    const value = line.slice(c + 1).trim();
    if (key === 'content-disposition') disposition = value;
    else if (key === 'content-type') contentType = value;
  }
  if (!disposition || !/^form-data\s*(;|$)/i.test(disposition)) throw new MultipartError('malformed');
  const params = new Map<string, string>();
  for (const m of disposition.matchAll(/;\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g)) params.set(m[1].toLowerCase(), m[2]);
  const name = params.has('name') ? unquote(params.get('name')!) : null;
  if (!name) throw new MultipartError('malformed');
  let fileName: string | undefined;
  const extended = params.get('filename*');
  if (extended) {
    const m = /^utf-8'[^']*'(.*)$/i.exec(unquote(extended));
    if (m) {
      try {
        fileName = decodeURIComponent(m[1]);
      } catch {
        fileName = undefined;
      }
    }
  }
  if (fileName === undefined && params.has('filename')) {
    // Browsers escape only these three (HTML "multipart/form-data encoding algorithm").
    fileName = unquote(params.get('filename')!).replace(/%22/g, '"').replace(/%0A/gi, '\n').replace(/%0D/gi, '\r');
  }
  return { name, fileName, contentType };
}

/**
 * The parts of a multipart/form-data body, in order. Throws MultipartError for a
 * malformed body or one past a limit. When the caller stops early, the rest of the body is
 * read and dropped up to `maxBodyBytes` (so a refusal can still be answered), then cancelled.
 */
export async function* parseMultipart(body: ReadableStream<Uint8Array>, boundary: string, limits: MultipartLimits): AsyncGenerator<MultipartPart, void, undefined> {
  const maxField = limits.maxFieldBytes ?? 1024;
  const maxParts = limits.maxParts ?? 10;
  const maxHeader = limits.maxHeaderBytes ?? 8 * 1024;
  const delim = new TextEncoder().encode(`\r\n--${boundary}`);
  const reader = body.getReader();
  const input = new Input(reader, limits.maxBodyBytes);

  /** Bytes up to the next delimiter, which is consumed. */
  async function* partBody(): AsyncGenerator<Uint8Array> {
    for (;;) {
      const i = indexOf(input.buf, delim);
      if (i !== -1) {
        const chunk = input.buf.subarray(0, i);
        input.consume(i + delim.length);
        if (chunk.length) yield chunk;
        return;
      }
      const keep = delim.length - 1;
      if (input.buf.length > keep) {
        const chunk = input.buf.subarray(0, input.buf.length - keep);
        input.consume(chunk.length);
        yield chunk;
      }
      if (!(await input.more())) throw new MultipartError('malformed');
    }
  }

  let finished = false;
  try {
    // The preamble (normally empty) up to the first delimiter.
    for await (const _ of partBody()) void _;
    for (let parts = 0; ; parts++) {
      await input.ensure(2);
      if (input.buf[0] === 0x2d && input.buf[1] === 0x2d) {
        finished = true; // the epilogue, if any, is ignored
        return;
      }
      // Transport padding, then the CRLF ending the boundary line.
      for (;;) {
        await input.ensure(1);
        if (input.buf[0] !== 0x20 && input.buf[0] !== 0x09) break;
        input.consume(1);
      }
      await input.ensure(2);
      if (input.buf[0] !== 13 || input.buf[1] !== 10) throw new MultipartError('malformed');
      input.consume(2);
      if (parts >= maxParts) throw new MultipartError('too_many_parts');

      let end: number;
      for (;;) {
        end = indexOf(input.buf, HEADER_END);
        if (end !== -1) break;
        if (input.buf.length > maxHeader) throw new MultipartError('header_too_large');
        if (!(await input.more())) throw new MultipartError('malformed');
      }
      if (end > maxHeader) throw new MultipartError('header_too_large');
      const headers = parseHeaders(utf8.decode(input.buf.subarray(0, end)));
      input.consume(end + HEADER_END.length);

      if (headers.fileName === undefined) {
        const chunks: Uint8Array[] = [];
        let size = 0;
        for await (const c of partBody()) {
          size += c.length;
          if (size > maxField) throw new MultipartError('field_too_large');
          chunks.push(c);
        }
        const all = chunks.reduce(concat, new Uint8Array(0));
        yield { type: 'field', name: headers.name, value: utf8.decode(all) };
      } else {
        const it = partBody();
        yield { type: 'file', name: headers.name, fileName: headers.fileName, contentType: headers.contentType, body: { [Symbol.asyncIterator]: () => it } };
        // Whatever the caller left unread.
        for await (const _ of it) void _;
      }
    }
  } finally {
    if (!finished) {
      // Read (and drop) the rest, still under the cap, so the client gets the answer
      // instead of a reset connection; past the cap, or on a read error, stop reading.
      try {
        while (await input.more()) input.buf = EMPTY;
      } catch {
        await reader.cancel().catch(() => {});
      }
    }
    reader.releaseLock();
  }
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boundaryOf, MultipartError, parseMultipart, type MultipartLimits } from '@/lib/actions/multipart';
import { contentDisposition, encodeRfc5987, isSameOrigin } from '@/lib/actions/route-helpers';

/** A multipart body exactly as undici (like a browser) encodes this FormData. */
async function encode(form: FormData): Promise<{ bytes: Uint8Array; boundary: string }> {
  const req = new Request('http://localhost/x', { method: 'POST', body: form });
  return { bytes: new Uint8Array(await req.arrayBuffer()), boundary: boundaryOf(req.headers.get('content-type'))! };
}

/** The bytes as a stream cut into the given chunk sizes (cycled). */
function streamOf(bytes: Uint8Array, sizes: number[] = [bytes.length || 1]): ReadableStream<Uint8Array> {
  let off = 0;
  let i = 0;
  return new ReadableStream({
    pull(c) {
      if (off >= bytes.length) return c.close();
      const n = Math.max(1, sizes[i++ % sizes.length]);
      c.enqueue(bytes.slice(off, off + n));
      off += n;
    },
  });
}

type Parsed = { type: 'field'; name: string; value: string } | { type: 'file'; name: string; fileName: string; contentType: string | null; content: string };

async function parseAll(stream: ReadableStream<Uint8Array>, boundary: string, limits: MultipartLimits = { maxBodyBytes: 1 << 20 }, read = true): Promise<Parsed[]> {
  const out: Parsed[] = [];
  for await (const p of parseMultipart(stream, boundary, limits)) {
    if (p.type === 'field') out.push(p);
    else {
      let content = '';
      if (read) {
        const chunks: Uint8Array[] = [];
        for await (const c of p.body) chunks.push(c);
        content = Buffer.concat(chunks).toString('latin1');
      }
      out.push({ type: 'file', name: p.name, fileName: p.fileName, contentType: p.contentType, content });
    }
  }
  return out;
}

const sample = () => {
  const f = new FormData();
  f.append('kind', 'id_card');
  // Bytes that look like a delimiter prefix must not end the part.
  f.append('file', new Blob([Buffer.from('\x89PNG\r\n\x1a\n\r\n--not-the-boundary\r\n-', 'latin1')], { type: 'image/png' }), '身份证 "正面".png');
  f.append('note', '备注');
  return f;
};

describe('streaming multipart parser', () => {
  it('reads fields and a file as a browser encodes them, Chinese and quotes in the name included', async () => {
    const { bytes, boundary } = await encode(sample());
    expect(await parseAll(streamOf(bytes), boundary)).toEqual([
      { type: 'field', name: 'kind', value: 'id_card' },
      { type: 'file', name: 'file', fileName: '身份证 "正面".png', contentType: 'image/png', content: '\x89PNG\r\n\x1a\n\r\n--not-the-boundary\r\n-' },
      { type: 'field', name: 'note', value: '备注' },
    ]);
  });

  it('gives the same parts however the body is cut into chunks', async () => {
    const { bytes, boundary } = await encode(sample());
    const expected = await parseAll(streamOf(bytes), boundary);
    expect(await parseAll(streamOf(bytes, [1]), boundary)).toEqual(expected);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 20 }), async (sizes) => {
        expect(await parseAll(streamOf(bytes, sizes), boundary)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('skips a file part the caller did not read', async () => {
    const { bytes, boundary } = await encode(sample());
    const parts = await parseAll(streamOf(bytes, [7]), boundary, { maxBodyBytes: 1 << 20 }, false);
    expect(parts.map((p) => p.name)).toEqual(['kind', 'file', 'note']);
  });

  it('enforces the body cap while reading, and the field, part and header limits', async () => {
    const { bytes, boundary } = await encode(sample());
    const reason = (limits: MultipartLimits, b = bytes) => parseAll(streamOf(b, [16]), boundary, limits).then(() => 'ok', (e: MultipartError) => e.reason);
    expect(await reason({ maxBodyBytes: bytes.length })).toBe('ok');
    expect(await reason({ maxBodyBytes: bytes.length - 10 })).toBe('too_large');
    expect(await reason({ maxBodyBytes: 100 })).toBe('too_large');
    expect(await reason({ maxBodyBytes: 1 << 20, maxFieldBytes: 3 })).toBe('field_too_large');
    expect(await reason({ maxBodyBytes: 1 << 20, maxParts: 2 })).toBe('too_many_parts');
    expect(await reason({ maxBodyBytes: 1 << 20, maxHeaderBytes: 20 })).toBe('header_too_large');
    expect(await reason({ maxBodyBytes: 1 << 20 }, bytes.slice(0, bytes.length - 10))).toBe('malformed'); // cut off before the end
    const garbage = new TextEncoder().encode(`--${boundary}\r\nX-Nothing: 1\r\n\r\nvalue\r\n--${boundary}--\r\n`);
    expect(await reason({ maxBodyBytes: 1 << 20 }, garbage)).toBe('malformed'); // no Content-Disposition
  });

  it('after a refusal reads the rest of the body under the cap (so the answer arrives), past the cap cancels it', async () => {
    const { bytes, boundary } = await encode(sample());
    const tracked = () => {
      const t = { delivered: 0, cancelled: false };
      let off = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(c) {
          if (off >= bytes.length) return c.close();
          c.enqueue(bytes.slice(off, off + 8));
          t.delivered = Math.min(bytes.length, off + 8);
          off += 8;
        },
        cancel() {
          t.cancelled = true;
        },
      });
      return { t, stream };
    };
    const a = tracked();
    await expect(parseAll(a.stream, boundary, { maxBodyBytes: 1 << 20, maxFieldBytes: 3 })).rejects.toMatchObject({ reason: 'field_too_large' });
    expect(a.t).toEqual({ delivered: bytes.length, cancelled: false });
    const b = tracked();
    await expect(parseAll(b.stream, boundary, { maxBodyBytes: 64 })).rejects.toMatchObject({ reason: 'too_large' });
    expect(b.t.cancelled).toBe(true);
    expect(b.t.delivered).toBeLessThan(bytes.length);
  });

  it('finds the boundary only in a multipart/form-data content type', () => {
    expect(boundaryOf('multipart/form-data; boundary=----abc123')).toBe('----abc123');
    expect(boundaryOf('multipart/form-data; boundary="quoted b"')).toBe('quoted b');
    expect(boundaryOf('application/json')).toBeNull();
    expect(boundaryOf('multipart/mixed; boundary=x')).toBeNull();
    expect(boundaryOf('multipart/form-data')).toBeNull();
    expect(boundaryOf(null)).toBeNull();
  });
});

describe('download headers and the same-origin check', () => {
  it('encodes the file name per RFC 5987 with an ASCII fallback', () => {
    expect(contentDisposition('attachment', '营业执照 (副本).pdf')).toBe(
      `attachment; filename="____ (__).pdf"; filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7%20%28%E5%89%AF%E6%9C%AC%29.pdf`,
    );
    expect(contentDisposition('inline', 'a"b\\c;d%.png')).toBe(`inline; filename="a_b_c_d_.png"; filename*=UTF-8''a%22b%5Cc%3Bd%25.png`);
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (name) => {
        const enc = encodeRfc5987(name);
        expect(enc).toMatch(/^[A-Za-z0-9!#$&+\-.^_`|~%]*$/);
        expect(decodeURIComponent(enc)).toBe(name.toWellFormed());
        expect(contentDisposition('inline', name)).not.toMatch(/[\r\n]/);
      }),
    );
  });

  it('accepts Sec-Fetch-Site: same-origin or a matching Origin, and nothing else', () => {
    const req = (headers: Record<string, string>) => new Request('http://localhost:3000/api/x', { method: 'POST', headers });
    expect(isSameOrigin(req({ 'sec-fetch-site': 'same-origin' }))).toBe(true);
    expect(isSameOrigin(req({ origin: 'http://localhost:3000' }))).toBe(true);
    expect(isSameOrigin(req({ origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' }))).toBe(true);
    expect(isSameOrigin(req({}))).toBe(false);
    expect(isSameOrigin(req({ origin: 'https://evil.example' }))).toBe(false);
    expect(isSameOrigin(req({ origin: 'http://localhost:3000.evil.example' }))).toBe(false);
    expect(isSameOrigin(req({ origin: 'null' }))).toBe(false);
    expect(isSameOrigin(req({ origin: 'http://localhost:3000', 'sec-fetch-site': 'cross-site' }))).toBe(false);
    expect(isSameOrigin(req({ 'sec-fetch-site': 'same-site' }))).toBe(false);
  });
});

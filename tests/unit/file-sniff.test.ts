import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_MAX_BYTES, DOCUMENT_TOO_LARGE_MESSAGE, FILE_NAME_MAX_CHARS, UNNAMED_FILE, isDocumentsEditable, sanitizeFileName, sniffMime,
} from '@/lib/domain/file-sniff';

const bytes = (...b: number[]) => new Uint8Array(b);
const text = (s: string) => new TextEncoder().encode(s);

describe('FILE-01 sniffMime: the type comes from the content', () => {
  it('recognises JPEG, PNG and PDF by their magic bytes', () => {
    expect(sniffMime(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46))).toBe('image/jpeg');
    expect(sniffMime(bytes(0xff, 0xd8, 0xff))).toBe('image/jpeg');
    expect(sniffMime(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13))).toBe('image/png');
    expect(sniffMime(text('%PDF-1.7\n%âãÏÓ'))).toBe('application/pdf');
  });

  it('refuses near misses, short inputs and everything else', () => {
    expect(sniffMime(bytes())).toBeNull();
    expect(sniffMime(bytes(0xff, 0xd8))).toBeNull(); // too short for JPEG
    expect(sniffMime(bytes(0xff, 0xd8, 0xfe))).toBeNull();
    expect(sniffMime(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a))).toBeNull(); // PNG signature cut short
    expect(sniffMime(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0b))).toBeNull();
    expect(sniffMime(text('%PDF'))).toBeNull();
    expect(sniffMime(text(' %PDF-1.4'))).toBeNull(); // not at the start
    expect(sniffMime(text('this is not an image'))).toBeNull();
    expect(sniffMime(text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'))).toBeNull();
    expect(sniffMime(text('<!DOCTYPE html><html><body>%PDF-</body></html>'))).toBeNull();
    expect(sniffMime(text('GIF89a'))).toBeNull();
    expect(sniffMime(bytes(0x50, 0x4b, 0x03, 0x04))).toBeNull(); // zip / docx
  });

  it('answers null for random bytes that start with none of the signatures', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 32 }), (b) => {
        const r = sniffMime(b);
        if (r === 'image/jpeg') expect([...b.slice(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
        else if (r === 'image/png') expect([...b.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
        else if (r === 'application/pdf') expect(new TextDecoder().decode(b.slice(0, 5))).toBe('%PDF-');
        else expect(r).toBeNull();
      }),
    );
  });

  it('the size limit is 10 MiB and its message names it', () => {
    expect(DOCUMENT_MAX_BYTES).toBe(10 * 1024 * 1024);
    expect(DOCUMENT_TOO_LARGE_MESSAGE).toBe('文件不能超过 10 MB');
  });

  it('documents change only in draft or returned', () => {
    expect(isDocumentsEditable('draft')).toBe(true);
    expect(isDocumentsEditable('returned')).toBe(true);
    for (const s of ['pending_hr', 'pending_guarantee', 'pending_bank', 'approved', 'withdrawn']) expect(isDocumentsEditable(s)).toBe(false);
  });
});

describe('sanitizeFileName', () => {
  it('keeps the last path segment only', () => {
    expect(sanitizeFileName('../../etc/passwd.pdf')).toBe('passwd.pdf');
    expect(sanitizeFileName('C:\\Users\\王小明\\Desktop\\身份证正面.jpg')).toBe('身份证正面.jpg');
    expect(sanitizeFileName('/tmp/a/')).toBe(UNNAMED_FILE);
  });

  it('keeps Chinese, drops control and bidi characters, neutralises reserved ones', () => {
    expect(sanitizeFileName('营业执照（副本）.pdf')).toBe('营业执照（副本）.pdf');
    expect(sanitizeFileName('a\u0000b\r\nc\u007f.png')).toBe('abc.png');
    expect(sanitizeFileName('photo\u202Egpj.exe')).toBe('photogpj.exe');
    expect(sanitizeFileName('a"b<c>.pdf')).toBe('a_b_c_.pdf');
    expect(sanitizeFileName('  .hidden.png ')).toBe('hidden.png');
  });

  it('names empty, dot-only or blank names', () => {
    expect(sanitizeFileName('')).toBe(UNNAMED_FILE);
    expect(sanitizeFileName('..')).toBe(UNNAMED_FILE);
    expect(sanitizeFileName(' \u200b ')).toBe(UNNAMED_FILE);
  });

  it('caps the length at 100 characters, keeping the extension', () => {
    const long = `${'证'.repeat(300)}.jpeg`;
    const s = sanitizeFileName(long);
    expect(Array.from(s)).toHaveLength(FILE_NAME_MAX_CHARS);
    expect(s.endsWith('.jpeg')).toBe(true);
    expect(Array.from(sanitizeFileName('😀'.repeat(150)))).toHaveLength(FILE_NAME_MAX_CHARS); // counts code points, never splits one
  });

  it('never returns a path, a control character, or more than 100 characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (name) => {
        const s = sanitizeFileName(name);
        expect(s.length).toBeGreaterThan(0);
        expect(Array.from(s).length).toBeLessThanOrEqual(FILE_NAME_MAX_CHARS);
        expect(s).not.toMatch(/[\\/\u0000-\u001f\u007f]/);
        expect(s.startsWith('.')).toBe(false);
        expect(sanitizeFileName(s)).toBe(s);
      }),
    );
  });
});

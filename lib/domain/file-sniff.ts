/**
 * Supporting documents: what may be uploaded, recognised by CONTENT (magic bytes), never by
 * the file name or the browser's MIME type. Pure, so the browser may import the constants.
 */

export const DOCUMENT_KINDS = ['id_card', 'business_licence', 'category_proof', 'other'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCUMENT_KIND_LABELS: Record<DocumentKind, string> = {
  id_card: '身份证',
  business_licence: '营业执照',
  category_proof: '人员类别证明',
  other: '其他材料',
};

export const DOCUMENT_MIMES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type DocumentMime = (typeof DOCUMENT_MIMES)[number];

/** Size limit of one document (FILE-01): 10 MiB. */
export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;
/** At most this many (not deleted) documents per application. */
export const MAX_DOCUMENTS_PER_APPLICATION = 20;
/** How many leading bytes `sniffMime` needs. */
export const SNIFF_BYTES = 16;

export const DOCUMENT_TYPE_MESSAGE = '仅支持 JPEG、PNG 或 PDF 文件（按文件内容识别）';
export const DOCUMENT_TOO_LARGE_MESSAGE = `文件不能超过 ${DOCUMENT_MAX_BYTES / 1024 / 1024} MB`;
export const DOCUMENT_COUNT_MESSAGE = `每份申请最多上传 ${MAX_DOCUMENTS_PER_APPLICATION} 个文件，请先删除不需要的文件`;

const SIGNATURES: { mime: DocumentMime; bytes: readonly number[] }[] = [
  { mime: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { mime: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { mime: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
];

/** The type of a file from its first bytes, or null when it is none of the allowed types. */
export function sniffMime(firstBytes: Uint8Array): DocumentMime | null {
  for (const { mime, bytes } of SIGNATURES) {
    if (firstBytes.length >= bytes.length && bytes.every((b, i) => firstBytes[i] === b)) return mime;
  }
  return null;
}

export const isDocumentKind = (v: unknown): v is DocumentKind => typeof v === 'string' && (DOCUMENT_KINDS as readonly string[]).includes(v);

export const FILE_NAME_MAX_CHARS = 100;
export const UNNAMED_FILE = '未命名文件';

// C0/C1 controls, and the bidi/zero-width marks that make `gpj.exe` look like `exe.jpg`.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;
const RESERVED = /[<>:"|?*]/g;

/**
 * A display name for an uploaded file: the last path segment only, without control or
 * bidi characters, at most 100 characters (keeping the extension), Chinese kept as is.
 * It is only ever shown or sent back in Content-Disposition — never used in a path.
 */
export function sanitizeFileName(name: string): string {
  const base = String(name).normalize('NFC').split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(INVISIBLE, '').replace(RESERVED, '_').trim().replace(/^\.+/, '').trim();
  const chars = Array.from(cleaned);
  if (chars.length === 0) return UNNAMED_FILE;
  if (chars.length <= FILE_NAME_MAX_CHARS) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const ext = dot > 0 ? Array.from(cleaned.slice(dot)) : [];
  if (ext.length > 1 && ext.length <= 10) {
    return Array.from(cleaned.slice(0, dot)).slice(0, FILE_NAME_MAX_CHARS - ext.length).join('').trimEnd() + ext.join('');
  }
  return chars.slice(0, FILE_NAME_MAX_CHARS).join('');
}

/** Documents may be added or deleted only while the applicant is editing the application. */
export const DOCUMENT_EDITABLE_STATES = ['draft', 'returned'] as const;
export const isDocumentsEditable = (state: string) => (DOCUMENT_EDITABLE_STATES as readonly string[]).includes(state);
export const DOCUMENT_LOCKED_MESSAGE = '申请已提交审核，当前不能修改材料';

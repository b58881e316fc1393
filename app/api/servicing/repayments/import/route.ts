import { boundaryOf, MultipartError, parseMultipart } from '@/lib/actions/multipart';
import { assertSameOrigin, errorResponse, jsonResponse } from '@/lib/actions/route-helpers';
import { requirePermission } from '@/lib/auth/session';
import { AppError } from '@/lib/errors/app-error';
import { getDb } from '@/lib/server/db';
import { importRepayments, RepaymentFileTooLargeError, RepaymentImportRejectedError } from '@/lib/server/servicing/import-repayments';
import { REPAYMENT_IMPORT_MAX_BYTES } from '@/lib/validation/servicing';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The multipart body may exceed the file limit by this much (part headers, boundaries). */
const MAX_BODY_BYTES = REPAYMENT_IMPORT_MAX_BYTES + 64 * 1024;

async function readAll(body: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const c of body) {
    size += c.byteLength;
    if (size > REPAYMENT_IMPORT_MAX_BYTES) throw new RepaymentFileTooLargeError();
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}

/**
 * POST /api/servicing/repayments/import — multipart/form-data with `file` (.xlsx or .csv).
 * Same origin, session and 'review:bank' are checked on every request. Answers
 * `{ data }` when applied, or `{ error: { code, message, errors } }` — 400 with every
 * row error when the file is refused whole.
 */
export async function POST(req: Request): Promise<Response> {
  try {
    assertSameOrigin(req);
    const actor = await requirePermission('review:bank');
    const boundary = boundaryOf(req.headers.get('content-type'));
    if (!boundary || !req.body) throw new AppError('INVALID_INPUT', { userMessage: '请选择要导入的还款文件' });
    const length = req.headers.get('content-length');
    if (length !== null && !/^\d{1,15}$/.test(length.trim())) throw new AppError('INVALID_INPUT');
    if (length !== null && Number(length) > MAX_BODY_BYTES) throw new RepaymentFileTooLargeError();

    let file: { fileName: string; content: Uint8Array } | undefined;
    try {
      for await (const part of parseMultipart(req.body, boundary, { maxBodyBytes: MAX_BODY_BYTES, maxParts: 5 })) {
        if (part.type === 'file' && part.name === 'file' && !file) file = { fileName: part.fileName, content: await readAll(part.body) };
      }
    } catch (e) {
      if (e instanceof MultipartError) {
        if (e.reason === 'too_large') throw new RepaymentFileTooLargeError();
        throw new AppError('INVALID_INPUT', { message: e.message, userMessage: '上传的数据格式有误，请重新选择文件上传' });
      }
      throw e;
    }
    if (!file || file.content.byteLength === 0) throw new AppError('INVALID_INPUT', { userMessage: '请选择要导入的还款文件' });
    return jsonResponse({ data: await importRepayments(await getDb(), actor, file) });
  } catch (e) {
    if (e instanceof RepaymentImportRejectedError) {
      return jsonResponse({ error: { code: e.code, message: e.userMessage, importId: e.importId, errors: e.errors } }, 400);
    }
    return errorResponse(e);
  }
}

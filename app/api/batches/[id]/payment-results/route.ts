import { boundaryOf, MultipartError, parseMultipart } from '@/lib/actions/multipart';
import { assertSameOrigin, errorResponse, jsonResponse, type RouteContext } from '@/lib/actions/route-helpers';
import { requirePermission } from '@/lib/auth/session';
import { AppError } from '@/lib/errors/app-error';
import { importPaymentResults, PaymentResultsRejectedError, PaymentResultsTooLargeError } from '@/lib/server/batches/import-payment-results';
import { getDb } from '@/lib/server/db';
import { PAYMENT_RESULT_MAX_BYTES } from '@/lib/validation/batches';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const MAX_BODY_BYTES = PAYMENT_RESULT_MAX_BYTES + 64 * 1024;

async function readAll(body: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const c of body) {
    size += c.byteLength;
    if (size > PAYMENT_RESULT_MAX_BYTES) throw new PaymentResultsTooLargeError();
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}

/**
 * POST /api/batches/:id/payment-results — multipart/form-data with `file` (.xlsx or .csv),
 * the bank's payment results for an exported batch. Same origin, session and
 * 'finance:reconcile' on every request. `{ data }` when applied; 400 with every row error
 * (`error.errors`) when the file is refused whole.
 */
export async function POST(req: Request, ctx: RouteContext<{ id: string }>): Promise<Response> {
  try {
    assertSameOrigin(req);
    const actor = await requirePermission('finance:reconcile');
    const { id } = await ctx.params;
    const boundary = boundaryOf(req.headers.get('content-type'));
    if (!boundary || !req.body) throw new AppError('INVALID_INPUT', { userMessage: '请选择银行回盘文件' });
    const length = req.headers.get('content-length');
    if (length !== null && !/^\d{1,15}$/.test(length.trim())) throw new AppError('INVALID_INPUT');
    if (length !== null && Number(length) > MAX_BODY_BYTES) throw new PaymentResultsTooLargeError();
    let file: { fileName: string; content: Uint8Array } | undefined;
    try {
      for await (const part of parseMultipart(req.body, boundary, { maxBodyBytes: MAX_BODY_BYTES, maxParts: 5 })) {
        if (part.type === 'file' && part.name === 'file' && !file) file = { fileName: part.fileName, content: await readAll(part.body) };
      }
    } catch (e) {
      if (e instanceof MultipartError) {
        if (e.reason === 'too_large') throw new PaymentResultsTooLargeError();
        throw new AppError('INVALID_INPUT', { message: e.message, userMessage: '上传的数据格式有误，请重新选择文件上传' });
      }
      throw e;
    }
    if (!file || file.content.byteLength === 0) throw new AppError('INVALID_INPUT', { userMessage: '请选择银行回盘文件' });
    return jsonResponse({ data: await importPaymentResults(await getDb(), actor, { batchId: id, ...file }) });
  } catch (e) {
    if (e instanceof PaymentResultsRejectedError) return jsonResponse({ error: { code: e.code, message: e.userMessage, importId: e.importId, errors: e.errors } }, 400);
    return errorResponse(e);
  }
}

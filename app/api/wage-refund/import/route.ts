import { boundaryOf, MultipartError, parseMultipart } from '@/lib/actions/multipart';
import { assertSameOrigin, errorResponse, jsonResponse } from '@/lib/actions/route-helpers';
import { requirePermission } from '@/lib/auth/session';
import { AppError } from '@/lib/errors/app-error';
import { getDb } from '@/lib/server/db';
import { importSocialInsurance, SocialInsuranceFileTooLargeError, SocialInsuranceImportRejectedError } from '@/lib/server/wage-refund/import-social-insurance';
import { WAGE_REFUND_IMPORT_MAX_BYTES } from '@/lib/validation/wage-refund';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The multipart body may exceed the file limit by this much (part headers, boundaries, the year field). */
const MAX_BODY_BYTES = WAGE_REFUND_IMPORT_MAX_BYTES + 64 * 1024;

async function readAll(body: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const c of body) {
    size += c.byteLength;
    if (size > WAGE_REFUND_IMPORT_MAX_BYTES) throw new SocialInsuranceFileTooLargeError();
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}

/**
 * POST /api/wage-refund/import — multipart/form-data with `policyYear` and `file` (.xlsx or
 * .csv): the previous year's social-insurance data for 稳岗返还. Same origin, session and
 * 'subsidy:import_insurance_data' are checked on every request. Answers `{ data }` when
 * applied, or `{ error: { code, message, errors } }` — 400 with every row error when the
 * file is refused whole.
 */
export async function POST(req: Request): Promise<Response> {
  try {
    assertSameOrigin(req);
    const actor = await requirePermission('subsidy:import_insurance_data');
    const boundary = boundaryOf(req.headers.get('content-type'));
    if (!boundary || !req.body) throw new AppError('INVALID_INPUT', { userMessage: '请选择要导入的参保数据文件' });
    const length = req.headers.get('content-length');
    if (length !== null && !/^\d{1,15}$/.test(length.trim())) throw new AppError('INVALID_INPUT');
    if (length !== null && Number(length) > MAX_BODY_BYTES) throw new SocialInsuranceFileTooLargeError();

    let file: { fileName: string; content: Uint8Array } | undefined;
    let policyYear: string | undefined;
    try {
      for await (const part of parseMultipart(req.body, boundary, { maxBodyBytes: MAX_BODY_BYTES, maxParts: 5 })) {
        if (part.type === 'field' && part.name === 'policyYear') policyYear = part.value;
        else if (part.type === 'file' && part.name === 'file' && !file) file = { fileName: part.fileName, content: await readAll(part.body) };
      }
    } catch (e) {
      if (e instanceof MultipartError) {
        if (e.reason === 'too_large') throw new SocialInsuranceFileTooLargeError();
        throw new AppError('INVALID_INPUT', { message: e.message, userMessage: '上传的数据格式有误，请重新选择文件上传' });
      }
      throw e;
    }
    if (!file || file.content.byteLength === 0) throw new AppError('INVALID_INPUT', { userMessage: '请选择要导入的参保数据文件' });
    return jsonResponse({ data: await importSocialInsurance(await getDb(), actor, { ...file, policyYear }) });
  } catch (e) {
    if (e instanceof SocialInsuranceImportRejectedError) {
      return jsonResponse({ error: { code: e.code, message: e.userMessage, importId: e.importId, errors: e.errors } }, 400);
    }
    return errorResponse(e);
  }
}

import { bankApiRoute, readBody } from '@/lib/actions/bank-api';
import { AppError } from '@/lib/errors/app-error';
import { importRepayments, RepaymentFileTooLargeError } from '@/lib/server/servicing/import-repayments';
import { REPAYMENT_IMPORT_MAX_BYTES } from '@/lib/validation/servicing';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

const FORMATS: Record<string, string> = {
  'text/csv': 'api-upload.csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'api-upload.xlsx',
};

/**
 * POST /api/v1/repayments — the bank's repayment file as the raw body (text/csv or .xlsx),
 * same columns and same all-or-nothing validation as the upload page.
 */
export const POST = bankApiRoute(async (actor, db, req) => {
  const type = (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
  const fileName = FORMATS[type];
  if (!fileName) throw new AppError('INVALID_INPUT', { userMessage: 'Content-Type 须为 text/csv 或 .xlsx 的 MIME 类型' });
  const content = await readBody(req, REPAYMENT_IMPORT_MAX_BYTES, () => new RepaymentFileTooLargeError());
  return importRepayments(db, actor, { fileName, content });
});

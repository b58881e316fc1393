import { bankApiRoute, readBody, tabularFileName } from '@/lib/actions/bank-api';
import { importRepayments, RepaymentFileTooLargeError } from '@/lib/server/servicing/import-repayments';
import { REPAYMENT_IMPORT_MAX_BYTES } from '@/lib/validation/servicing';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * POST /api/v1/repayments — the bank's repayment file as the raw body (text/csv or .xlsx),
 * same columns and same all-or-nothing validation as the upload page.
 */
export const POST = bankApiRoute(async (actor, db, req) => {
  const fileName = tabularFileName(req);
  const content = await readBody(req, REPAYMENT_IMPORT_MAX_BYTES, () => new RepaymentFileTooLargeError());
  return importRepayments(db, actor, { fileName, content });
});

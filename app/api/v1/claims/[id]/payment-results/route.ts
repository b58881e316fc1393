import { bankApiRoute, readBody, tabularFileName } from '@/lib/actions/bank-api';
import { importPaymentResults, PaymentResultsTooLargeError } from '@/lib/server/batches/import-payment-results';
import { PAYMENT_RESULT_MAX_BYTES } from '@/lib/validation/batches';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * POST /api/v1/claims/{id}/payment-results — the bank's payment results for its own exported
 * batch as the raw body (text/csv or .xlsx; 序号 | 状态 | 银行流水号 | 失败原因). All or nothing,
 * exactly as finance's upload: any bad row refuses the whole file with every error.
 */
export const POST = bankApiRoute<{ id: string }>(async (actor, db, req, { id }) => {
  const fileName = tabularFileName(req);
  const content = await readBody(req, PAYMENT_RESULT_MAX_BYTES, () => new PaymentResultsTooLargeError());
  return importPaymentResults(db, actor, { batchId: id, fileName, content });
});

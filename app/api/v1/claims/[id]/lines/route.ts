import { bankApiRoute } from '@/lib/actions/bank-api';
import { listBatchLines } from '@/lib/server/batches/list-batch-lines';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET /api/v1/claims/{id}/lines?page=1&status=paid — the claim's lines, 50 a page, personal numbers masked. */
export const GET = bankApiRoute<{ id: string }>(async (actor, db, req, { id }) => {
  const q = new URL(req.url).searchParams;
  const input: Record<string, string> = { batchId: id };
  for (const k of ['page', 'status', 'q']) {
    const v = q.get(k);
    if (v !== null) input[k] = v;
  }
  return listBatchLines(db, actor, input);
});

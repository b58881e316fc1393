import { fileResponse, protectedRoute } from '@/lib/actions/route-helpers';
import { readBatchExport } from '@/lib/server/batches/read-batch-export';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * GET /api/batches/:id/export?format=xlsx|csv&variant=masked|payment — the frozen
 * disbursement list, streamed from the store byte for byte, with its SHA-256 (as recorded)
 * in `X-Checksum-SHA256`. 'finance:export' is checked on every request; the use-case checks
 * the batch's state and the separation of duties, and audits every download of the
 * unmasked bank-payment variant.
 */
export const GET = protectedRoute<{ id: string }>({ permissions: ['finance:export'] }, async ({ actor, db, req, params }) => {
  const url = new URL(req.url);
  const file = await readBatchExport(db, actor, {
    batchId: params.id,
    format: url.searchParams.get('format') ?? 'xlsx',
    variant: url.searchParams.get('variant') ?? 'masked',
  });
  const res = fileResponse({ stream: file.stream, mime: file.mime, size: file.size, fileName: file.fileName, download: true });
  res.headers.set('X-Checksum-SHA256', file.sha256);
  return res;
});

import { bankApiRoute } from '@/lib/actions/bank-api';
import { listBankLoans } from '@/lib/server/servicing/list-bank-loans';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET /api/v1/loans?after=<借据号>&limit=100 — the bank's own disbursed loans. */
export const GET = bankApiRoute(async (actor, db, req) => {
  const q = new URL(req.url).searchParams;
  return listBankLoans(db, actor, { after: q.get('after') ?? undefined, limit: Number(q.get('limit')) || undefined });
});

import { bankApiRoute, readJsonBody } from '@/lib/actions/bank-api';
import { listBankClaims } from '@/lib/server/claims/list-bank-claims';
import { requestClaim } from '@/lib/server/claims/request-claim';
import { startClaimJob } from '@/lib/server/claims/run-claim-job';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET /api/v1/claims?page=1 — the bank's own 贴息 claims, newest first. */
export const GET = bankApiRoute(async (actor, db, req) => listBankClaims(db, actor, { page: new URL(req.url).searchParams.get('page') ?? undefined }));

/**
 * POST /api/v1/claims {"period":"2026Q3"} — ask for the quarter's claim: the same request twice
 * gives the same claim; it is built in the background (poll GET /claims/{id}).
 */
export const POST = bankApiRoute(async (actor, db, req) => {
  const { batch, created } = await requestClaim(db, actor, await readJsonBody(req));
  if (batch.status === 'building') startClaimJob(db, batch.id);
  return { id: batch.id, number: batch.number, period: batch.period, status: batch.status, created };
});

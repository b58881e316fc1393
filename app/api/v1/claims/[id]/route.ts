import { bankApiRoute } from '@/lib/actions/bank-api';
import { getBankClaim } from '@/lib/server/claims/get-bank-claim';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** GET /api/v1/claims/{id} — one of the bank's claims: status, progress, totals by line status. */
export const GET = bankApiRoute<{ id: string }>(async (actor, db, _req, { id }) => getBankClaim(db, actor, id));

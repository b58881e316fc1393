import { jsonResponse, protectedRoute } from '@/lib/actions/route-helpers';
import { getClaimProgress } from '@/lib/server/claims/get-claim-progress';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * GET /api/batches/:id/progress — a claim's build progress, polled by its page. Session and
 * permission are checked on every request; the batch's own scope by the use-case (a bank
 * officer sees only the own bank's). Looking at a stuck claim restarts its job.
 */
export const GET = protectedRoute<{ id: string }>(
  { permissions: ['review:bank', 'review:hr', 'finance:access', 'audit:access'] },
  async ({ actor, db, params }) => jsonResponse({ data: await getClaimProgress(db, actor, params.id) }),
);

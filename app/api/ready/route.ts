import { getDbHandle } from '@/lib/server/db';
import { checkReadiness } from '@/lib/server/ops/check-readiness';

/** Readiness for the load balancer: 200 when the database, its migrations and the file store are fine, else 503. No session. */
export const dynamic = 'force-dynamic';

export async function GET(): Promise<Response> {
  const r = await checkReadiness(getDbHandle);
  return Response.json({ status: r.ready ? 'ready' : 'not_ready', ...r }, { status: r.ready ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}

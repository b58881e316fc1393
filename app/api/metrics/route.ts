import { clientIp } from '@/lib/actions/client-ip';
import { env } from '@/lib/env';
import { getDb } from '@/lib/server/db';
import { metricsAccessAllowed } from '@/lib/server/observability/metrics-access';
import { readMetrics } from '@/lib/server/ops/read-metrics';

/** Prometheus metrics: only with `Authorization: Bearer <METRICS_TOKEN>` or from a METRICS_ALLOW address. */
export const dynamic = 'force-dynamic';

export async function GET(req: Request): Promise<Response> {
  const cfg = env();
  if (!metricsAccessAllowed({ authorization: req.headers.get('authorization'), ip: await clientIp() }, { token: cfg.METRICS_TOKEN, allow: cfg.METRICS_ALLOW })) {
    return Response.json({ error: { code: 'FORBIDDEN', message: '无权访问' } }, { status: 403, headers: { 'Cache-Control': 'no-store' } });
  }
  const { contentType, body } = await readMetrics(await getDb());
  return new Response(body, { headers: { 'Content-Type': contentType, 'Cache-Control': 'no-store' } });
}

import type { Db } from '@/db/client';
import { sql } from 'drizzle-orm';
import { countSmsOutbox } from '@/lib/server/notifications/drain-sms-outbox';
import { metrics } from '@/lib/server/observability/metrics';

/**
 * The Prometheus text of this process: its own counters and histograms, and the gauges read
 * from the database now (SMS outbox by status, subsidy batches by kind and status, failed logins).
 * Counts only — no person, no amount.
 */
export async function readMetrics(db: Db): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  const rowsOf = <T>(r: unknown) => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
  const [outbox, batches, logins] = await Promise.all([
    countSmsOutbox(db),
    db.execute(sql`select kind, status, count(*)::int as n from subsidy_batches group by kind, status`),
    db.execute(sql`select count(*)::int as n from audit_log where event = 'auth.login' and result = 'failure'`),
  ]);
  m.outboxDepth.reset();
  for (const s of ['pending', 'sent', 'failed']) m.outboxDepth.set({ status: s }, 0);
  for (const r of outbox) m.outboxDepth.set({ status: r.status }, Number(r.n));
  m.batchesByStatus.reset();
  for (const r of rowsOf<{ kind: string; status: string; n: number }>(batches)) m.batchesByStatus.set({ kind: r.kind, status: r.status }, Number(r.n));
  m.failedLogins.set(Number(rowsOf<{ n: number }>(logins)[0]?.n ?? 0));
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}

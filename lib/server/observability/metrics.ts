import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Prometheus metrics of this process (prom-client), served by /api/metrics. Counters and
 * histograms are per process (scrape every process); the gauges read from the database at
 * scrape time (outbox depth, batches by status, failed logins) are the same on every process.
 * On globalThis: route handlers and pages are separate bundles, the registry must be one.
 */
export interface Metrics {
  registry: Registry;
  requestDuration: Histogram<'method' | 'route' | 'status'>;
  actionOutcomes: Counter<'action' | 'outcome'>;
  jobDuration: Histogram<'job' | 'outcome'>;
  jobFailures: Counter<'job'>;
  outboxDepth: Gauge<'status'>;
  batchesByStatus: Gauge<'kind' | 'status'>;
  failedLogins: Gauge;
}

const g = globalThis as { __kzMetrics?: Metrics };

export function metrics(): Metrics {
  if (g.__kzMetrics) return g.__kzMetrics;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const m: Metrics = {
    registry,
    requestDuration: new Histogram({
      name: 'kz_http_request_duration_seconds', help: 'HTTP request duration by route (ids replaced by :id)',
      labelNames: ['method', 'route', 'status'], buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30], registers: [registry],
    }),
    actionOutcomes: new Counter({ name: 'kz_action_outcomes_total', help: 'Server actions and route handlers by outcome (ok or error code)', labelNames: ['action', 'outcome'], registers: [registry] }),
    jobDuration: new Histogram({
      name: 'kz_job_duration_seconds', help: 'Worker job runs by job and outcome', labelNames: ['job', 'outcome'],
      buckets: [0.01, 0.1, 0.5, 1, 5, 15, 60, 300, 1800], registers: [registry],
    }),
    jobFailures: new Counter({ name: 'kz_job_failures_total', help: 'Worker job runs that threw', labelNames: ['job'], registers: [registry] }),
    outboxDepth: new Gauge({ name: 'kz_outbox_sms_messages', help: 'SMS outbox rows by status (read at scrape time)', labelNames: ['status'], registers: [registry] }),
    batchesByStatus: new Gauge({ name: 'kz_subsidy_batches', help: 'Subsidy batches by kind and status (read at scrape time)', labelNames: ['kind', 'status'], registers: [registry] }),
    failedLogins: new Gauge({ name: 'kz_failed_logins_total', help: 'Failed logins recorded in the audit log (read at scrape time)', registers: [registry] }),
  };
  g.__kzMetrics = m;
  return m;
}

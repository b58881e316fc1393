import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createDb, type DbHandle } from '@/db/client';
import { describeDb } from '../helpers/test-db';

// The route handlers' database and request headers, as Next would provide them.
const jar = vi.hoisted(() => {
  process.env.METRICS_TOKEN = 'test-metrics-token-0123456789abcdef';
  process.env.METRICS_ALLOW = '';
  return { handle: undefined as undefined | DbHandle, headers: new Headers() };
});
vi.mock('next/headers', () => ({ headers: async () => jar.headers, cookies: async () => ({ get: () => undefined, getAll: () => [] }) }));
vi.mock('@/lib/server/db', () => ({ getDb: async () => jar.handle!.db, getDbHandle: async () => jar.handle! }));

const health = await import('@/app/api/health/route');
const ready = await import('@/app/api/ready/route');
const metricsRoute = await import('@/app/api/metrics/route');

describeDb('operations endpoints: /api/health, /api/ready, /api/metrics', (ctx) => {
  let unreachable: DbHandle;
  beforeAll(async () => {
    jar.handle = ctx.h;
    // Nothing listens on port 1: every query fails to connect.
    unreachable = await createDb({ url: 'postgres://nobody:nothing@127.0.0.1:1/none' });
  });
  afterAll(async () => {
    await unreachable?.close().catch(() => {});
  });

  it('/api/health answers 200 without a session or a database', async () => {
    const res = health.GET();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('/api/ready is 200 when the database answers as the app role, the migrations are current and the file store takes a write', async () => {
    jar.handle = ctx.h;
    const res = await ready.GET();
    const body = await res.json();
    expect(body).toEqual({ status: 'ready', ready: true, checks: { database: 'ok', migrations: 'ok', fileStore: 'ok' } });
    expect(res.status).toBe(200);
  });

  it('/api/ready is 503 when the database is unreachable, naming the check and its code only', async () => {
    jar.handle = unreachable;
    try {
      const res = await ready.GET();
      expect(res.status).toBe(503);
      const body = await res.json();
      expect(body).toMatchObject({ status: 'not_ready', ready: false, checks: { database: 'unreachable' } });
      expect(body.checks.migrations).not.toBe('ok');
      expect(body.errors.database).toBe('ECONNREFUSED');
      expect(JSON.stringify(body)).not.toContain('nobody');
    } finally {
      jar.handle = ctx.h;
    }
  });

  it('/api/metrics refuses a caller without the token (or with a wrong one) and serves Prometheus text with it', async () => {
    jar.handle = ctx.h;
    for (const auth of [null, 'Bearer wrong-token-0123456789abcdef00', 'test-metrics-token-0123456789abcdef']) {
      const res = await metricsRoute.GET(new Request('http://localhost/api/metrics', { headers: auth ? { authorization: auth } : {} }));
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain('kz_');
    }
    // An address claimed in a forwarded header opens nothing when no address is allowed.
    jar.headers = new Headers({ 'x-forwarded-for': '127.0.0.1' });
    expect((await metricsRoute.GET(new Request('http://localhost/api/metrics'))).status).toBe(403);
    jar.headers = new Headers();

    const res = await metricsRoute.GET(new Request('http://localhost/api/metrics', { headers: { authorization: 'Bearer test-metrics-token-0123456789abcdef' } }));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    for (const name of ['kz_http_request_duration_seconds', 'kz_action_outcomes_total', 'kz_job_duration_seconds', 'kz_job_failures_total', 'kz_outbox_sms_messages{status="pending"}', 'kz_failed_logins_total', 'kz_subsidy_batches']) {
      expect(text).toContain(name);
    }
  });

  it('/api/ready is 503 "behind" when the database lacks the newest migration of this build', async () => {
    jar.handle = ctx.h;
    const [row] = await ctx.owner.query<{ id: number; created_at: string; hash: string }>('select id, created_at::text, hash from drizzle.__drizzle_migrations order by created_at desc limit 1');
    await ctx.owner.query('delete from drizzle.__drizzle_migrations where id = $1', [row.id]);
    try {
      const res = await ready.GET();
      expect(res.status).toBe(503);
      expect((await res.json()).checks).toEqual({ database: 'ok', migrations: 'behind', fileStore: 'ok' });
    } finally {
      await ctx.owner.query('insert into drizzle.__drizzle_migrations (id, hash, created_at) values ($1, $2, $3)', [row.id, row.hash, row.created_at]);
    }
  });
});

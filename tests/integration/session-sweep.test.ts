import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { describeDb } from '../helpers/test-db';
import { ensureReferenceData, tableCounts } from '../helpers/factories';

// No cookies at all: every request below comes without a session.
const jar = vi.hoisted(() => ({ handle: undefined as undefined | DbHandle }));
vi.mock('next/headers', () => ({
  cookies: async () => ({ get: () => undefined, getAll: () => [] }),
  headers: async () => new Headers(),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('@/lib/server/db', () => ({ getDb: async () => jar.handle!.db, getDbHandle: async () => jar.handle! }));

const ROOT = path.resolve(import.meta.dirname, '../..');

function filesNamed(dir: string, name: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesNamed(p, name) : e.name === name ? [p] : [];
  });
}

/**
 * Entry points that are public on purpose, each with the reason. Everything else under app/
 * must refuse a caller without a session (or, under /api/v1, without a bank token).
 */
const PUBLIC: Record<string, string> = {
  'app/(auth)/register/actions.ts#registerApplicantAction': 'self-registration is for people without an account',
  'app/(auth)/register/actions.ts#requestRegistrationCodeAction': 'registration starts without an account: the SMS code proves the mobile',
  'app/(auth)/forgot-password/actions.ts#requestPasswordResetCodeAction': 'a person who forgot their password has no session; the answer is the same for every mobile',
  'app/(auth)/forgot-password/actions.ts#resetPasswordBySmsAction': 'the SMS code sent to the account’s own mobile authorises the reset',
  'app/wage-refund/confirm/actions.ts#openWageRefundAction': 'an enterprise opens its notice with the one-time code sent to it, not a session',
  'app/wage-refund/confirm/actions.ts#confirmWageRefundAction': 'the same one-time code authorises the confirmation',
  'app/api/auth/[...nextauth]/route.ts#GET': 'next-auth itself: sign-in and sign-out',
  'app/api/auth/[...nextauth]/route.ts#POST': 'next-auth itself: sign-in and sign-out',
  'app/api/v1/openapi.json/route.ts#GET': 'the API description holds no data',
  'app/api/health/route.ts#GET': 'liveness for the load balancer: no data, no session',
  'app/api/ready/route.ts#GET': 'readiness for the load balancer: check names and error codes only, no session',
  'app/api/metrics/route.ts#GET': 'Prometheus scrapes with METRICS_TOKEN or from a METRICS_ALLOW address, not a session (its refusal is tested in ops-endpoints)',
};

const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');
const HTTP = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const seenPublic = new Set<string>();
const COUNTED = ['users', 'sessions', 'audit_log', 'applications', 'application_events', 'documents', 'notifications', 'subsidy_batches', 'subsidy_lines', 'data_imports', 'repayments'];

describeDb('every server action and route handler checks the caller itself', (ctx) => {
  beforeAll(async () => {
    jar.handle = ctx.h;
    await ensureReferenceData(ctx.h.db);
  });

  it('each exported server action refuses a caller without a session, and writes nothing', async () => {
    const files = filesNamed(path.join(ROOT, 'app'), 'actions.ts').filter((f) => /^['"]use server['"]/m.test(fs.readFileSync(f, 'utf8')));
    expect(files.length).toBeGreaterThanOrEqual(10);
    const before = await tableCounts(ctx.h.db, COUNTED);
    let checked = 0;
    for (const file of files) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const [name, fn] of Object.entries(mod)) {
        if (typeof fn !== 'function') continue;
        if (PUBLIC[`${rel(file)}#${name}`]) {
          seenPublic.add(`${rel(file)}#${name}`);
          continue;
        }
        const r = await (fn as (input: unknown) => Promise<unknown>)({});
        expect(r, `${rel(file)}#${name}`).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(30);
    expect(await tableCounts(ctx.h.db, COUNTED)).toEqual(before);
  });

  it('each route handler answers 401 without a session or token, even to a same-origin request, and writes nothing', async () => {
    const files = filesNamed(path.join(ROOT, 'app'), 'route.ts');
    const before = await tableCounts(ctx.h.db, COUNTED);
    let checked = 0;
    for (const file of files) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const method of HTTP) {
        const handler = mod[method];
        if (typeof handler !== 'function') continue;
        if (PUBLIC[`${rel(file)}#${method}`]) {
          seenPublic.add(`${rel(file)}#${method}`);
          continue;
        }
        const body = method === 'GET' || method === 'DELETE' ? undefined : 'x';
        const req = new Request('http://localhost/api/x', { method, body, headers: { 'sec-fetch-site': 'same-origin', 'content-type': 'text/csv' } });
        const params = Promise.resolve({ id: '00000000-0000-4000-8000-000000000000' });
        const res = (await (handler as (r: Request, c: unknown) => Promise<Response>)(req, { params })) as Response;
        expect(res.status, `${method} ${rel(file)}`).toBe(401);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(15);
    expect(await tableCounts(ctx.h.db, COUNTED)).toEqual(before);
    // The exemption list names only entry points that exist (a renamed one must be looked at again).
    expect([...seenPublic].sort()).toEqual(Object.keys(PUBLIC).sort());
  });
});

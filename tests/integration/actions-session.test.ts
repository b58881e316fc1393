import { beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { encode } from 'next-auth/jwt';
import { env } from '@/lib/env';
import type { DbHandle } from '@/db/client';
import { authenticateUser } from '@/lib/server/auth/authenticate-user';
import { describeDb } from '../helpers/test-db';
import { createUser, ensureReferenceData, otpFor, tableCounts } from '../helpers/factories';

// The request's cookie jar and database, as Next would provide them to an action.
const jar = vi.hoisted(() => ({ cookies: new Map<string, string>(), handle: undefined as undefined | DbHandle }));
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.cookies.has(name) ? { name, value: jar.cookies.get(name) } : undefined),
    getAll: () => [...jar.cookies].map(([name, value]) => ({ name, value })),
  }),
  headers: async () => new Headers(),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('@/lib/server/db', () => ({ getDb: async () => jar.handle!.db, getDbHandle: async () => jar.handle! }));

const { setUserStatusAction } = await import('@/app/admin/actions');
const { GET: verifyRoute } = await import('@/app/api/audit/verify/route');

async function signIn(username: string) {
  const { sessionId } = await authenticateUser(jar.handle!.db, { identifier: username, password: 'Test-password-123', otp: await otpFor(jar.handle!.db, username) });
  jar.cookies.set('next-auth.session-token', await encode({ token: { sid: sessionId }, secret: env().NEXTAUTH_SECRET }));
}

describeDb('server actions and route handlers check the session themselves', (ctx) => {
  beforeAll(async () => {
    jar.handle = ctx.h;
    await ensureReferenceData(ctx.h.db);
  });
  beforeEach(() => jar.cookies.clear());

  it('an action called without a session is refused and writes nothing', async () => {
    const victim = await createUser(ctx.h.db, { role: 'hr_reviewer' });
    const before = await tableCounts(ctx.h.db);
    const r = await setUserStatusAction({ userId: victim.id, status: 'disabled' });
    expect(r).toMatchObject({ ok: false, code: 'UNAUTHENTICATED', message: '请先登录' });
    expect(await tableCounts(ctx.h.db)).toEqual(before);
  });

  it('an action called with a forged or revoked token is refused', async () => {
    const victim = await createUser(ctx.h.db, { role: 'hr_reviewer' });
    jar.cookies.set('next-auth.session-token', await encode({ token: { sid: 'guessed' }, secret: env().NEXTAUTH_SECRET }));
    expect(await setUserStatusAction({ userId: victim.id, status: 'disabled' })).toMatchObject({ code: 'UNAUTHENTICATED' });
    jar.cookies.set('next-auth.session-token', await encode({ token: { sid: 'x' }, secret: 'some-other-secret-some-other-secret!!' }));
    expect(await setUserStatusAction({ userId: victim.id, status: 'disabled' })).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('an action called by the wrong role is refused; by an admin it succeeds', async () => {
    await createUser(ctx.h.db, { role: 'finance_officer', username: 'fin_a', totp: true });
    await createUser(ctx.h.db, { role: 'admin', username: 'adm_a', totp: true });
    const victim = await createUser(ctx.h.db, { role: 'hr_reviewer' });
    await signIn('fin_a');
    const before = await tableCounts(ctx.h.db);
    expect(await setUserStatusAction({ userId: victim.id, status: 'disabled' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await tableCounts(ctx.h.db)).toEqual(before);

    await signIn('adm_a');
    expect(await setUserStatusAction({ userId: victim.id, status: 'disabled' })).toEqual({ ok: true, data: undefined });
    expect(await setUserStatusAction({ userId: 'not-a-uuid', status: 'disabled' })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  it('a route handler without a session answers 401, with the wrong role 403, for the auditor 200', async () => {
    const anon = await verifyRoute(new Request('http://localhost/api/audit/verify'));
    expect(anon.status).toBe(401);
    expect(await anon.json()).toEqual({ error: { code: 'UNAUTHENTICATED', message: '请先登录' } });

    await createUser(ctx.h.db, { role: 'admin', username: 'adm_b', totp: true });
    await signIn('adm_b');
    expect((await verifyRoute(new Request('http://localhost/api/audit/verify'))).status).toBe(403);

    await createUser(ctx.h.db, { role: 'auditor', username: 'aud_b', totp: true });
    await signIn('aud_b');
    const ok = await verifyRoute(new Request('http://localhost/api/audit/verify'));
    expect(ok.status).toBe(200);
    expect((await ok.json()).data).toMatchObject({ ok: true });
  });
});

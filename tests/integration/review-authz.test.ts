import crypto from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { encode } from 'next-auth/jwt';
import { sessions } from '@/db/schema';
import type { DbHandle } from '@/db/client';
import { env } from '@/lib/env';
import type { Actor } from '@/lib/server/auth/actor';
import { getApplicationForReview } from '@/lib/server/review/get-application-for-review';
import { describeDb } from '../helpers/test-db';
import { ensureReferenceData, tableCounts, enrolTotp } from '../helpers/factories';
import { registerTestApplicant, stateOf } from '../helpers/application-fixtures';
import { applicationAt, createCast, decideAllBenefits, type Cast } from '../helpers/workflow-fixtures';

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

const { decideApplicationAction, recordContractAction, recordDisbursementAction } = await import('@/app/review/actions');

/** Act as `actor` on the next action call: a real server-side session and a signed token. */
async function actAs(actor: Actor | null) {
  jar.cookies.clear();
  if (!actor) return;
  const id = crypto.randomBytes(16).toString('hex');
  const t = new Date();
  await enrolTotp(jar.handle!.db, actor.userId);
  await jar.handle!.db.insert(sessions).values({ id, userId: actor.userId, createdAt: t, lastSeenAt: t, expiresAt: new Date(t.getTime() + 3600_000) });
  jar.cookies.set('next-auth.session-token', await encode({ token: { sid: id }, secret: env().NEXTAUTH_SECRET }));
}

type ActorName = keyof Cast | 'owner' | 'otherApplicant' | 'anonymous';
const ALL: ActorName[] = ['anonymous', 'owner', 'otherApplicant', 'hr', 'guarantee', 'bank', 'otherBank', 'finance', 'admin', 'security', 'auditor'];

describeDb('review authorization matrix: every role × every review action', (ctx) => {
  let cast: Cast;
  let otherApplicant: Actor;
  beforeAll(async () => {
    jar.handle = ctx.h;
    await ensureReferenceData(ctx.h.db);
    cast = await createCast(ctx.h.db);
    otherApplicant = await registerTestApplicant(ctx.h.db);
  });

  const contract = (id: string, version: number) => ({ applicationId: id, version, contractNo: `HT-M-${id.slice(0, 6)}`, principal: '300000', annualRate: '3.50', termMonths: 36, contractDate: '2026-02-01' });
  const disburse = (id: string, version: number) => ({ applicationId: id, version, disbursedDate: '2026-02-02', amount: '300000', drawdownNo: `JJ-M-${id.slice(0, 6)}`, payoutAccount: '6228480010000000002' });

  const CASES = [
    { name: 'HR approves', at: 'pending_hr', allowed: 'hr', call: (id: string, v: number) => decideApplicationAction({ applicationId: id, version: v, decision: 'approve' }) },
    { name: 'HR rejects with a reason', at: 'pending_hr', allowed: 'hr', call: (id: string, v: number) => decideApplicationAction({ applicationId: id, version: v, decision: 'reject', reason: '不符合条件' }) },
    { name: 'guarantee returns for supplement', at: 'pending_guarantee', allowed: 'guarantee', call: (id: string, v: number) => decideApplicationAction({ applicationId: id, version: v, decision: 'return', items: [{ field: 'loan.purpose', note: '请写明用途明细' }] }) },
    { name: 'guarantee approves', at: 'pending_guarantee', allowed: 'guarantee', call: (id: string, v: number) => decideApplicationAction({ applicationId: id, version: v, decision: 'approve' }) },
    { name: 'bank approves credit', at: 'pending_bank', allowed: 'bank', call: (id: string, v: number) => decideApplicationAction({ applicationId: id, version: v, decision: 'approve' }) },
    { name: 'bank records the contract', at: 'approved', allowed: 'bank', call: (id: string, v: number) => recordContractAction(contract(id, v)) },
    { name: 'bank records the disbursement', at: 'contracted', allowed: 'bank', call: (id: string, v: number) => recordDisbursementAction(disburse(id, v)) },
  ] as const;

  for (const c of CASES) {
    it(`${c.name}: only ${c.allowed} succeeds; everyone else is refused and writes nothing`, async () => {
      const { id, applicant } = await applicationAt(ctx.h.db, cast, c.at);
      if (c.at === 'pending_hr') await decideAllBenefits(ctx.h.db, cast.hr, id);
      const who = (n: ActorName): Actor | null => (n === 'anonymous' ? null : n === 'owner' ? applicant : n === 'otherApplicant' ? otherApplicant : cast[n]);
      for (const name of ALL.filter((n) => n !== c.allowed)) {
        await actAs(who(name));
        const before = await tableCounts(ctx.h.db);
        const { version, state } = await stateOf(ctx.h.db, id);
        const r = await c.call(id, version);
        expect(r.ok, `${name} must be refused`).toBe(false);
        if (!r.ok) expect(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT']).toContain(r.code);
        expect(await tableCounts(ctx.h.db), `${name} wrote something`).toEqual(before);
        expect((await stateOf(ctx.h.db, id)).state).toBe(state);
      }
      await actAs(who(c.allowed));
      const r = await c.call(id, (await stateOf(ctx.h.db, id)).version);
      expect(r).toMatchObject({ ok: true });
    });
  }

  describe('reading an application for review', () => {
    it('HR, guarantee, the routed bank and the auditor may; applicants, another bank, finance and the administrators may not', async () => {
      const { id, applicant } = await applicationAt(ctx.h.db, cast, 'pending_bank');
      for (const a of [cast.hr, cast.guarantee, cast.bank, cast.auditor]) await expect(getApplicationForReview(ctx.h.db, a, id)).resolves.toMatchObject({ id });
      await expect(getApplicationForReview(ctx.h.db, cast.otherBank, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      for (const a of [applicant, otherApplicant, cast.finance, cast.admin, cast.security]) await expect(getApplicationForReview(ctx.h.db, a, id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    });
  });
});

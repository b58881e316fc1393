import crypto from 'node:crypto';
import { encode } from 'next-auth/jwt';
import { beforeAll, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { sessions } from '@/db/schema';
import { usccCheckChar } from '@/lib/domain/validators';
import { env } from '@/lib/env';
import type { Actor } from '@/lib/server/auth/actor';
import { registerTestApplicant } from '../helpers/application-fixtures';
import { ensureReferenceData, tableCounts, enrolTotp } from '../helpers/factories';
import { describeDb } from '../helpers/test-db';
import { createCast, type Cast } from '../helpers/workflow-fixtures';

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

const { fileHiringSubsidyAction } = await import('@/app/portal/hiring/actions');
const { decideHiringFilingAction, createHiringBatchAction } = await import('@/app/review/hiring/actions');

const WRITTEN = ['hiring_filings', 'hiring_filing_hires', 'audit_log', 'notifications', 'sms_outbox', 'subsidy_batches', 'subsidy_lines'];

function validId(): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const body = `50023419950615${String(Math.floor(Math.random() * 900) + 100)}`;
  return body + '10X98765432'[[...body].reduce((s, c, i) => s + Number(c) * w[i], 0) % 11];
}
function validUscc(): string {
  const body = `91500234MA${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
  return body + usccCheckChar(body);
}
const form = () => ({
  policyYear: 2025, scheme: 'absorb', uscc: validUscc(), enterpriseName: '开州区动作测试企业', accountName: '开州区动作测试企业', accountNo: '6228480012345678901', accountBank: '中国农业银行开州支行',
  hires: [{ name: '王五', idNumber: validId(), category: 'graduate', contractMonths: 12, insuredMonths: 6 }],
});

describeDb('hiring-subsidy server actions: session and permission on every call; refusals write nothing', (ctx) => {
  let cast: Cast;
  let applicant: Actor;
  beforeAll(async () => {
    jar.handle = ctx.h;
    await ensureReferenceData(ctx.h.db);
    cast = await createCast(ctx.h.db);
    applicant = await registerTestApplicant(ctx.h.db);
  });
  const counts = () => tableCounts(ctx.h.db, WRITTEN);
  async function actAs(actor: Actor | null) {
    jar.cookies.clear();
    if (!actor) return;
    const sid = crypto.randomBytes(16).toString('hex');
    const t = new Date();
    await enrolTotp(ctx.h.db, actor.userId);
    await ctx.h.db.insert(sessions).values({ id: sid, userId: actor.userId, createdAt: t, lastSeenAt: t, expiresAt: new Date(t.getTime() + 3600_000) });
    jar.cookies.set('next-auth.session-token', await encode({ token: { sid }, secret: env().NEXTAUTH_SECRET }));
  }

  it('filing, deciding and batching through the actions, each refused for the wrong caller', async () => {
    let before = await counts();
    await actAs(null);
    expect(await fileHiringSubsidyAction(form())).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    for (const who of [cast.hr, cast.finance, cast.bank, cast.admin, cast.auditor]) {
      await actAs(who);
      expect(await fileHiringSubsidyAction(form())).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    expect(await counts()).toEqual(before);

    await actAs(applicant);
    const filed = await fileHiringSubsidyAction(form());
    expect(filed).toMatchObject({ ok: true });
    const filingId = (filed as { data: { filingId: string } }).data.filingId;

    before = await counts();
    for (const who of [null, applicant, cast.finance, cast.bank, cast.guarantee, cast.admin, cast.auditor]) {
      await actAs(who);
      const r = await decideHiringFilingAction({ filingId, version: 0, decision: 'approve' });
      expect(r).toMatchObject({ ok: false, code: who ? 'FORBIDDEN' : 'UNAUTHENTICATED' });
      expect(await createHiringBatchAction({ policyYear: 2025 })).toMatchObject({ ok: false, code: who ? 'FORBIDDEN' : 'UNAUTHENTICATED' });
    }
    expect(await counts()).toEqual(before);

    await actAs(cast.hr);
    expect(await decideHiringFilingAction({ filingId, version: 0, decision: 'approve' })).toEqual({ ok: true, data: 'approved' });
    expect(await createHiringBatchAction({ policyYear: 2025 })).toMatchObject({ ok: true, data: { created: true, lineCount: 1, totalFen: '200000' } });
  });
});

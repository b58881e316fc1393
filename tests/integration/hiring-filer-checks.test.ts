import crypto from 'node:crypto';
import { encode } from 'next-auth/jwt';
import { beforeAll, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { enterprises, sessions } from '@/db/schema';
import { usccCheckChar } from '@/lib/domain/validators';
import { env } from '@/lib/env';
import type { Actor } from '@/lib/server/auth/actor';
import { getBatch } from '@/lib/server/batches/get-batch';
import { listBatchLines } from '@/lib/server/batches/list-batch-lines';
import { confirmEnterpriseContact } from '@/lib/server/hiring/confirm-enterprise-contact';
import { createHiringBatch } from '@/lib/server/hiring/create-hiring-batch';
import { decideHiringFiling } from '@/lib/server/hiring/decide-hiring-filing';
import { fileHiringSubsidy } from '@/lib/server/hiring/file-hiring-subsidy';
import { findHiringQueue } from '@/lib/server/hiring/find-hiring-queue';
import { getHiringFiling } from '@/lib/server/hiring/get-hiring-filing';
import type { THiringFilingInput } from '@/lib/validation/hiring';
import { registerTestApplicant } from '../helpers/application-fixtures';
import { ensureReferenceData, tableCounts, enrolTotp } from '../helpers/factories';
import { describeDb } from '../helpers/test-db';
import { createCast, type Cast } from '../helpers/workflow-fixtures';

const jar = vi.hoisted(() => ({ cookies: new Map<string, string>(), handle: undefined as undefined | { db: unknown } }));
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.cookies.has(name) ? { name, value: jar.cookies.get(name) } : undefined),
    getAll: () => [...jar.cookies].map(([name, value]) => ({ name, value })),
  }),
  headers: async () => new Headers(),
}));
vi.mock('@/lib/server/db', () => ({ getDb: async () => jar.handle!.db, getDbHandle: async () => jar.handle! }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
const { confirmEnterpriseContactAction } = await import('@/app/review/hiring/actions');

const WRITTEN = ['hiring_filings', 'hiring_filing_hires', 'enterprise_contacts', 'enterprises', 'audit_log', 'subsidy_batches', 'subsidy_lines'];

let seq = 0;
function newId(): string {
  seq++;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const body = `500234200${seq % 10}0${(seq % 9) + 1}2${(seq % 9) + 1}${String(Math.floor(Math.random() * 900) + 100)}`;
  return body + '10X98765432'[[...body].reduce((s, c, i) => s + Number(c) * w[i], 0) % 11];
}
function newUscc(): string {
  const body = `91500234MC${String(++seq * 7919 + Math.floor(Math.random() * 1e5)).padStart(7, '0').slice(-7)}`;
  return body + usccCheckChar(body);
}
const filing = (uscc: string, patch: Partial<THiringFilingInput> = {}): THiringFilingInput => ({
  policyYear: 2024, scheme: 'absorb', uscc, enterpriseName: '开州区登记测试企业', accountName: '开州区登记测试企业', accountNo: '6228480012345678901', accountBank: '中国农业银行开州支行',
  hires: [{ name: '张三', idNumber: newId(), category: 'graduate', contractMonths: 12, insuredMonths: 6 }], ...patch,
});

/**
 * Issue 10 item 7, tried as a script would: anyone with an applicant account can file for any
 * USCC and name any account. HR must see, on the filing, that the filer is not the enterprise's
 * registered contact and that the payee is not the enterprise; finance must see it on the batch.
 */
describeDb('一次性吸纳就业补贴: a filing is tied to the enterprise; HR and finance are warned', (ctx) => {
  let cast: Cast;
  let legalRep: Actor;
  let stranger: Actor;
  let uscc: string;
  beforeAll(async () => {
    jar.handle = ctx.h as DbHandle;
    await ensureReferenceData(ctx.h.db);
    cast = await createCast(ctx.h.db);
    legalRep = await registerTestApplicant(ctx.h.db, '法定代表人');
    stranger = await registerTestApplicant(ctx.h.db, '陌生人');
    uscc = newUscc();
    const [{ h }] = await ctx.h.query<{ h: string }>(`select id_number_hash as h from users where id = $1`, [legalRep.userId]);
    const t = new Date();
    await ctx.h.db.insert(enterprises).values({ uscc, name: '开州区登记测试企业', legalRepName: '法定代表人', legalRepIdHash: h, legalRepIdMasked: '500***********0000', createdAt: t, updatedAt: t });
  });
  const db = () => ctx.h.db;
  const counts = () => tableCounts(db(), WRITTEN);
  const codes = async (id: string) => (await getHiringFiling(db(), cast.hr, id)).warnings.map((w) => w.code).sort();

  it('the legal representative filing with the enterprise’s own account: no warning', async () => {
    const { filingId } = await fileHiringSubsidy(db(), legalRep, filing(uscc));
    const view = await getHiringFiling(db(), cast.hr, filingId);
    expect(view).toMatchObject({ filerBasis: 'legal_rep', registeredName: '开州区登记测试企业', warnings: [] });
    // The applicant's own view carries no register data.
    expect(await getHiringFiling(db(), legalRep, filingId)).toMatchObject({ warnings: [], filerBasis: null });
  });

  it('a stranger filing for the enterprise, paid to a person: HR sees both warnings on the filing and in the queue; approving records them', async () => {
    const { filingId, number } = await fileHiringSubsidy(db(), stranger, filing(uscc, { accountName: '陌生人', accountNo: '6217000099990001' }));
    expect(await codes(filingId)).toEqual(['filer_not_contact', 'payee_name_mismatch']);
    const view = await getHiringFiling(db(), cast.hr, filingId);
    expect(view.warnings.find((w) => w.code === 'payee_name_mismatch')!.message).toContain('收款账户户名“陌生人”与企业名称“开州区登记测试企业”不一致');
    const queue = await findHiringQueue(db(), cast.hr, { tab: 'todo', q: number });
    expect(queue.rows.map((r) => r.warnings.map((w) => w.code).sort())).toEqual([['filer_not_contact', 'payee_name_mismatch']]);
    // A filed name other than the registered one is flagged too.
    const renamed = await fileHiringSubsidy(db(), legalRep, filing(uscc, { enterpriseName: '开州区另一家企业', accountName: '开州区另一家企业' }));
    expect(await codes(renamed.filingId)).toEqual(['enterprise_name_mismatch', 'payee_name_mismatch']);

    await decideHiringFiling(db(), cast.hr, { filingId, version: view.version, decision: 'approve' });
    const [audit] = await ctx.h.query<{ detail: { warnings: string[] } }>(`select detail from audit_log where event = 'hiring.approve' and object_id = $1`, [filingId]);
    expect(audit.detail.warnings.sort()).toEqual(['filer_not_contact', 'payee_name_mismatch']);
  });

  it('the filer cannot make themselves the enterprise’s contact (use-case or action): refused, nothing written; HR can, audited, and the warning goes', async () => {
    const { filingId } = await fileHiringSubsidy(db(), stranger, filing(uscc));
    expect(await codes(filingId)).toEqual(['filer_not_contact']);
    const before = await counts();
    for (const who of [stranger, legalRep, cast.finance, cast.bank, cast.admin, cast.auditor]) {
      await expect(confirmEnterpriseContact(db(), who, { filingId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await actAs(stranger);
    expect(await confirmEnterpriseContactAction({ filingId })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await counts()).toEqual(before);
    expect(await codes(filingId)).toEqual(['filer_not_contact']);

    await actAs(cast.hr);
    expect(await confirmEnterpriseContactAction({ filingId })).toMatchObject({ ok: true, data: { created: true } });
    expect(await counts()).toEqual({ ...before, enterprise_contacts: before.enterprise_contacts + 1, audit_log: before.audit_log + 1 });
    const [audit] = await ctx.h.query<{ actor_id: string; detail: Record<string, unknown> }>(`select actor_id, detail from audit_log where event = 'hiring.confirm_contact' order by seq desc limit 1`);
    expect(audit).toMatchObject({ actor_id: cast.hr.userId, detail: { uscc, userId: stranger.userId, filingId } });
    expect(await getHiringFiling(db(), cast.hr, filingId)).toMatchObject({ filerBasis: 'confirmed_contact', warnings: [] });
    // Again: nothing new. For another enterprise the stranger is still no contact.
    expect(await confirmEnterpriseContact(db(), cast.hr, { filingId })).toEqual({ created: false });
    const elsewhere = await fileHiringSubsidy(db(), stranger, filing(newUscc()));
    expect(await codes(elsewhere.filingId)).toEqual(['filer_not_contact']);
  });

  it('the batch carries the flags on its lines and counts them, for HR’s check and finance’s approval', async () => {
    const year = 2023;
    const clean = await fileHiringSubsidy(db(), legalRep, filing(uscc, { policyYear: year }));
    const odd = await fileHiringSubsidy(db(), legalRep, filing(uscc, { policyYear: year, accountName: '某个人', accountNo: '6217000099990002' }));
    for (const f of [clean, odd]) await decideHiringFiling(db(), cast.hr, { filingId: f.filingId, version: 0, decision: 'approve' });
    const batch = await createHiringBatch(db(), cast.hr, { policyYear: year });
    for (const who of [cast.finance, cast.hr]) {
      const lines = await listBatchLines(db(), who, { batchId: batch.batchId });
      const flagsOf = (filingId: string) => lines.rows.filter((l) => (l.detail as unknown as { filingId: string }).filingId === filingId).map((l) => (l.detail as unknown as { flags: { code: string }[] }).flags.map((x) => x.code));
      expect(flagsOf(clean.filingId)).toEqual([[]]);
      expect(flagsOf(odd.filingId)).toEqual([['payee_name_mismatch']]);
      expect((await getBatch(db(), who, batch.batchId)).flaggedLines).toBe(1);
    }
  });

  async function actAs(actor: Actor | null) {
    jar.cookies.clear();
    if (!actor) return;
    const sid = crypto.randomBytes(16).toString('hex');
    const t = new Date();
    // Staff sessions are full ones only with a second factor enrolled.
    await enrolTotp(db(), actor.userId);
    await db().insert(sessions).values({ id: sid, userId: actor.userId, createdAt: t, lastSeenAt: t, expiresAt: new Date(t.getTime() + 3600_000) });
    jar.cookies.set('next-auth.session-token', await encode({ token: { sid }, secret: env().NEXTAUTH_SECRET }));
  }
});

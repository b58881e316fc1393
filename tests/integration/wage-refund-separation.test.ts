import crypto from 'node:crypto';
import { encode } from 'next-auth/jwt';
import { afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { sessions } from '@/db/schema';
import { usccCheckChar } from '@/lib/domain/validators';
import { env } from '@/lib/env';
import type { Actor } from '@/lib/server/auth/actor';
import { searchAuditLog } from '@/lib/server/audit/search-audit-log';
import { decryptPii } from '@/lib/server/crypto/pii';
import { drainSmsOutbox } from '@/lib/server/notifications/drain-sms-outbox';
import { confirmWageRefund } from '@/lib/server/wage-refund/confirm-wage-refund';
import { createWageRefundBatch } from '@/lib/server/wage-refund/create-wage-refund-batch';
import { getWageRefundForConfirmation } from '@/lib/server/wage-refund/get-wage-refund-for-confirmation';
import { importSocialInsurance } from '@/lib/server/wage-refund/import-social-insurance';
import { listSmsOutbox } from '@/lib/server/wage-refund/list-sms-outbox';
import { listSocialInsuranceImports } from '@/lib/server/wage-refund/list-social-insurance-imports';
import { listWageRefundReviews } from '@/lib/server/wage-refund/list-wage-refund-reviews';
import { listWageRefunds } from '@/lib/server/wage-refund/list-wage-refunds';
import { notifyWageRefunds } from '@/lib/server/wage-refund/notify-wage-refunds';
import { OWN_IMPORT_MESSAGE, reviewWageRefundChange } from '@/lib/server/wage-refund/review-wage-refund-change';
import { actorOf, createUser, ensureReferenceData, tableCounts, enrolTotp } from '../helpers/factories';
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

const { reviewWageRefundChangeAction, notifyWageRefundsAction } = await import('@/app/finance/wage-refund/actions');
const { openWageRefundAction, confirmWageRefundAction } = await import('@/app/wage-refund/confirm/actions');

const WRITTEN = ['wage_refund_records', 'data_imports', 'audit_log', 'sms_outbox', 'subsidy_batches', 'subsidy_lines'];
const HEADER = ['统一社会信用代码', '单位名称', '企业规模(大型/中小微)', '月均参保人数', '裁员人数', '实缴失业保险费(元)', '连续参保月数', '严重失信(是/否)', '注销吊销(是/否)', '经营异常(是/否)', '欠费(是/否)', '联系人手机', '开户名', '银行账号', '开户行'];

let seq = 0;
function newUscc(): string {
  seq++;
  const body = `91500234MB${String(seq + Math.floor(Math.random() * 1e6) * 10).padStart(7, '0').slice(-7)}`;
  return body + usccCheckChar(body);
}
const newMobile = () => `137${String(Date.now() % 1e5).padStart(5, '0')}${String(++seq).padStart(3, '0')}`;
const csv = (rows: (string | number)[][]) => new TextEncoder().encode('\ufeff' + rows.map((r) => r.join(',')).join('\r\n') + '\r\n');

/**
 * Issue 10 item 1, tried as an insider's script would: nobody on the staff side can read a
 * confirmation code, and a confirmation that redirects money needs a second person.
 */
describeDb('稳岗返还: codes are secrets; a changed confirmation needs a second HR reviewer', (ctx) => {
  let cast: Cast;
  let hr2: Actor;
  beforeAll(async () => {
    jar.handle = ctx.h as DbHandle;
    await ensureReferenceData(ctx.h.db);
    cast = await createCast(ctx.h.db);
    hr2 = actorOf(await createUser(ctx.h.db, { role: 'hr_reviewer', orgCode: 'KZ-EMP' }));
  });
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-02T02:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());
  const db = () => ctx.h.db;
  const counts = () => tableCounts(db(), WRITTEN);
  const phone = new Map<string, string[]>();
  /** The gateway: the enterprise's phone. */
  const deliver = () => drainSmsOutbox(db(), { async send(m, body) { phone.set(m, [...(phone.get(m) ?? []), body]); } });
  const record = async (id: string) => {
    const [r] = await ctx.h.query<{ status: string; version: number; size_class: string; amount_fen: string; account_no_enc: string | null; account_no_masked: string | null; pending_change: unknown; change_reviewed_by: string | null }>(
      `select status, version, size_class, amount_fen::text, account_no_enc, account_no_masked, pending_change, change_reviewed_by from wage_refund_records where id = $1`, [id],
    );
    return r;
  };

  /** One eligible SME imported by `importer` with an account on file, notified; the code as its phone received it. */
  async function notified(importer: Actor, year: number) {
    const uscc = newUscc();
    const mobile = newMobile();
    const name = `开州区复核企业${uscc.slice(-4)}`;
    await importSocialInsurance(db(), importer, { fileName: `${uscc}.csv`, content: csv([HEADER, [uscc, name, '中小微', 40, 1, '88000.00', 24, '否', '否', '否', '否', mobile, name, '6228480012345678901', '中国农业银行开州支行']]), policyYear: year });
    const [{ id }] = await ctx.h.query<{ id: string }>(`select id from wage_refund_records where uscc = $1 and policy_year = $2`, [uscc, year]);
    await notifyWageRefunds(db(), importer, { policyYear: year, recordIds: [id] });
    await deliver();
    const code = /确认码(\d{6})/.exec(phone.get(mobile)!.at(-1)!)![1];
    return { id, uscc, mobile, code, name };
  }

  it('finance and HR cannot read a code from any staff page, list, search or export; only the drain ever reads a body, and then it is wiped', async () => {
    const year = 2024;
    const uscc = newUscc();
    const mobile = newMobile();
    await importSocialInsurance(db(), cast.finance, { fileName: 'secret.csv', content: csv([HEADER, [uscc, '开州区保密公司', '中小微', 10, 0, '10000', 12, '否', '否', '否', '否', mobile, '', '', '']]), policyYear: year });
    await notifyWageRefunds(db(), cast.finance, { policyYear: year });
    const [pending] = await ctx.h.query<{ body: string }>(`select body from sms_outbox where mobile = $1 and status = 'pending'`, [mobile]);
    const code = /确认码(\d{6})/.exec(pending.body)![1];

    // Every staff read path, while the message waits and after it is sent.
    const staffViews = async () => {
      const out: unknown[] = [];
      for (const who of [cast.finance, cast.hr, hr2]) {
        out.push(await listSmsOutbox(db(), who, {}));
        out.push(await listSmsOutbox(db(), who, { q: '稳岗返还' }));
        out.push(await listWageRefunds(db(), who, { policyYear: year, q: uscc }));
        out.push(await listWageRefundReviews(db(), who, { policyYear: year }));
        out.push(await listSocialInsuranceImports(db(), who));
      }
      out.push(await searchAuditLog(db(), cast.auditor, { pageSize: 200 }));
      return JSON.stringify(out, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
    };
    for (const round of ['queued', 'sent']) {
      const seen = await staffViews();
      expect(seen, round).not.toContain(code);
      expect(seen, round).not.toContain('确认码');
      expect(seen, round).toContain('验证码短信已发送');
      if (round === 'queued') await deliver();
    }
    // The enterprise got it; the outbox keeps nothing of it.
    expect(phone.get(mobile)!.at(-1)).toContain(`确认码${code}`);
    expect(await ctx.h.query(`select body, summary from sms_outbox where mobile = $1`, [mobile])).toEqual([{ body: null, summary: '验证码短信已发送' }]);
    expect(await ctx.h.query(`select 1 from audit_log where detail::text like $1`, [`%${code}%`])).toEqual([]);
    // Searching the outbox for the code (or the words around it) finds nothing: the text is not there to search.
    for (const q of [code, '确认码', 'wage-refund/confirm']) expect((await listSmsOutbox(db(), cast.hr, { q })).rows).toEqual([]);
  });

  it('a confirmation with a new account never reaches a batch without a second person; the importer cannot accept it; another HR reviewer can', async () => {
    const year = 2025;
    const ent = await notified(cast.hr, year);
    const before = await counts();
    const view = await confirmWageRefund(db(), { uscc: ent.uscc, code: ent.code, decision: 'confirm', sizeClass: 'sme', changeAccount: true, accountName: '某某个人', accountNo: '6217 0000 9999 0001', accountBank: '某银行' });
    expect(view).toMatchObject({ status: 'pending_review', accountNoMasked: '6217********0001', amountFen: '1760000' });
    const held = await record(ent.id);
    expect(held).toMatchObject({ status: 'pending_review', account_no_masked: '6228***********8901', change_reviewed_by: null });
    expect(decryptPii(held.account_no_enc!)).toBe('6228480012345678901');
    expect(await counts()).toEqual({ ...before, audit_log: before.audit_log + 1 });

    // The year's batch: nothing confirmed, so nothing to pay — the changed account is not in it.
    await expect(createWageRefundBatch(db(), cast.finance, { policyYear: year })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await counts()).toEqual({ ...before, audit_log: before.audit_log + 1 });

    // HR sees old and new side by side, with the amount before and after; the importer may not decide.
    const [row] = (await listWageRefundReviews(db(), cast.hr, { policyYear: year })).filter((r) => r.id === ent.id);
    expect(row).toMatchObject({
      accountChanged: true, sizeClassChanged: false, ownImport: true, canDecide: false,
      before: { accountNoMasked: '6228***********8901', accountName: ent.name, amountFen: '1760000' },
      after: { accountNoMasked: '6217********0001', accountName: '某某个人', amountFen: '1760000' },
    });
    expect((await listWageRefundReviews(db(), hr2, { policyYear: year })).find((r) => r.id === ent.id)).toMatchObject({ canDecide: true, ownImport: false });

    // The importer tries anyway, as a script would: refused, nothing written but the refusal's audit row.
    const mid = await counts();
    await expect(reviewWageRefundChange(db(), cast.hr, { recordId: ent.id, version: held.version, decision: 'accept' })).rejects.toMatchObject({ code: 'FORBIDDEN', userMessage: OWN_IMPORT_MESSAGE });
    await expect(reviewWageRefundChange(db(), cast.hr, { recordId: ent.id, version: held.version, decision: 'reject', reason: '自己驳回' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await counts()).toEqual({ ...mid, audit_log: mid.audit_log + 2 });
    expect(await record(ent.id)).toEqual(held);
    const refusals = await ctx.h.query<{ event: string; result: string; actor_id: string; detail: { reason: string } }>(`select event, result, actor_id, detail from audit_log where object_id = $1 and result = 'failure' order by seq`, [ent.id]);
    expect(refusals).toEqual([
      { event: 'wage_refund.accept_change', result: 'failure', actor_id: cast.hr.userId, detail: expect.objectContaining({ reason: 'own_import' }) },
      { event: 'wage_refund.reject_change', result: 'failure', actor_id: cast.hr.userId, detail: expect.objectContaining({ reason: 'own_import' }) },
    ]);
    // Finance (no review permission), through the server action too: refused, nothing written.
    await expect(reviewWageRefundChange(db(), cast.finance, { recordId: ent.id, version: held.version, decision: 'accept' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await actAs(cast.finance);
    expect(await reviewWageRefundChangeAction({ recordId: ent.id, version: held.version, decision: 'accept' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    await actAs(cast.hr);
    expect(await reviewWageRefundChangeAction({ recordId: ent.id, version: held.version, decision: 'accept' })).toMatchObject({ ok: false, code: 'FORBIDDEN', message: OWN_IMPORT_MESSAGE });
    // A stale version (what the reviewer saw has moved on): CONFLICT, nothing written.
    const mid2 = await counts();
    await expect(reviewWageRefundChange(db(), hr2, { recordId: ent.id, version: held.version - 1, decision: 'accept' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await counts()).toEqual(mid2);

    // A second HR reviewer accepts: the new account is on the record, which goes into the batch.
    await actAs(hr2);
    expect(await reviewWageRefundChangeAction({ recordId: ent.id, version: held.version, decision: 'accept' })).toMatchObject({ ok: true, data: { status: 'confirmed' } });
    const accepted = await record(ent.id);
    expect(accepted).toMatchObject({ status: 'confirmed', account_no_masked: '6217********0001', pending_change: null, change_reviewed_by: hr2.userId, version: held.version + 1 });
    expect(decryptPii(accepted.account_no_enc!)).toBe('6217000099990001');
    const [audit] = await ctx.h.query<{ actor_id: string; detail: Record<string, unknown> }>(`select actor_id, detail from audit_log where object_id = $1 and event = 'wage_refund.accept_change' and result = 'success'`, [ent.id]);
    expect(audit).toMatchObject({ actor_id: hr2.userId, detail: { from: 'pending_review', to: 'confirmed', accountNoMasked: { from: '6228***********8901', to: '6217********0001' } } });
    // Accepting twice: the record has moved on.
    await expect(reviewWageRefundChange(db(), hr2, { recordId: ent.id, version: accepted.version, decision: 'accept' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const batch = await createWageRefundBatch(db(), cast.finance, { policyYear: year });
    const lines = await ctx.h.query<{ payee_account_masked: string }>(`select payee_account_masked from subsidy_lines where batch_id = $1 and subject_key = $2`, [batch.batchId, `wage:${ent.uscc}:${year}`]);
    expect(lines).toEqual([{ payee_account_masked: '6217********0001' }]);
  });

  it('a changed size class waits too (amount before and after shown); a rejection needs a reason, keeps the values, and the enterprise may be sent a new code', async () => {
    const year = 2021;
    const ent = await notified(cast.finance, year);
    const imported = await record(ent.id);
    await confirmWageRefund(db(), { uscc: ent.uscc, code: ent.code, decision: 'confirm', sizeClass: 'large' });
    const held = await record(ent.id);
    expect(held).toMatchObject({ status: 'pending_review', size_class: 'sme', amount_fen: imported.amount_fen });
    const [row] = (await listWageRefundReviews(db(), cast.hr, { policyYear: year })).filter((r) => r.id === ent.id);
    expect(row).toMatchObject({ sizeClassChanged: true, accountChanged: false, canDecide: true, before: { sizeClass: 'sme', amountFen: imported.amount_fen }, after: { sizeClass: 'large' } });
    expect(BigInt(row.after.amountFen)).toBeLessThan(BigInt(imported.amount_fen));

    const before = await counts();
    await expect(reviewWageRefundChange(db(), cast.hr, { recordId: ent.id, version: held.version, decision: 'reject' })).rejects.toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { reason: '请填写不通过的理由' } });
    expect(await counts()).toEqual(before);
    await reviewWageRefundChange(db(), cast.hr, { recordId: ent.id, version: held.version, decision: 'reject', reason: '与市场监管登记的企业规模不符' });
    expect(await record(ent.id)).toMatchObject({ status: 'change_rejected', size_class: 'sme', amount_fen: imported.amount_fen, pending_change: null, change_reviewed_by: cast.hr.userId });
    expect(await counts()).toEqual({ ...before, audit_log: before.audit_log + 1 });
    // Not confirmed: the batch leaves it out. A new code lets the enterprise confirm again.
    await expect(createWageRefundBatch(db(), cast.finance, { policyYear: year })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await notifyWageRefunds(db(), cast.finance, { policyYear: year, recordIds: [ent.id] });
    await deliver();
    const fresh = /确认码(\d{6})/.exec(phone.get(ent.mobile)!.at(-1)!)![1];
    expect(await confirmWageRefund(db(), { uscc: ent.uscc, code: fresh, decision: 'confirm', sizeClass: 'sme' })).toMatchObject({ status: 'confirmed' });
  });

  it('a confirmation that changes nothing goes straight through (also when the same account is typed again); a re-import does not touch a record awaiting review', async () => {
    const year = 2022;
    const same = await notified(cast.finance, year);
    expect(await confirmWageRefund(db(), { uscc: same.uscc, code: same.code, decision: 'confirm', sizeClass: 'sme', changeAccount: true, accountName: same.name, accountNo: '6228 4800 1234 5678 901', accountBank: '中国农业银行开州支行' }))
      .toMatchObject({ status: 'confirmed' });
    const changed = await notified(cast.finance, year);
    await confirmWageRefund(db(), { uscc: changed.uscc, code: changed.code, decision: 'confirm', sizeClass: 'sme', changeAccount: true, accountName: changed.name, accountNo: '6228480012345678902', accountBank: '中国农业银行开州支行' });
    const held = await record(changed.id);
    expect(held.status).toBe('pending_review');
    const r = await importSocialInsurance(db(), cast.finance, { fileName: 'again.csv', content: csv([HEADER, [changed.uscc, changed.name, '大型', 40, 1, '99000.00', 24, '否', '否', '否', '否', newMobile(), '', '', '']]), policyYear: year });
    expect(r.skipped).toEqual([{ row: 2, uscc: changed.uscc, status: '待人社复核' }]);
    expect(await record(changed.id)).toEqual(held);
  });

  it('the public confirmation answers an unknown USCC and a locked one the same way, through the actions too', async () => {
    const ent = await notified(cast.finance, 2023);
    const wrong = ent.code === '000000' ? '111111' : '000000';
    await actAs(null);
    for (let i = 0; i < 5; i++) await openWageRefundAction({ uscc: ent.uscc, code: wrong });
    const before = await counts();
    const locked = await openWageRefundAction({ uscc: ent.uscc, code: ent.code });
    const lockedConfirm = await confirmWageRefundAction({ uscc: ent.uscc, code: ent.code, decision: 'confirm', sizeClass: 'sme' });
    const unknown = await openWageRefundAction({ uscc: newUscc(), code: ent.code });
    expect(locked).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(lockedConfirm).toEqual(locked);
    expect(unknown).toEqual(locked);
    // Each try audited; nothing else written; still not confirmed.
    expect(await counts()).toEqual({ ...before, audit_log: before.audit_log + 3 });
    expect((await record(ent.id)).status).toBe('notified');
    // Staff cannot unlock it by reading the code: only a new code (to the enterprise's phone) does.
    await actAs(cast.finance);
    expect(await notifyWageRefundsAction({ policyYear: 2023, recordIds: [ent.id] })).toMatchObject({ ok: true });
    await deliver();
    const fresh = /确认码(\d{6})/.exec(phone.get(ent.mobile)!.at(-1)!)![1];
    await expect(getWageRefundForConfirmation(db(), { uscc: ent.uscc, code: fresh })).resolves.toMatchObject({ uscc: ent.uscc });
  });

  async function actAs(actor: Actor | null) {
    jar.cookies.clear();
    if (!actor) return;
    const sid = crypto.randomBytes(16).toString('hex');
    const t = new Date();
    // Staff sessions are full ones only with a second factor enrolled.
    await enrolTotp(db(), actor.userId);
    await db().insert(sessions).values({ id: sid, userId: actor.userId, createdAt: t, lastSeenAt: new Date(t.getTime() + 0), expiresAt: new Date(t.getTime() + 3600_000) });
    jar.cookies.set('next-auth.session-token', await encode({ token: { sid }, secret: env().NEXTAUTH_SECRET }));
  }
});

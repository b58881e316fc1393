import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { encode } from 'next-auth/jwt';
import { afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { DbHandle } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { sessions, subsidyLines } from '@/db/schema';
import { usccCheckChar } from '@/lib/domain/validators';
import { rat } from '@/lib/domain/rational';
import { computeWageRefund } from '@/lib/domain/rules';
import { env } from '@/lib/env';
import type { Actor } from '@/lib/server/auth/actor';
import { decryptPii } from '@/lib/server/crypto/pii';
import { DEPLOYMENT_DISTRICT, getRuleCatalog } from '@/lib/server/policy/get-rule-catalog';
import { confirmWageRefund } from '@/lib/server/wage-refund/confirm-wage-refund';
import { createWageRefundBatch } from '@/lib/server/wage-refund/create-wage-refund-batch';
import { getWageRefundForConfirmation } from '@/lib/server/wage-refund/get-wage-refund-for-confirmation';
import { importSocialInsurance, SocialInsuranceImportRejectedError } from '@/lib/server/wage-refund/import-social-insurance';
import { listSmsOutbox } from '@/lib/server/wage-refund/list-sms-outbox';
import { listWageRefunds } from '@/lib/server/wage-refund/list-wage-refunds';
import { notifyWageRefunds } from '@/lib/server/wage-refund/notify-wage-refunds';
import { reviewWageRefundChange } from '@/lib/server/wage-refund/review-wage-refund-change';
import { drainSmsOutbox } from '@/lib/server/notifications/drain-sms-outbox';
import { ensureReferenceData, tableCounts, enrolTotp } from '../helpers/factories';
import { registerTestApplicant } from '../helpers/application-fixtures';
import { addLinesKeepingTotals } from '../helpers/batch-lines';
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

const { POST } = await import('@/app/api/wage-refund/import/route');
const { notifyWageRefundsAction, createWageRefundBatchAction } = await import('@/app/finance/wage-refund/actions');
const { openWageRefundAction, confirmWageRefundAction } = await import('@/app/wage-refund/confirm/actions');

const WRITTEN = ['wage_refund_records', 'data_imports', 'audit_log', 'sms_outbox', 'subsidy_batches', 'subsidy_lines'];
const HEADER = ['统一社会信用代码', '单位名称', '企业规模(大型/中小微)', '月均参保人数', '裁员人数', '实缴失业保险费(元)', '连续参保月数', '严重失信(是/否)', '注销吊销(是/否)', '经营异常(是/否)', '欠费(是/否)', '联系人手机', '开户名', '银行账号', '开户行'];

let usccSeq = 0;
/** A valid, unique 统一社会信用代码 (check character computed per GB 32100). */
function newUscc(): string {
  usccSeq++;
  const body = `91500234MA${String(usccSeq + Math.floor(Math.random() * 1e6) * 10).padStart(7, '0').slice(-7)}`;
  return body + usccCheckChar(body);
}

function csv(rows: (string | number)[][]): Uint8Array {
  const q = (v: string | number) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return new TextEncoder().encode('\ufeff' + rows.map((r) => r.map(q).join(',')).join('\r\n') + '\r\n');
}

type Row = { uscc: string; name: string; size: string; avg: number | string; layoffs: number | string; premiums: string; months: number | string; flags?: string[]; mobile?: string; account?: [string, string, string] };
const line = (r: Row): (string | number)[] => [
  r.uscc, r.name, r.size, r.avg, r.layoffs, r.premiums, r.months, ...(r.flags ?? ['否', '否', '否', '否']), r.mobile ?? '', ...(r.account ?? ['', '', '']),
];

let mobileSeq = 0;
const mobile = () => `139${String(Date.now() % 1e5).padStart(5, '0')}${String(++mobileSeq).padStart(3, '0')}`;

describeDb('稳岗返还 免申即享: import, engine, notify, confirm, batch', (ctx) => {
  let cast: Cast;
  let applicant: Actor;
  beforeAll(async () => {
    jar.handle = ctx.h as DbHandle;
    await ensureReferenceData(ctx.h.db);
    cast = await createCast(ctx.h.db);
    applicant = await registerTestApplicant(ctx.h.db);
  });
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-02T02:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());
  const db = () => ctx.h.db;
  const counts = () => tableCounts(db(), WRITTEN);
  const run = (actor: Actor, fileName: string, content: Uint8Array, policyYear: unknown = 2025) => importSocialInsurance(db(), actor, { fileName, content, policyYear });
  const rejectedBy = async (p: Promise<unknown>) => {
    const e = await p.then(() => null, (x) => x);
    expect(e, 'the file must be refused').toBeInstanceOf(SocialInsuranceImportRejectedError);
    return e as SocialInsuranceImportRejectedError;
  };
  type RecordRow = Record<string, unknown> & { id: string; status: string; amount_fen: string; eligible: boolean; size_class: string; account_no_enc: string | null; account_no_masked: string | null; confirm_code_hash: string | null; confirm_attempts: number; result: { reasons: { message: string }[] } };
  /** The stored row, bigints as text (the drivers differ on bigint). */
  const record = async (uscc: string, year = 2025): Promise<RecordRow> => {
    const [r] = await ctx.h.query<RecordRow & { amount_text: string; premiums_text: string }>(
      `select *, amount_fen::text as amount_text, premiums_paid_fen::text as premiums_text from wage_refund_records where uscc = $1 and policy_year = $2`, [uscc, year],
    );
    if (!r) return r;
    const { amount_text, premiums_text, ...rest } = r;
    return { ...rest, amount_fen: amount_text, premiums_paid_fen: premiums_text };
  };
  /** The enterprise's phone: the gateway delivers here (the only way a test, like an enterprise, gets a code). */
  const phone = new Map<string, string[]>();
  const gateway = { async send(m: string, body: string) { phone.set(m, [...(phone.get(m) ?? []), body]); } };
  /** The last SMS this mobile received (the outbox is drained first; the drain then wipes the body). */
  const lastSmsTo = async (mobileNo: string) => {
    await drainSmsOutbox(db(), gateway);
    const got = phone.get(mobileNo) ?? [];
    expect(got.length, `an SMS to ${mobileNo}`).toBeGreaterThan(0);
    return got[got.length - 1];
  };
  const codeSentTo = async (mobileNo: string) => /确认码(\d{6})/.exec(await lastSmsTo(mobileNo))![1];
  /** The engine's own answer for a row, computed here independently of the use-case. */
  const engine = async (r: { size: 'large' | 'sme'; avg: number; layoffs: number; premiumsFen: bigint; months: number; flags?: boolean[] }, year = 2025) =>
    computeWageRefund(
      {
        jurisdiction: DEPLOYMENT_DISTRICT, policyYear: year, enterpriseSize: r.size, avgInsured: rat(BigInt(r.avg)), layoffs: r.layoffs, premiumsPaid: r.premiumsFen, monthsInsured: r.months,
        seriousDishonesty: r.flags?.[0] ?? false, deregistered: r.flags?.[1] ?? false, abnormalOperation: r.flags?.[2] ?? false, arrears: r.flags?.[3] ?? false,
      },
      await getRuleCatalog(db()),
    );

  /** Imports one fresh eligible SME (with mobile and account) and notifies it; returns its USCC, mobile and code. */
  async function notifiedEnterprise(opts: { year?: number; account?: boolean } = {}) {
    const year = opts.year ?? 2025;
    const uscc = newUscc();
    const m = mobile();
    await run(cast.finance, `one-${uscc}.csv`, csv([HEADER, line({ uscc, name: `开州区测试企业${uscc.slice(-4)}`, size: '中小微', avg: 40, layoffs: 1, premiums: '88000.00', months: 24, mobile: m, account: opts.account === false ? undefined : [`开州区测试企业${uscc.slice(-4)}`, '6228480012345678901', '中国农业银行开州支行'] })]), year);
    const rec = await record(uscc, year);
    await notifyWageRefunds(db(), cast.finance, { policyYear: year, recordIds: [rec.id] });
    return { uscc, mobile: m, code: await codeSentTo(m), id: rec.id };
  }

  it('a good file: every enterprise computed by the engine (amounts equal its answer), accounts encrypted and masked, reasons in Chinese', async () => {
    const [a, b, c, d, e, f] = [newUscc(), newUscc(), newUscc(), newUscc(), newUscc(), newUscc()];
    const rows: Row[] = [
      { uscc: a, name: '开州区甲公司', size: '中小微', avg: 100, layoffs: 2, premiums: '123456.78', months: 12, mobile: mobile(), account: ['开州区甲公司', '6228 4800 1234 5678 901', '中国农业银行开州支行'] },
      { uscc: b, name: '开州区乙集团', size: '大型', avg: 500, layoffs: 0, premiums: '1,000,000.05', months: 36, mobile: mobile(), account: ['开州区乙集团', '31050161393600000123', '中国建设银行开州支行'] },
      { uscc: c, name: '开州区丙小店', size: '中小微', avg: 30, layoffs: 6, premiums: '5000', months: 13, mobile: mobile() }, // 20% exactly, ≤30 insured: eligible
      { uscc: d, name: '开州区丁商贸', size: '中小微', avg: 31, layoffs: 2, premiums: '9000', months: 20, mobile: mobile() }, // 6.45% > 5.5%
      { uscc: e, name: '开州区戊制造', size: '中小微', avg: 50, layoffs: 0, premiums: '20000', months: 11, flags: ['否', '否', '否', '是'], mobile: mobile() },
      { uscc: f.toLowerCase(), name: '开州区己农业', size: '中小微企业', avg: 12, layoffs: 0, premiums: '3600.5', months: 12 }, // lower case USCC, no mobile, no account
    ];
    const before = await counts();
    const r = await run(cast.finance, '2024年参保数据.csv', csv([HEADER, ...rows.map(line)]));
    expect(r).toMatchObject({ policyYear: 2025, rowCount: 6, created: 6, updated: 0, skipped: [], eligibleCount: 4 });

    // Hand-checked against Chongqing 2025 (渝人社规〔2025〕10号: large 10%, SME 20%), half-up to the fen.
    expect((await record(a)).amount_fen).toBe('2469136'); // 123456.78 × 20% = 24691.356
    expect((await record(b)).amount_fen).toBe('10000001'); // 1000000.05 × 10% = 100000.005
    // And every record equals the engine's own answer.
    const expected = [
      [a, { size: 'sme', avg: 100, layoffs: 2, premiumsFen: 12345678n, months: 12 }],
      [b, { size: 'large', avg: 500, layoffs: 0, premiumsFen: 100000005n, months: 36 }],
      [c, { size: 'sme', avg: 30, layoffs: 6, premiumsFen: 500000n, months: 13 }],
      [d, { size: 'sme', avg: 31, layoffs: 2, premiumsFen: 900000n, months: 20 }],
      [e, { size: 'sme', avg: 50, layoffs: 0, premiumsFen: 2000000n, months: 11, flags: [false, false, false, true] }],
      [f, { size: 'sme', avg: 12, layoffs: 0, premiumsFen: 360050n, months: 12 }],
    ] as const;
    for (const [uscc, facts] of expected) {
      const want = await engine({ ...facts, flags: 'flags' in facts ? [...facts.flags] : undefined });
      const got = await record(uscc);
      expect({ uscc, eligible: got.eligible, amount: got.amount_fen, reasons: got.result.reasons.map((x) => x.message) }).toEqual({
        uscc, eligible: want.eligible, amount: want.amount.toString(), reasons: want.reasons.map((x) => x.message),
      });
    }
    expect((await record(c)).eligible).toBe(true);
    expect((await record(d)).result.reasons.map((x) => x.message)).toEqual(['裁员率 6.4516% 高于 5.50%']);
    expect((await record(e)).result.reasons.map((x) => x.message)).toEqual(['足额缴纳失业保险不满 12 个月', '企业存在欠缴社会保险费']);

    const ra = await record(a);
    expect(ra.account_no_masked).toBe('6228***********8901');
    expect(ra.account_no_enc).not.toContain('6228');
    expect(decryptPii(ra.account_no_enc!)).toBe('6228480012345678901');
    expect(ra.status).toBe('computed');
    const rf = await record(f);
    expect([rf.account_no_enc, rf.contact_mobile]).toEqual([null, null]);

    const after = await counts();
    expect(after).toEqual({ ...before, wage_refund_records: before.wage_refund_records + 6, data_imports: before.data_imports + 1, audit_log: before.audit_log + 1 });

    // The list: filter, search, reasons, masked data.
    const notEligible = (await listWageRefunds(db(), cast.hr, { policyYear: 2025, eligible: 'no', q: '开州区' })).rows.map((x) => x.uscc);
    expect(notEligible).toEqual(expect.arrayContaining([d, e]));
    for (const ok of [a, b, c, f]) expect(notEligible).not.toContain(ok);
    const found = await listWageRefunds(db(), cast.finance, { policyYear: '2025', q: '乙集团' });
    expect(found.rows).toHaveLength(1);
    expect(found.rows[0]).toMatchObject({ uscc: b, amountFen: '10000001', ratioPercent: '10.00', accountNoMasked: '3105************0123', sizeClass: 'large' });
    expect(found.rows[0].contactMobileMasked).toMatch(/^139\*{4}\d{4}$/);
    const byUscc = await listWageRefunds(db(), cast.finance, { policyYear: 2025, q: d.slice(0, 16) });
    expect(byUscc.rows.map((x) => x.reasons)).toEqual([['裁员率 6.4516% 高于 5.50%']]);
  });

  it('a bad file is refused whole with every row and column listed; only the rejected import is recorded', async () => {
    const good = newUscc();
    const dup = newUscc();
    const bad = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    const file = csv([
      HEADER,
      line({ uscc: good, name: '开州区好企业', size: '中小微', avg: 10, layoffs: 0, premiums: '1000', months: 12, mobile: mobile() }), // 2: fine
      line({ uscc: bad, name: '开州区坏代码', size: '中小微', avg: 10, layoffs: 0, premiums: '1000', months: 12 }), // 3: check digit
      line({ uscc: dup, name: '开州区甲', size: '小微', avg: 'abc', layoffs: -1, premiums: '12.345', months: 12, mobile: '1380000' }), // 4: size, avg, layoffs, premiums, mobile
      line({ uscc: dup, name: '开州区甲分公司', size: '大型', avg: 0, layoffs: 0, premiums: '1000', months: 12, flags: ['否', '不知道', '否', ''] }), // 5: duplicate, avg 0, flags
      line({ uscc: newUscc(), name: '', size: '大型', avg: 10, layoffs: 0, premiums: '1000', months: 12, account: ['开州区某', '6228abc', ''] }), // 6: name, account no, bank
    ]);
    const before = await counts();
    const e = await rejectedBy(run(cast.finance, 'bad.csv', file));
    expect(e.errors.map(({ row, column }) => `${row}:${column}`)).toEqual([
      '3:统一社会信用代码',
      '4:企业规模', '4:月均参保人数', '4:裁员人数', '4:实缴失业保险费', '4:联系人手机',
      '5:统一社会信用代码', '5:月均参保人数', '5:注销吊销', '5:欠费',
      '6:单位名称', '6:银行账号', '6:开户行',
    ]);
    const msg = (k: string) => e.errors.find((x) => `${x.row}:${x.column}` === k)!.message;
    expect(msg('3:统一社会信用代码')).toMatch(/^统一社会信用代码校验位不正确/);
    expect(msg('5:统一社会信用代码')).toBe('统一社会信用代码与第 4 行重复');
    expect(msg('4:实缴失业保险费')).toMatch(/最多两位小数/);
    expect(msg('4:联系人手机')).toMatch(/^手机号码应为11位数字/);
    expect(msg('5:注销吊销')).toBe('注销吊销只能填“是”或“否”：“不知道”');
    expect(msg('6:银行账号')).toBe('银行账号应为 8 至 30 位数字：“6228abc”');
    expect(e.userMessage).toBe('文件有 13 处错误，已整体退回，未导入任何企业数据；请改正后重新上传');

    const after = await counts();
    expect(after).toEqual({ ...before, data_imports: before.data_imports + 1 });
    expect(await record(good)).toBeUndefined();
    const [imp] = await ctx.h.query<{ status: string; kind: string; row_count: number; errors: unknown[] }>(`select status, kind, row_count, errors from data_imports where id = $1`, [e.importId]);
    expect(imp).toMatchObject({ status: 'rejected', kind: 'social_insurance', row_count: 5 });
    expect(imp.errors).toEqual(e.errors);

    // Missing columns, an empty file, a foreign file, a year without ratios.
    const missing = await rejectedBy(run(cast.finance, 'm.csv', csv([HEADER.filter((h) => !h.startsWith('欠费') && h !== '开户行'), ['x']])));
    expect(missing.errors.map((x) => x.column)).toEqual(['欠费', '开户行']);
    expect((await rejectedBy(run(cast.finance, 'h.csv', csv([HEADER])))).errors[0].message).toBe('文件中没有企业数据');
    expect((await rejectedBy(run(cast.finance, 'p.pdf', new TextEncoder().encode('%PDF-1.4')))).errors[0].message).toMatch(/仅支持 \.xlsx 或 \.csv/);
    await expect(run(cast.finance, 'y.csv', file, 2019)).rejects.toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { policyYear: '政策年度不能早于 2020 年' } });
    await expect(run(cast.finance, 'y.csv', file, 2030)).rejects.toMatchObject({ code: 'INVALID_INPUT', userMessage: '2030 年度没有稳岗返还比例' });
    expect(await counts()).toEqual({ ...after, data_imports: after.data_imports + 3 });
  });

  it('an .xlsx works; the same file twice is refused; a re-import updates unconfirmed records and keeps confirmed ones', async () => {
    const [a, b] = [newUscc(), newUscc()];
    const ma = mobile();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('参保数据');
    ws.addRow([...HEADER, '备注']);
    ws.addRow([a, { richText: [{ text: '开州区庚公司' }] }, '中小微', 20, 0, 45000.5, 12, '否', '否', '否', '否', Number(ma), '开州区庚公司', '6217000012345678', '建设银行开州支行', '']);
    ws.addRow([b, '开州区辛公司', '大型', 400, 3, '300000', 60, '否', '否', '否', '否', mobile(), '', '', '', '']);
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = await run(cast.hr, 'si.xlsx', bytes);
    expect(r).toMatchObject({ rowCount: 2, created: 2, eligibleCount: 2 });
    expect((await record(a)).amount_fen).toBe('900010'); // 45000.50 × 20%
    expect((await record(a)).contact_mobile).toBe(ma);

    const again = await run(cast.finance, 'copy.xlsx', bytes).catch((x) => x);
    expect(again).toMatchObject({ code: 'ALREADY_EXISTS' });

    // a confirms; then a corrected file arrives for both.
    await notifyWageRefunds(db(), cast.finance, { policyYear: 2025, recordIds: [(await record(a)).id] });
    await confirmWageRefund(db(), { uscc: a, code: await codeSentTo(ma), decision: 'confirm', sizeClass: 'sme' });
    const fixed = csv([
      HEADER,
      line({ uscc: a, name: '开州区庚公司', size: '中小微', avg: 20, layoffs: 0, premiums: '99999', months: 12 }),
      line({ uscc: b, name: '开州区辛公司（更正）', size: '大型', avg: 400, layoffs: 3, premiums: '310000', months: 60 }),
    ]);
    const r2 = await run(cast.finance, 'fixed.csv', fixed);
    expect(r2).toMatchObject({ created: 0, updated: 1, skipped: [{ row: 2, uscc: a, status: '企业已确认' }] });
    expect((await record(a))).toMatchObject({ status: 'confirmed', amount_fen: '900010' });
    expect((await record(b))).toMatchObject({ enterprise_name: '开州区辛公司（更正）', amount_fen: '3100000', status: 'computed' });
  });

  it('notify sends a one-time code per eligible enterprise by SMS (hash stored, no personal data in the text); nobody in the system can read it back', async () => {
    const year = 2024;
    const [a, b, c] = [newUscc(), newUscc(), newUscc()];
    const [ma, mc] = [mobile(), mobile()];
    await run(cast.finance, 'y2024.csv', csv([
      HEADER,
      line({ uscc: a, name: '开州区壬公司', size: '中小微', avg: 10, layoffs: 0, premiums: '10000', months: 12, mobile: ma }),
      line({ uscc: b, name: '开州区癸公司', size: '中小微', avg: 10, layoffs: 0, premiums: '10000', months: 12 }), // no mobile
      line({ uscc: c, name: '开州区子公司', size: '中小微', avg: 10, layoffs: 5, premiums: '10000', months: 12, mobile: mc }), // not eligible
    ]), year);
    const before = await counts();
    const r = await notifyWageRefunds(db(), cast.hr, { policyYear: year });
    expect(r).toEqual({ notified: 1, withoutMobile: 1 });
    const ra = await record(a, year);
    expect(ra.status).toBe('notified');
    // Before the gateway has it, staff already see only the summary.
    const queued = await listSmsOutbox(db(), cast.finance, { q: '验证码' });
    expect(queued.rows[0]).toMatchObject({ mobileMasked: `${ma.slice(0, 3)}****${ma.slice(-4)}`, summary: '验证码短信已发送', status: 'pending' });
    const body = await lastSmsTo(ma);
    const code = /确认码(\d{6})/.exec(body)![1];
    expect(body).toContain('/wage-refund/confirm');
    expect(body).toContain('15日内有效');
    for (const secret of ['壬', a, '6000', '600000']) expect(body).not.toContain(secret);
    expect(ra.confirm_code_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(ra.confirm_code_hash).not.toContain(code);
    // The expiry is the WAGE_REFUND_CODE_TTL_DAYS parameter: 15 days by default.
    expect(new Date(ra.confirm_code_expires_at as string).toISOString()).toBe('2026-03-17T02:00:00.000Z');
    // Sent: the body is wiped; what is left is the summary.
    const [sms] = await ctx.h.query<{ body: string | null; summary: string; user_id: string | null; status: string }>(`select body, summary, user_id, status from sms_outbox where mobile = $1`, [ma]);
    expect(sms).toEqual({ body: null, summary: '验证码短信已发送', user_id: null, status: 'sent' });
    expect((await record(c, year)).status).toBe('computed');
    expect(await ctx.h.query(`select 1 from sms_outbox where mobile = $1`, [mc])).toHaveLength(0);
    expect(await counts()).toEqual({ ...before, sms_outbox: before.sms_outbox + 1, audit_log: before.audit_log + 2 }); // notify + the outbox view

    // Again: nothing left to notify. The operator's outbox view masks the mobile and never shows the code.
    expect(await notifyWageRefunds(db(), cast.hr, { policyYear: year })).toEqual({ notified: 0, withoutMobile: 1 });
    expect((await listSmsOutbox(db(), cast.finance, { q: code })).rows).toHaveLength(0);
    const outbox = await listSmsOutbox(db(), cast.hr, { q: '验证码短信已发送' });
    const mine = outbox.rows.filter((x) => x.mobileMasked === `${ma.slice(0, 3)}****${ma.slice(-4)}`);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ summary: '验证码短信已发送', status: 'sent' });
    expect(JSON.stringify(outbox)).not.toContain(code);
    await expect(listSmsOutbox(db(), applicant)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a wrong code 5 times locks the confirmation (even the right code is then refused) until a new code is sent; an unknown USCC gets the same answer', async () => {
    const ent = await notifiedEnterprise();
    const wrong = ent.code === '000000' ? '111111' : '000000';
    const before = await counts();
    for (let i = 1; i <= 4; i++) {
      await expect(getWageRefundForConfirmation(db(), { uscc: ent.uscc, code: wrong })).rejects.toMatchObject({ code: 'INVALID_INPUT', userMessage: expect.stringContaining('不正确') });
      expect((await record(ent.uscc)).confirm_attempts).toBe(i);
    }
    // Locked: the fifth wrong code, then even the right one, get exactly the answer an unknown USCC gets.
    const answers = [
      await getWageRefundForConfirmation(db(), { uscc: ent.uscc, code: wrong }).catch((x) => x),
      await getWageRefundForConfirmation(db(), { uscc: ent.uscc, code: ent.code }).catch((x) => x),
      await confirmWageRefund(db(), { uscc: ent.uscc, code: ent.code, decision: 'confirm', sizeClass: 'sme' }).catch((x) => x),
      await getWageRefundForConfirmation(db(), { uscc: newUscc(), code: ent.code }).catch((x) => x),
    ];
    const shape = (e: { code: string; userMessage: string; fieldErrors?: unknown; httpStatus?: number }) => ({ code: e.code, userMessage: e.userMessage, fieldErrors: e.fieldErrors, httpStatus: e.httpStatus });
    expect(answers[0]).toMatchObject({ code: 'INVALID_INPUT', userMessage: expect.stringContaining('不正确') });
    for (const a of answers) expect(shape(a)).toEqual(shape(answers[0]));
    expect((await record(ent.uscc))).toMatchObject({ status: 'notified', confirm_attempts: 5 });
    // Every failed try audited (the fifth as the lock, the tries on a locked record marked locked); the code is never in the audit log.
    const audits = await ctx.h.query<{ event: string; result: string; detail: { locked?: boolean } }>(`select event, result, detail from audit_log where object_id = $1 order by seq`, [ent.id]);
    expect(audits.map((x) => x.event)).toEqual([...Array(4).fill('wage_refund.confirm_code_wrong'), 'wage_refund.confirm_locked', 'wage_refund.confirm_code_wrong', 'wage_refund.confirm_code_wrong']);
    expect(audits.slice(5).map((x) => x.detail.locked)).toEqual([true, true]);
    expect(JSON.stringify(audits)).not.toContain(ent.code);
    expect(await counts()).toEqual({ ...before, audit_log: before.audit_log + 8 });

    // Unknown USCC: the same message as a wrong code.
    const unknown = await getWageRefundForConfirmation(db(), { uscc: newUscc(), code: '123456' }).catch((x) => x);
    const wrongOther = await getWageRefundForConfirmation(db(), { uscc: (await notifiedEnterprise()).uscc, code: wrong === '000000' ? '999999' : '000000' }).catch((x) => x);
    expect(unknown.userMessage).toBe(wrongOther.userMessage);

    // A new code unlocks it; the old one no longer works.
    await notifyWageRefunds(db(), cast.finance, { policyYear: 2025, recordIds: [ent.id] });
    const fresh = await codeSentTo(ent.mobile);
    if (fresh !== ent.code) await expect(getWageRefundForConfirmation(db(), { uscc: ent.uscc, code: ent.code })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const view = await getWageRefundForConfirmation(db(), { uscc: ent.uscc, code: fresh });
    expect(view).toMatchObject({ uscc: ent.uscc, amountFen: '1760000', sizeClass: 'sme', accountNoMasked: '6228***********8901' });
  });

  it('a code expires after 15 days (the default of WAGE_REFUND_CODE_TTL_DAYS)', async () => {
    const ent = await notifiedEnterprise();
    vi.setSystemTime(new Date('2026-03-17T01:59:59Z'));
    await expect(getWageRefundForConfirmation(db(), { uscc: ent.uscc, code: ent.code })).resolves.toMatchObject({ uscc: ent.uscc });
    vi.setSystemTime(new Date('2026-03-17T02:00:00Z'));
    await expect(getWageRefundForConfirmation(db(), { uscc: ent.uscc, code: ent.code })).rejects.toMatchObject({ userMessage: expect.stringContaining('已过期') });
  });

  it('correcting the size class makes the engine recompute; correcting the account checks 8–30 digits; the code is then used up', async () => {
    const ent = await notifiedEnterprise();
    const view = await getWageRefundForConfirmation(db(), { uscc: ent.uscc, code: ent.code });
    const sme = await engine({ size: 'sme', avg: 40, layoffs: 1, premiumsFen: 8800000n, months: 24 });
    const large = await engine({ size: 'large', avg: 40, layoffs: 1, premiumsFen: 8800000n, months: 24 });
    expect(view.bySize).toEqual({ sme: { ratioPercent: '20.00', amountFen: sme.amount.toString() }, large: { ratioPercent: '10.00', amountFen: large.amount.toString() } });
    expect(large.amount).toBe(880000n);

    const before = await counts();
    for (const accountNo of ['1234567', '1'.repeat(31), '6228-abc-1234']) {
      await expect(confirmWageRefund(db(), { uscc: ent.uscc, code: ent.code, decision: 'confirm', sizeClass: 'large', changeAccount: true, accountName: '开州区新户名', accountNo, accountBank: '重庆农商行开州支行' }))
        .rejects.toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { accountNo: '银行账号应为 8 至 30 位数字' } });
    }
    expect(await counts()).toEqual(before);

    const done = await confirmWageRefund(db(), { uscc: ent.uscc, code: ent.code, decision: 'confirm', sizeClass: 'large', changeAccount: true, accountName: '开州区新户名', accountNo: '8100 0000 1234', accountBank: '重庆农商行开州支行' });
    // The enterprise sees what it asked for, marked 待人社复核; the record keeps its values until a second person accepts.
    expect(done).toMatchObject({ status: 'pending_review', sizeClass: 'large', amountFen: large.amount.toString(), ratioPercent: '10.00', accountNoMasked: '8100****1234', accountName: '开州区新户名' });
    expect(await record(ent.uscc)).toMatchObject({ status: 'pending_review', size_class: 'sme', amount_fen: sme.amount.toString(), account_no_masked: '6228***********8901', confirm_code_hash: null });
    await reviewWageRefundChange(db(), cast.hr, { recordId: ent.id, version: (await record(ent.uscc)).version, decision: 'accept' });
    const rec = await record(ent.uscc);
    expect(rec).toMatchObject({ status: 'confirmed', size_class: 'large', amount_fen: '880000', confirm_code_hash: null, pending_change: null, change_reviewed_by: cast.hr.userId });
    expect(decryptPii(rec.account_no_enc!)).toBe('810000001234');
    const [audit] = await ctx.h.query<{ detail: Record<string, unknown>; actor_id: string | null }>(`select detail, actor_id from audit_log where event = 'wage_refund.confirm_with_change' and object_id = $1`, [ent.id]);
    expect(audit.detail).toMatchObject({ sizeClass: { from: 'sme', to: 'large' }, amountFen: { from: sme.amount.toString(), to: '880000' }, accountChanged: true });
    expect(JSON.stringify(audit.detail)).not.toContain('810000001234');

    // Used up: the same code no longer opens anything.
    await expect(getWageRefundForConfirmation(db(), { uscc: ent.uscc, code: ent.code })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('an enterprise without an account on file must give one; an enterprise may decline', async () => {
    const noAccount = await notifiedEnterprise({ account: false });
    const before = await counts();
    await expect(confirmWageRefund(db(), { uscc: noAccount.uscc, code: noAccount.code, decision: 'confirm', sizeClass: 'sme' })).rejects.toMatchObject({ fieldErrors: { accountNo: '请填写收款账户' } });
    expect(await counts()).toEqual(before);
    const declining = await notifiedEnterprise();
    await confirmWageRefund(db(), { uscc: declining.uscc, code: declining.code, decision: 'decline', sizeClass: 'sme' });
    expect((await record(declining.uscc)).status).toBe('declined');
  });

  it("the year's batch: confirmed eligible records → one prepared batch with lines in one transaction; idempotent; the database refuses a second active line", async () => {
    const year = 2023; // its own year: nothing else in this file batches it
    const ents = [];
    for (let i = 0; i < 3; i++) ents.push(await notifiedEnterprise({ year }));
    await confirmWageRefund(db(), { uscc: ents[0].uscc, code: ents[0].code, decision: 'confirm', sizeClass: 'sme' });
    await confirmWageRefund(db(), { uscc: ents[1].uscc, code: ents[1].code, decision: 'confirm', sizeClass: 'large' });
    // A changed size class waits for a second person (imported by finance: HR accepts).
    await reviewWageRefundChange(db(), cast.hr, { recordId: ents[1].id, version: (await record(ents[1].uscc, year)).version, decision: 'accept' });
    // ents[2] never confirms: it stays out.

    for (const who of [applicant, cast.bank, cast.admin, cast.auditor, cast.guarantee]) {
      const before = await counts();
      await expect(createWageRefundBatch(db(), who, { policyYear: year })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await counts()).toEqual(before);
    }

    const before = await counts();
    const r = await createWageRefundBatch(db(), cast.finance, { policyYear: year });
    const e0 = await engine({ size: 'sme', avg: 40, layoffs: 1, premiumsFen: 8800000n, months: 24 }, year);
    const e1 = await engine({ size: 'large', avg: 40, layoffs: 1, premiumsFen: 8800000n, months: 24 }, year);
    expect(r).toMatchObject({ created: true, number: `WR${year}-R0`, lineCount: 2, totalFen: (e0.amount + e1.amount).toString() });
    const [batch] = await ctx.h.query<Record<string, unknown>>(`select kind, period, round, status, bank_org_id, prepared_by, line_count, total_fen::text from subsidy_batches where id = $1`, [r.batchId]);
    expect(batch).toEqual({ kind: 'wage_refund', period: String(year), round: 0, status: 'prepared', bank_org_id: null, prepared_by: cast.finance.userId, line_count: 2, total_fen: r.totalFen });
    const lines = await ctx.h.query<{ seq: number; subject_key: string; payee_name: string; payee_account_enc: string; payee_account_masked: string; amount_fen: string; status: string; detail: { columns: [string, string][]; trace: Record<string, unknown> } }>(
      `select seq, subject_key, payee_name, payee_account_enc, payee_account_masked, amount_fen::text, status, detail from subsidy_lines where batch_id = $1 order by seq`, [r.batchId],
    );
    const bySubject = new Map(lines.map((l) => [l.subject_key, l]));
    const l0 = bySubject.get(`wage:${ents[0].uscc}:${year}`)!;
    const l1 = bySubject.get(`wage:${ents[1].uscc}:${year}`)!;
    expect([l0.amount_fen, l1.amount_fen]).toEqual([e0.amount.toString(), e1.amount.toString()]);
    expect(l0.payee_account_masked).toBe('6228***********8901');
    expect(decryptPii(l0.payee_account_enc)).toBe('6228480012345678901');
    expect(l1.detail.columns.map(([k]) => k)).toEqual([
      '序号', '批次号', '政策年度', '单位名称', '统一社会信用代码', '企业规模', '月均参保人数', '裁员人数', '裁员率', '裁员率上限', '连续参保月数',
      '实缴失业保险费(元)', '返还比例', '返还金额(元)', '开户名', '账号(脱敏)', '开户行', '企业确认时间', '规则版本',
    ]);
    const col = Object.fromEntries(l1.detail.columns);
    expect(col).toMatchObject({ 序号: String(l1.seq), 批次号: `WR${year}-R0`, 统一社会信用代码: ents[1].uscc, 企业规模: '大型企业', 裁员率: '2.50%', 裁员率上限: '5.5%', '实缴失业保险费(元)': '88000.00', 返还比例: '30%', '返还金额(元)': '26400.00', '账号(脱敏)': '6228***********8901' });
    expect(l1.detail.trace).toMatchObject({ ratioPercent: '30' });
    expect(lines.every((l) => l.status === 'pending')).toBe(true);
    expect((await record(ents[0].uscc, year)).status).toBe('batched');
    expect((await record(ents[2].uscc, year)).status).toBe('notified');
    const after = await counts();
    expect(after).toEqual({ ...before, subsidy_batches: before.subsidy_batches + 1, subsidy_lines: before.subsidy_lines + 2, audit_log: before.audit_log + 1 });

    // Again (by HR too): nothing new.
    const again = await createWageRefundBatch(db(), cast.hr, { policyYear: year });
    expect(again).toMatchObject({ created: false, batchId: r.batchId, lineCount: 2 });
    expect(await counts()).toEqual(after);

    // The database itself refuses a second pending line for the same subject, even in another batch.
    const [other] = await ctx.h.query<{ id: string }>(
      `insert into subsidy_batches (number, kind, period, round, status, created_at, updated_at) values ($1, 'wage_refund', $2, 1, 'prepared', now(), now()) returning id`, [`WR${year}-TEST`, String(year)],
    );
    const dupLine = { batchId: other.id, seq: 1, subjectKey: `wage:${ents[0].uscc}:${year}`, payeeName: 'x', amountFen: 1n, detail: {}, status: 'pending' as const };
    const err = await db().insert(subsidyLines).values(dupLine).then(() => null, (x) => x);
    expect(isUniqueViolation(err)).toBe(true);
    // A failed line does not block (that is how a re-issue works); a paid one does.
    await addLinesKeepingTotals(db(), other.id, [{ ...dupLine, status: 'failed' }]);
    const paid = await db().insert(subsidyLines).values({ ...dupLine, seq: 2, status: 'paid' }).then(() => null, (x) => x);
    expect(isUniqueViolation(paid)).toBe(true);
  });

  it('two operators creating the same year batch at once: one batch, the other is told it exists', async () => {
    const year = 2021;
    const ent = await notifiedEnterprise({ year });
    await confirmWageRefund(db(), { uscc: ent.uscc, code: ent.code, decision: 'confirm', sizeClass: 'sme' });
    const before = await counts();
    const results = await Promise.all([createWageRefundBatch(db(), cast.finance, { policyYear: year }), createWageRefundBatch(db(), cast.hr, { policyYear: year })]);
    expect(results.map((r) => r.created).sort()).toEqual([false, true]);
    expect(results[0].batchId).toBe(results[1].batchId);
    expect(await counts()).toEqual({ ...before, subsidy_batches: before.subsidy_batches + 1, subsidy_lines: before.subsidy_lines + 1, audit_log: before.audit_log + 1 });
  });

  it('a year with nothing confirmed has no batch; other roles cannot import, list or notify, and write nothing', async () => {
    await expect(createWageRefundBatch(db(), cast.finance, { policyYear: 2022 })).rejects.toMatchObject({ code: 'INVALID_INPUT', userMessage: '2022 年度还没有已确认的企业，不能生成拨付批次' });
    const file = csv([HEADER, line({ uscc: newUscc(), name: '开州区丑公司', size: '中小微', avg: 10, layoffs: 0, premiums: '1000', months: 12 })]);
    const before = await counts();
    for (const who of [applicant, cast.bank, cast.guarantee, cast.admin, cast.auditor]) {
      await expect(run(who, 'x.csv', file)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(listWageRefunds(db(), who, { policyYear: 2025 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(notifyWageRefunds(db(), who, { policyYear: 2025 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await counts()).toEqual(before);
  });

  it('POST /api/wage-refund/import checks origin, session and permission; answers {data} or 400 with every row error', async () => {
    const post = (body: FormData, headers: Record<string, string> = { 'sec-fetch-site': 'same-origin' }) =>
      POST(new Request('http://localhost:3000/api/wage-refund/import', { method: 'POST', body, headers }));
    const form = (bytes: Uint8Array, name: string, year = '2025') => {
      const f = new FormData();
      f.append('policyYear', year);
      f.append('file', new Blob([bytes as BlobPart], { type: 'text/csv' }), name);
      return f;
    };
    const uscc = newUscc();
    const good = csv([HEADER, line({ uscc, name: '开州区寅公司', size: '中小微', avg: 10, layoffs: 0, premiums: '1000', months: 12 })]);
    const bad = csv([HEADER, line({ uscc: 'NOT-A-USCC', name: '开州区卯公司', size: '中小微', avg: 10, layoffs: 0, premiums: '1000', months: 12 })]);

    await actAs(null);
    expect((await post(form(good, 'g.csv'))).status).toBe(401);
    await actAs(applicant);
    expect((await post(form(good, 'g.csv'))).status).toBe(403);
    await actAs(cast.finance);
    expect((await post(form(good, 'g.csv'), { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const refused = await post(form(bad, 'b.csv'));
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { error: { errors: { row: number; column: string }[] } };
    expect(body.error.errors).toMatchObject([{ row: 2, column: '统一社会信用代码' }]);
    const ok = await post(form(good, 'g.csv'));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { data: { created: number } }).data.created).toBe(1);
    expect((await record(uscc)).status).toBe('computed');
  });

  it('the server actions re-check the session and permission (refusals write nothing); the public ones need only the code', async () => {
    const ent = await notifiedEnterprise({ year: 2022 });
    const before = await counts();
    await actAs(null);
    expect(await notifyWageRefundsAction({ policyYear: 2022 })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await createWageRefundBatchAction({ policyYear: 2022 })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    for (const who of [applicant, cast.bank, cast.admin, cast.auditor]) {
      await actAs(who);
      expect(await notifyWageRefundsAction({ policyYear: 2022 })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await createWageRefundBatchAction({ policyYear: 2022 })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    expect(await counts()).toEqual(before);

    // No session at all: the enterprise opens and confirms with its USCC and code.
    await actAs(null);
    expect(await openWageRefundAction({ uscc: ent.uscc, code: ent.code })).toMatchObject({ ok: true, data: { uscc: ent.uscc, status: 'notified' } });
    expect(await confirmWageRefundAction({ uscc: ent.uscc, code: ent.code, decision: 'confirm', sizeClass: 'sme' })).toMatchObject({ ok: true, data: { status: 'confirmed' } });
    expect(await openWageRefundAction({ uscc: ent.uscc, code: ent.code })).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    await actAs(cast.finance);
    expect(await createWageRefundBatchAction({ policyYear: 2022 })).toMatchObject({ ok: true, data: { created: true, lineCount: 1 } });
  });

  async function actAs(actor: Actor | null) {
    jar.cookies.clear();
    if (!actor) return;
    const sid = crypto.randomBytes(16).toString('hex');
    const t = new Date();
    await enrolTotp(db(), actor.userId);
    await db().insert(sessions).values({ id: sid, userId: actor.userId, createdAt: t, lastSeenAt: t, expiresAt: new Date(t.getTime() + 3600_000) });
    jar.cookies.set('next-auth.session-token', await encode({ token: { sid }, secret: env().NEXTAUTH_SECRET }));
  }
});

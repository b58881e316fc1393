import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { encode } from 'next-auth/jwt';
import type { DbHandle } from '@/db/client';
import { sessions } from '@/db/schema';
import { env } from '@/lib/env';
import type { Actor } from '@/lib/server/auth/actor';
import { importRepayments, RepaymentImportRejectedError } from '@/lib/server/servicing/import-repayments';
import { listRepaymentImports } from '@/lib/server/servicing/list-repayment-imports';
import { recordRepayment } from '@/lib/server/servicing/record-repayment';
import { markLoanOverdue } from '@/lib/server/servicing/mark-loan-overdue';
import { describeDb } from '../helpers/test-db';
import { ensureReferenceData, tableCounts, enrolTotp } from '../helpers/factories';
import { stateOf } from '../helpers/application-fixtures';
import { applicationAt, createCast, type Cast } from '../helpers/workflow-fixtures';

const jar = vi.hoisted(() => ({ cookies: new Map<string, string>(), handle: undefined as undefined | { db: unknown } }));
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.cookies.has(name) ? { name, value: jar.cookies.get(name) } : undefined),
    getAll: () => [...jar.cookies].map(([name, value]) => ({ name, value })),
  }),
  headers: async () => new Headers(),
}));
vi.mock('@/lib/server/db', () => ({ getDb: async () => jar.handle!.db, getDbHandle: async () => jar.handle! }));

const { POST } = await import('@/app/api/servicing/repayments/import/route');

const WRITTEN = ['repayments', 'loan_events', 'applications', 'application_events', 'audit_log', 'notifications', 'sms_outbox', 'data_imports'];
const HEADER = ['借据号', '还款日期', '还款本金', '还款利息', '银行流水号'];
const BOM = '\ufeff';

/** RFC 4180 CSV, CRLF line ends, every field quoted when it needs to be. */
function csv(rows: (string | number)[][], bom = true): Uint8Array {
  const q = (v: string | number) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return new TextEncoder().encode((bom ? BOM : '') + rows.map((r) => r.map(q).join(',')).join('\r\n') + '\r\n');
}

let refSeq = 0;
const ref = (p = 'LS') => `${p}${Date.now().toString(36)}${++refSeq}`;

describeDb('repayment import (.xlsx / .csv)', (ctx) => {
  let cast: Cast;
  beforeAll(async () => {
    jar.handle = ctx.h as DbHandle;
    await ensureReferenceData(ctx.h.db);
    cast = await createCast(ctx.h.db);
  });
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-26T04:00:00Z'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const db = () => ctx.h.db;
  const counts = () => tableCounts(db(), WRITTEN);
  const repaymentCount = async () => (await tableCounts(db(), ['repayments'])).repayments;
  /** A disbursed loan (300,000 yuan, 2026-01-16) of BANK-ABC-KZ and its 借据号. */
  async function loan() {
    const { id, applicant } = await applicationAt(db(), cast, 'disbursed');
    const [l] = await ctx.h.query<{ drawdown_no: string }>(`select drawdown_no from loans where application_id = $1`, [id]);
    return { id, applicant, no: l.drawdown_no };
  }
  const rejectedBy = async (p: Promise<unknown>) => {
    const e = await p.then(() => null, (x) => x);
    expect(e, 'the file must be refused').toBeInstanceOf(RepaymentImportRejectedError);
    return e as RepaymentImportRejectedError;
  };
  const run = (actor: Actor, fileName: string, content: Uint8Array) => importRepayments(db(), actor, { fileName, content });

  it('a file with 3 bad rows among 5 is refused whole, listing exactly those rows and columns; only the refusal is recorded', async () => {
    const [a, b, c] = [await loan(), await loan(), await loan()];
    const file = csv([
      HEADER,
      [a.no, '2026-03-20', '1000.00', '120.50', ref()],
      ['JJ-NO-SUCH-LOAN', '2026-03-20', '1000', '0', ref()], // row 3: unknown loan
      [b.no, '2026-13-01', '1000', '0', ref()], // row 4: no such date
      [b.no, '2026-04-20', '2000', '10', ref()],
      [c.no, '2026-04-20', '300000.01', '0', ref()], // row 6: above the outstanding
    ]);
    const before = await counts();
    const versions = await Promise.all([a, b, c].map((l) => stateOf(db(), l.id)));
    const e = await rejectedBy(run(cast.bank, '还款明细.csv', file));
    expect(e.errors.map(({ row, column }) => ({ row, column }))).toEqual([
      { row: 3, column: '借据号' },
      { row: 4, column: '还款日期' },
      { row: 6, column: '还款本金' },
    ]);
    expect(e.errors[0].message).toContain('不存在或不是本行');
    expect(e.errors[2].message).toBe('还款本金超过未还本金 300000.00 元');
    expect(e.userMessage).toBe('文件有 3 处错误，已整体退回，未导入任何还款记录；请改正后重新上传');

    // Nothing but the rejected import row.
    const after = await counts();
    expect(after).toEqual({ ...before, data_imports: before.data_imports + 1 });
    expect(await repaymentCount()).toBe(before.repayments);
    expect(await Promise.all([a, b, c].map((l) => stateOf(db(), l.id)))).toEqual(versions);
    const [imp] = await ctx.h.query<{ status: string; row_count: number; errors: unknown[] }>(`select status, row_count, errors from data_imports where id = $1`, [e.importId]);
    expect(imp).toMatchObject({ status: 'rejected', row_count: 5 });
    expect(imp.errors).toEqual(e.errors);
  });

  it('a good file applies every row in one transaction, settles a loan repaid in full, cures an overdue one; the same file again is refused', async () => {
    const [a, b, c] = [await loan(), await loan(), await loan()];
    await markLoanOverdue(db(), cast.bank, { applicationId: c.id, version: (await stateOf(db(), c.id)).version, effectiveDate: '2026-06-21' });
    const file = csv([
      ['银行流水号', '还款本金', '借据号', '还款利息', '还款日期'], // any column order
      [ref(), '100,000.00', a.no, '1866.67', '2026/3/20'],
      [ref(), '200000', a.no, '1200', '2026-06-20'], // a is repaid in full across two rows
      [ref(), '0', b.no, '900.5', '2026.06.20'], // interest only
      [ref(), '5000', c.no, '0', '20260701'],
    ]);
    const before = await counts();
    const r = await run(cast.bank, 'ABC-2026-06.csv', file);
    expect(r).toMatchObject({ fileName: 'ABC-2026-06.csv', rowCount: 4, loanCount: 3, settledCount: 1, curedCount: 1, totalPrincipal: '305000.00', totalInterest: '3967.17' });
    expect(r.sha256).toBe(crypto.createHash('sha256').update(file).digest('hex'));
    expect(await repaymentCount()).toBe(before.repayments + 4);
    const rows = await ctx.h.query<{ source: string; import_id: string; principal_fen: string; repaid_on: string }>(`select source, import_id, principal_fen::text, repaid_on::text from repayments where import_id = $1 order by id`, [r.importId]);
    expect(rows.map((x) => [x.source, x.principal_fen, x.repaid_on])).toEqual([
      ['import', '10000000', '2026-03-20'], ['import', '20000000', '2026-06-20'], ['import', '0', '2026-06-20'], ['import', '500000', '2026-07-01'],
    ]);
    expect((await stateOf(db(), a.id)).state).toBe('settled');
    expect((await stateOf(db(), b.id)).state).toBe('repaying');
    expect((await stateOf(db(), c.id)).state).toBe('repaying');
    const ev = await ctx.h.query<{ kind: string; effective_date: string }>(`select kind, effective_date::text from loan_events where application_id in ($1, $2) order by id`, [a.id, c.id]);
    expect(ev).toEqual([{ kind: 'overdue', effective_date: '2026-06-21' }, { kind: 'settled', effective_date: '2026-06-20' }, { kind: 'cured', effective_date: '2026-07-01' }]);
    // One import audit row with the count and the hash; one state change per loan.
    const audit = await ctx.h.query<{ detail: { count: number; sha256: string } }>(`select detail from audit_log where event = 'repayments.import' and object_id = $1`, [r.importId]);
    expect(audit).toHaveLength(1);
    expect(audit[0].detail).toMatchObject({ count: 4, sha256: r.sha256 });
    const after = await counts();
    expect(after.application_events - before.application_events).toBe(3);
    expect(after.audit_log - before.audit_log).toBe(4);
    const [imp] = await ctx.h.query<{ status: string }>(`select status from data_imports where id = $1`, [r.importId]);
    expect(imp.status).toBe('applied');

    // The same bytes again (even under another name): refused, nothing written.
    const again = await run(cast.bank, 'copy.csv', file).catch((x) => x);
    expect(again).toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(again.userMessage).toMatch(/^该文件已于 .+ 导入（ABC-2026-06\.csv，4 行），同一文件不能重复导入$/);
    expect(await counts()).toEqual(after);
  });

  it('an .xlsx built with exceljs works: Excel dates, numbers, rich text, extra columns and a title-free header', async () => {
    const a = await loan();
    const b = await loan();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('还款');
    ws.addRow(['序号', '还款日期', '借据号', '还款本金（元）', '还款利息（元）', '银行流水号', '备注']);
    ws.addRow([1, new Date(Date.UTC(2026, 2, 20)), a.no, 1000.5, 87.25, ref('XL'), '正常']);
    ws.addRow([2, '2026-04-01', { richText: [{ text: b.no }] }, 2000, 0, 987654321012, '']);
    ws.getCell('B2').numFmt = 'yyyy-mm-dd';
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const before = await repaymentCount();
    const r = await run(cast.bank, 'abc.xlsx', bytes);
    expect(r).toMatchObject({ rowCount: 2, loanCount: 2, totalPrincipal: '3000.50', totalInterest: '87.25' });
    expect(await repaymentCount()).toBe(before + 2);
    const rows = await ctx.h.query<{ repaid_on: string; principal_fen: string; bank_ref: string }>(`select repaid_on::text, principal_fen::text, bank_ref from repayments where import_id = $1 order by id`, [r.importId]);
    expect(rows).toEqual([
      { repaid_on: '2026-03-20', principal_fen: '100050', bank_ref: expect.stringMatching(/^XL/) },
      { repaid_on: '2026-04-01', principal_fen: '200000', bank_ref: '987654321012' },
    ]);

    // A bad xlsx row is reported with its spreadsheet row number.
    const wb2 = new ExcelJS.Workbook();
    const ws2 = wb2.addWorksheet('还款');
    ws2.addRow(HEADER);
    ws2.addRow([a.no, '2026-05-01', 12.345, 0, ref('XL')]);
    const e = await rejectedBy(run(cast.bank, 'bad.xlsx', new Uint8Array(await wb2.xlsx.writeBuffer())));
    expect(e.errors).toEqual([{ row: 2, column: '还款本金', message: '金额最多两位小数' }]);
  });

  it('CSV with and without BOM, quoted fields with commas; every kind of row error is listed', async () => {
    const a = await loan();
    const b = await loan();
    const taken = ref('TAKEN');
    await recordRepayment(db(), cast.bank, { applicationId: b.id, version: (await stateOf(db(), b.id)).version, repaidOn: '2026-02-20', principal: '100', interest: '0', bankRef: taken });
    const noBom = await run(cast.bank, 'nobom.csv', csv([HEADER, [a.no, '2026-02-01', '1,000.00', '0', ref()]], false));
    expect(noBom.rowCount).toBe(1);

    const dup = ref('DUP');
    const e = await rejectedBy(
      run(cast.bank, 'errors.csv', csv([
        HEADER,
        [a.no, '2026-01-10', '10', '0', ref()], // 2: before the disbursement
        [a.no, '2026-12-01', '10', '0', ref()], // 3: in the future
        [a.no, '2026-05-01', '-5', '0', ref()], // 4: negative
        [a.no, '2026-05-01', 'abc', '1', ref()], // 5: not an amount
        [a.no, '2026-05-01', '0', '0', ref()], // 6: nothing repaid
        [a.no, '2026-05-01', '150000', '0', dup], // 7: fine
        [a.no, '2026-05-02', '150000', '0', dup], // 8: duplicate reference in the file; 150000 + 150000 > 299000 left
        [b.no, '2026-05-01', '10', '0', taken], // 9: reference already recorded for that loan
        ['', '', '10', '0', ''], // 10: no loan, no date, no reference
      ])),
    );
    expect(e.errors.map(({ row, column }) => `${row}:${column}`)).toEqual([
      '2:还款日期', '3:还款日期', '4:还款本金', '5:还款本金', '6:还款本金', '8:还款本金', '8:银行流水号', '9:银行流水号', '10:借据号', '10:还款日期', '10:银行流水号',
    ]);
    // 300000 − 1000 (nobom.csv) − 10 − 10 (rows 2, 3: their amounts count although their dates are wrong) − 150000 (row 7).
    expect(e.errors.find((x) => x.row === 8 && x.column === '还款本金')!.message).toBe('还款本金超过未还本金：计入本文件前面各行后仅剩 148980.00 元');
    expect(e.errors.find((x) => x.row === 8 && x.column === '银行流水号')!.message).toBe('银行流水号与第 7 行重复');
    expect(e.errors.find((x) => x.row === 9)!.message).toBe('该银行流水号已登记过还款（2026-02-20），不能重复登记');
  });

  it("another bank's loans are unknown to an officer; missing columns, empty and foreign files are refused; other roles cannot import", async () => {
    const a = await loan();
    const file = csv([HEADER, [a.no, '2026-03-20', '1000', '0', ref()]]);
    const before = await counts();
    const e = await rejectedBy(run(cast.otherBank, 'x.csv', file));
    expect(e.errors).toEqual([{ row: 2, column: '借据号', message: `借据号“${a.no}”不存在或不是本行已放款的贷款` }]);

    const missing = await rejectedBy(run(cast.bank, 'm.csv', csv([['借据号', '还款日期', '还款本金', '流水号'], [a.no, '2026-03-20', '1', 'x']])));
    expect(missing.errors.map((x) => x.column)).toEqual(['还款利息', '银行流水号']);
    expect((await rejectedBy(run(cast.bank, 'h.csv', csv([HEADER])))).errors[0].message).toBe('文件中没有还款记录');
    expect((await rejectedBy(run(cast.bank, 'gbk.csv', new Uint8Array([0xbd, 0xe8, 0xbe, 0xdd, 0x2c, 0x0a])))).errors[0].message).toMatch(/不是 UTF-8 编码/);
    expect((await rejectedBy(run(cast.bank, 'p.pdf', new TextEncoder().encode('%PDF-1.4')))).errors[0].message).toMatch(/仅支持 \.xlsx 或 \.csv/);
    expect((await rejectedBy(run(cast.bank, 'broken.xlsx', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])))).errors[0].message).toMatch(/无法读取该 Excel 文件/);
    const after = await counts();
    expect(after).toEqual({ ...before, data_imports: before.data_imports + 6 });

    for (const who of [cast.hr, cast.guarantee, cast.finance, cast.admin, cast.auditor, a.applicant]) {
      await expect(run(who, 'x.csv', file)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    await expect(run(cast.bank, 'big.csv', new Uint8Array(5 * 1024 * 1024 + 1))).rejects.toMatchObject({ code: 'INVALID_INPUT', httpStatus: 413 });
    expect(await counts()).toEqual(after);

    const list = await listRepaymentImports(db(), cast.otherBank);
    expect(list.map((i) => i.status)).toEqual(['rejected']);
  });

  it('more than 10,000 rows are refused', async () => {
    const a = await loan();
    const rows: (string | number)[][] = [HEADER];
    for (let i = 0; i < 10_001; i++) rows.push([a.no, '2026-03-20', '1', '0', `R${i}`]);
    const e = await rejectedBy(run(cast.bank, 'many.csv', csv(rows)));
    expect(e.errors).toEqual([{ row: 0, column: '文件', message: '文件超过 10000 行，请分批导入' }]);
  });

  // The route handler: same origin, session and permission on every request; 400 with every row error.
  {
    it('POST /api/servicing/repayments/import answers {data} or {error:{code,message,errors}}', async () => {
      const a = await loan();
      const post = (body: FormData, headers: Record<string, string> = { 'sec-fetch-site': 'same-origin' }) =>
        POST(new Request('http://localhost:3000/api/servicing/repayments/import', { method: 'POST', body, headers }));
      const form = (bytes: Uint8Array, name: string) => {
        const f = new FormData();
        f.append('file', new Blob([bytes as BlobPart], { type: 'text/csv' }), name);
        return f;
      };
      const bad = csv([HEADER, [a.no, '2026-03-20', '1000', '0', ref()], [a.no, 'yesterday', '1000', '0', ref()]]);
      const good = csv([HEADER, [a.no, '2026-03-20', '1000', '0', ref()]]);

      await actAs(null);
      expect((await post(form(good, 'g.csv'))).status).toBe(401);
      await actAs(cast.hr);
      expect((await post(form(good, 'g.csv'))).status).toBe(403);
      await actAs(cast.bank);
      const cross = await post(form(good, 'g.csv'), { 'sec-fetch-site': 'cross-site' });
      expect(cross.status).toBe(403);

      const before = await repaymentCount();
      const refused = await post(form(bad, 'b.csv'));
      expect(refused.status).toBe(400);
      const body = (await refused.json()) as { error: { code: string; message: string; errors: { row: number; column: string; message: string }[] } };
      expect(body.error).toMatchObject({ code: 'INVALID_INPUT', errors: [{ row: 3, column: '还款日期', message: expect.stringContaining('日期格式不正确') }] });
      expect(await repaymentCount()).toBe(before);

      const ok = await post(form(good, 'g.csv'));
      expect(ok.status).toBe(200);
      expect(((await ok.json()) as { data: { rowCount: number } }).data.rowCount).toBe(1);
      expect(await repaymentCount()).toBe(before + 1);
    });
  }

  /** Act as `actor` on the next route call: a real server-side session and a signed token. */
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

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { auditLog, dataImports, organisations, subsidyBatches, subsidyLines, users } from '@/db/schema';
import { parseCsv } from '@/lib/server/servicing/read-tabular-file';
import { amountInChineseCapitals } from '@/lib/domain/paper/chinese-capitals';
import { createDraftApplication } from '@/lib/server/applications/create-draft-application';
import { submitApplication } from '@/lib/server/applications/submit-application';
import type { Actor } from '@/lib/server/auth/actor';
import { approveBatch } from '@/lib/server/batches/approve-batch';
import { exportBatch } from '@/lib/server/batches/export-batch';
import { importPaymentResults, PaymentResultsRejectedError } from '@/lib/server/batches/import-payment-results';
import { readBatchExport } from '@/lib/server/batches/read-batch-export';
import { reissueFailedLines } from '@/lib/server/batches/reissue-failed-lines';
import { exportInfoOf, hashBatchExport } from '@/lib/server/batches/render-batch-export';
import { verifyBatch } from '@/lib/server/batches/verify-batch';
import { readChainState } from '@/lib/server/audit/chain-state';
import { verifyAuditWitness } from '@/lib/server/audit/verify-audit-witness';
import { requestClaim } from '@/lib/server/claims/request-claim';
import { runClaimJob } from '@/lib/server/claims/run-claim-job';
import { decryptPii } from '@/lib/server/crypto/pii';
import { decideApplication } from '@/lib/server/review/decide-application';
import { recordContract } from '@/lib/server/review/record-contract';
import { recordDisbursement } from '@/lib/server/review/record-disbursement';
import { createFileStore, type FileStore } from '@/lib/server/storage/file-store';
import { attachDocuments, registerTestApplicant, stateOf, validForm } from '../helpers/application-fixtures';
import { actorOf, createUser, ensureReferenceData, tableCounts } from '../helpers/factories';
import { addLinesKeepingTotals, tamperAsOwner } from '../helpers/batch-lines';
import { describeDb } from '../helpers/test-db';
import { createCast, type Cast } from '../helpers/workflow-fixtures';

/** A disbursed individual loan at BANK-ABC-KZ, walked through the real use-cases. */
async function disbursedLoan(db: Db, cast: Cast, name: string, contractDate: string, disbursedDate: string, principal: string): Promise<string> {
  const applicant = await registerTestApplicant(db, name);
  const { applicationId: id } = await createDraftApplication(db, applicant, { loanType: 'individual' });
  await attachDocuments(db, id, applicant.userId);
  const form = validForm((f) => {
    f.loan.amount = principal;
    for (const k of Object.keys(f.benefits) as (keyof typeof f.benefits)[]) if (typeof f.benefits[k] === 'boolean') (f.benefits as Record<string, unknown>)[k] = false;
  });
  await submitApplication(db, applicant, { applicationId: id, form });
  for (const who of [cast.hr, cast.guarantee, cast.bank]) await decideApplication(db, who, { applicationId: id, version: (await stateOf(db, id)).version, decision: 'approve' });
  await recordContract(db, cast.bank, { applicationId: id, version: (await stateOf(db, id)).version, contractNo: `HT-${id.slice(0, 8)}`, principal, annualRate: '3.50', termMonths: 36, contractDate });
  await recordDisbursement(db, cast.bank, { applicationId: id, version: (await stateOf(db, id)).version, disbursedDate, amount: principal, drawdownNo: `JJ-${id.slice(0, 8)}`, payoutAccount: '6228480010000000001' });
  return id;
}

const COUNTED = ['subsidy_batches', 'subsidy_lines', 'audit_log', 'data_imports'];

async function batchOf(db: Db, id: string) {
  const [b] = await db.select().from(subsidyBatches).where(eq(subsidyBatches.id, id));
  return b;
}

async function linesOf(db: Db, id: string) {
  return db.select().from(subsidyLines).where(eq(subsidyLines.batchId, id)).orderBy(asc(subsidyLines.seq));
}

async function auditCount(db: Db, event: string, objectId: string) {
  const rows = await db.select({ seq: auditLog.seq }).from(auditLog).where(and(eq(auditLog.event, event), eq(auditLog.objectId, objectId)));
  return rows.length;
}

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const c of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(c);
  return Buffer.concat(chunks);
}

const sha = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');
const yuanToFen = (s: string) => {
  const [i, d = ''] = s.split('.');
  return BigInt(i) * 100n + BigInt(d.padEnd(2, '0'));
};

/** The separation-of-duties refusals must leave the batch and every counted table exactly as they were. */
async function expectRefusedUnchanged(db: Db, id: string, call: () => Promise<unknown>, code: string) {
  const before = { counts: await tableCounts(db, COUNTED), batch: await batchOf(db, id) };
  await expect(call()).rejects.toMatchObject({ code });
  expect(await tableCounts(db, COUNTED)).toEqual(before.counts);
  expect(await batchOf(db, id)).toEqual(before.batch);
}

describeDb('subsidy batches: maker-checker, frozen disbursement lists, reconciliation and re-issue', (ctx) => {
  const db = () => ctx.h.db;
  let cast: Cast;
  let finance2: Actor;
  let store: FileStore;
  let storeDir: string;
  let q1: string;
  let q2: string;
  const loans: string[] = [];
  /** A decision's input at the batch's current version, as the page renders it. */
  const at = async (id: string) => ({ batchId: id, version: (await batchOf(db(), id)).updatedAt.toISOString() });

  beforeAll(async () => {
    await ensureReferenceData(db());
    cast = await createCast(db());
    finance2 = actorOf(await createUser(db(), { role: 'finance_officer', orgCode: 'KZ-FIN' }));
    storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-batches-'));
    store = createFileStore(storeDir);
    loans.push(await disbursedLoan(db(), cast, '张三', '2026-01-15', '2026-01-16', '300000'));
    // A name that a spreadsheet would run as a formula (as if it came in from another system).
    await db().execute(sql`update applications set applicant_name = ${'=HYPERLINK("http://x")'} where id = ${loans[0]}`);
    loans.push(await disbursedLoan(db(), cast, '李四', '2026-01-05', '2026-01-08', '150000'));
    loans.push(await disbursedLoan(db(), cast, '王五', '2026-02-01', '2026-02-02', '200000.50'));
    q1 = (await requestClaim(db(), cast.bank, { period: '2026Q1' })).batch.id;
    q2 = (await requestClaim(db(), cast.bank, { period: '2026Q2' })).batch.id;
    expect((await runClaimJob(db(), q1)).outcome).toBe('prepared');
    expect((await runClaimJob(db(), q2)).outcome).toBe('prepared');
  });

  afterAll(() => fs.rmSync(storeDir, { recursive: true, force: true }));

  it('FIN-09 separation of duties: the preparer never verifies, approves or exports; the verifier never approves; refusals write nothing', async () => {
    const v = async () => ({ batchId: q1, version: (await batchOf(db(), q1)).updatedAt.toISOString() });
    // Wrong roles for HR verification.
    for (const a of [cast.bank, cast.otherBank, cast.guarantee, cast.finance, cast.admin, cast.auditor]) await expectRefusedUnchanged(db(), q1, async () => verifyBatch(db(), a, await v()), 'FORBIDDEN');
    // The bank officer who prepared it, later moved to HR, still may not verify it.
    const preparerAsHr: Actor = { ...cast.bank, role: 'hr_reviewer' };
    await expectRefusedUnchanged(db(), q1, async () => verifyBatch(db(), preparerAsHr, await v()), 'FORBIDDEN');
    // Not yet verified: finance cannot approve or export it.
    await expectRefusedUnchanged(db(), q1, async () => approveBatch(db(), cast.finance, await v()), 'CONFLICT');
    await expectRefusedUnchanged(db(), q1, async () => exportBatch(db(), cast.finance, await v(), { store }), 'CONFLICT');
    // A stale version is refused.
    await expectRefusedUnchanged(db(), q1, () => verifyBatch(db(), cast.hr, { batchId: q1, version: '2020-01-01T00:00:00.000Z' }), 'CONFLICT');
    // No version at all is refused too (compare-and-set on what the officer saw, never blind), with a Chinese field message.
    await expectRefusedUnchanged(db(), q1, () => verifyBatch(db(), cast.hr, { batchId: q1 }), 'INVALID_INPUT');
    await expect(verifyBatch(db(), cast.hr, { batchId: q1 })).rejects.toMatchObject({ fieldErrors: { version: '缺少批次版本，请刷新页面后重试' } });

    const verified = await verifyBatch(db(), cast.hr, await v());
    expect(verified).toMatchObject({ status: 'verified', verifiedBy: cast.hr.userId });
    expect(await auditCount(db(), 'batch.verify', q1)).toBe(1);
    await expectRefusedUnchanged(db(), q1, async () => verifyBatch(db(), cast.hr, await v()), 'CONFLICT');

    // Approval: never HR or the bank; never the preparer or the verifier, whatever role they hold now.
    for (const a of [cast.hr, cast.bank, cast.admin, cast.auditor]) await expectRefusedUnchanged(db(), q1, async () => approveBatch(db(), a, await v()), 'FORBIDDEN');
    const preparerAsFinance: Actor = { ...cast.bank, role: 'finance_officer' };
    const verifierAsFinance: Actor = { ...cast.hr, role: 'finance_officer' };
    await expectRefusedUnchanged(db(), q1, async () => approveBatch(db(), preparerAsFinance, await v()), 'FORBIDDEN');
    await expectRefusedUnchanged(db(), q1, async () => approveBatch(db(), verifierAsFinance, await v()), 'FORBIDDEN');

    expect(await approveBatch(db(), cast.finance, await v())).toMatchObject({ status: 'approved', approvedBy: cast.finance.userId });
    // Export: never the preparer or verifier, never without 'finance:export'.
    await expectRefusedUnchanged(db(), q1, async () => exportBatch(db(), preparerAsFinance, await v(), { store }), 'FORBIDDEN');
    await expectRefusedUnchanged(db(), q1, async () => exportBatch(db(), verifierAsFinance, await v(), { store }), 'FORBIDDEN');
    await expectRefusedUnchanged(db(), q1, async () => exportBatch(db(), cast.hr, await v(), { store }), 'FORBIDDEN');
    // Export, too, only at the version finance saw.
    await expectRefusedUnchanged(db(), q1, () => exportBatch(db(), cast.finance, { batchId: q1 }, { store }), 'INVALID_INPUT');
    await expectRefusedUnchanged(db(), q1, () => exportBatch(db(), cast.finance, { batchId: q1, version: '2020-01-01T00:00:00.000Z' }, { store }), 'CONFLICT');
    expect(fs.readdirSync(storeDir).filter((d) => d !== '.tmp')).toEqual([]);
  });

  it('FIN-07 two finance officers approving at once: one wins, the other gets CONFLICT, one audit row', async () => {
    const b = await batchOf(db(), q2);
    await verifyBatch(db(), cast.hr, { batchId: q2, version: b.updatedAt.toISOString() });
    const version = (await batchOf(db(), q2)).updatedAt.toISOString();
    // Approval names the version: without it, or with the one before verification, nothing is written.
    await expectRefusedUnchanged(db(), q2, () => approveBatch(db(), cast.finance, { batchId: q2 }), 'INVALID_INPUT');
    await expectRefusedUnchanged(db(), q2, () => approveBatch(db(), cast.finance, { batchId: q2, version: b.updatedAt.toISOString() }), 'CONFLICT');
    const results = await Promise.allSettled([approveBatch(db(), cast.finance, { batchId: q2, version }), approveBatch(db(), finance2, { batchId: q2, version })]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(lost.reason).toMatchObject({ code: 'CONFLICT' });
    expect(await auditCount(db(), 'batch.approve', q2)).toBe(1);
    expect((await batchOf(db(), q2)).status).toBe('approved');
  });

  it('FIN-10 the export is frozen: stored once with its SHA-256, downloaded byte for byte; the csv has a BOM, the totals row equals the sums; the xlsx opens with its totals', async () => {
    const headAtExport = (await readChainState(db())).head!;
    const first = await exportBatch(db(), cast.finance, await at(q1), { store });
    expect(first.firstExport).toBe(true);
    const b = first.batch;
    expect(b).toMatchObject({ status: 'exported', exportedBy: cast.finance.userId });
    expect(b.exportXlsxSha256).toMatch(/^[0-9a-f]{64}$/);
    // Exporting again writes nothing new.
    const again = await exportBatch(db(), finance2, await at(q1), { store });
    expect(again.firstExport).toBe(false);
    expect(again.batch.exportXlsxKey).toBe(b.exportXlsxKey);
    expect(await auditCount(db(), 'batch.export', q1)).toBe(1);

    const dl = async (format: 'xlsx' | 'csv') => {
      const f = await readBatchExport(db(), cast.finance, { batchId: q1, format, variant: 'masked' }, { store });
      return { ...f, bytes: await bytesOf(f.stream) };
    };
    const x1 = await dl('xlsx');
    const x2 = await dl('xlsx');
    expect(x1.bytes.equals(x2.bytes)).toBe(true);
    expect(sha(x1.bytes)).toBe(b.exportXlsxSha256);
    expect(x1.sha256).toBe(b.exportXlsxSha256);
    expect(x1.fileName).toBe('拨付清单-TX2026Q1-BANK-ABC-KZ-R0.xlsx');
    const c1 = await dl('csv');
    expect(sha(c1.bytes)).toBe(b.exportCsvSha256);
    expect([...c1.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);

    // The csv: title, control totals, header, one row per line, the totals row.
    const rows = parseCsv(c1.bytes.toString('utf8').slice(1)).map((r) => r.cells.map((c) => (c === null ? '' : String(c))));
    const lines = await linesOf(db(), q1);
    expect(rows[1]).toEqual(expect.arrayContaining(['批次号', 'TX2026Q1-BANK-ABC-KZ-R0', '明细笔数', String(lines.length)]));
    // AUD: the list carries the audit chain's head at the moment of export (the finance bureau's copy witnesses
    // the log), the export's audit row repeats it, and the auditor can confirm it against the log.
    const cellAfter = (label: string) => rows[1][rows[1].indexOf(label) + 1];
    expect(cellAfter('导出时审计链头序号')).toBe(String(headAtExport.seq));
    expect(cellAfter('审计链头哈希')).toBe(headAtExport.hash);
    const [exportRow] = await db().select().from(auditLog).where(and(eq(auditLog.event, 'batch.export'), eq(auditLog.objectId, q1)));
    expect((exportRow.detail as { chainHead: unknown }).chainHead).toEqual({ seq: headAtExport.seq, hash: headAtExport.hash });
    expect(exportRow.seq).toBeGreaterThan(headAtExport.seq);
    const witness = await verifyAuditWitness(db(), cast.auditor, { seq: cellAfter('导出时审计链头序号'), hash: cellAfter('审计链头哈希') });
    expect(witness.witness).toMatchObject({ ok: true });
    const header = rows[2];
    expect(header.slice(0, 5)).toEqual(['序号', '批次号', '借款人姓名/企业名称', '证件类型', '身份证号/统一社会信用代码']);
    const col = (name: string) => header.indexOf(name);
    const data = rows.slice(3, 3 + lines.length);
    const totals = rows[3 + lines.length];
    expect(totals[0]).toBe('合计');
    const sum = (name: string) => data.reduce((s, r) => s + yuanToFen(r[col(name)]), 0n);
    expect(yuanToFen(totals[col('应贴息金额（元）')])).toBe(sum('应贴息金额（元）'));
    expect(sum('应贴息金额（元）')).toBe(b.totalFen);
    expect(yuanToFen(rows[1][rows[1].indexOf('拨付金额合计（元）') + 1])).toBe(b.totalFen);
    expect(yuanToFen(totals[col('贷款金额（元）')])).toBe(sum('贷款金额（元）'));
    expect(yuanToFen(totals[col('应计利息（元）')])).toBe(sum('应计利息（元）'));
    expect(sum('贷款金额（元）')).toBe(3000000n * 10n + 15000000n + 20000050n);
    for (const [i, r] of data.entries()) {
      expect(r[col('序号')]).toBe(String(i + 1));
      expect(yuanToFen(r[col('应贴息金额（元）')])).toBe(lines[i].amountFen);
      expect(r[col('身份证号/统一社会信用代码')]).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    }
    // INP-04: a name that looks like a formula is neutralised; no full 身份证号 anywhere in the masked list.
    expect(data.some((r) => r[col('借款人姓名/企业名称')] === `'=HYPERLINK("http://x")`)).toBe(true);
    expect(c1.bytes.toString('utf8')).not.toMatch(/\b\d{17}[\dXx]\b/);

    // The xlsx, opened as a spreadsheet: numeric amounts and the same totals.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x1.bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getCell('B2').value).toBe('TX2026Q1-BANK-ABC-KZ-R0');
    const row2 = (ws.getRow(2).values as unknown[]).map((v) => (v == null ? '' : String(v)));
    expect(row2[row2.indexOf('审计链头哈希') + 1]).toBe(headAtExport.hash);
    const hdr = (ws.getRow(3).values as unknown[]).map(String);
    const amountCol = hdr.indexOf('应贴息金额（元）');
    let total = 0n;
    for (let r = 4; r < 4 + lines.length; r++) {
      const v = ws.getRow(r).getCell(amountCol).value;
      expect(typeof v).toBe('number');
      total += yuanToFen(String(v));
    }
    const totalRow = ws.getRow(4 + lines.length);
    expect(totalRow.getCell(1).value).toBe('合计');
    expect(yuanToFen(String(totalRow.getCell(amountCol).value))).toBe(total);
    expect(total).toBe(b.totalFen);

    // Frozen: the app cannot change an exported batch's line (the database refuses) — and even
    // if its owner did, the download is the recorded file.
    await expect(db().update(subsidyLines).set({ payeeName: '改过的名字' }).where(eq(subsidyLines.id, lines[0].id))).rejects.toThrow();
    await tamperAsOwner(ctx.owner, (o) => o.update(subsidyLines).set({ payeeName: '改过的名字' }).where(eq(subsidyLines.id, lines[0].id)));
    expect((await dl('xlsx')).bytes.equals(x1.bytes)).toBe(true);
    await tamperAsOwner(ctx.owner, (o) => o.update(subsidyLines).set({ payeeName: lines[0].payeeName }).where(eq(subsidyLines.id, lines[0].id)));
  });

  it('the printable list: A4 landscape one page wide, header row repeated, batch number and page x of y, merged title, 填报单位 and 单位：元, the 大写 total, signature rows, and a paper sheet of at most 12 columns', async () => {
    const b = await batchOf(db(), q1);
    const f = await readBatchExport(db(), cast.finance, { batchId: q1, format: 'xlsx', variant: 'masked' }, { store });
    const bytes = await bytesOf(f.stream);
    expect(sha(bytes)).toBe(b.exportXlsxSha256);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['拨付清单', '打印版']);
    const lines = await linesOf(db(), q1);
    const capitals = `人民币${amountInChineseCapitals(b.totalFen)}`;
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' });
      expect(ws.headerFooter.oddHeader).toContain(`批次号：${b.number}`);
      expect(ws.headerFooter.oddFooter).toBe('&C第 &P 页，共 &N 页');
      // The title merged across the widest row and centred.
      const width = ws.getRow(3).cellCount;
      expect(ws.getCell('A1').isMerged).toBe(true);
      expect(ws.getCell(1, width).master.address).toBe('A1');
      expect(ws.getCell('A1').value).toBe('创业担保贷款贴息拨付清单');
      expect(ws.getCell('A1').alignment).toMatchObject({ horizontal: 'center' });
      const row2 = (ws.getRow(2).values as unknown[]).map((v) => (v == null ? '' : String(v)));
      expect(row2.some((v) => v.includes('填报单位'))).toBe(true);
      expect(row2.join('|')).toContain('开州区财政局');
      expect(row2).toContain('单位：元');
      // Totals, then the amount in 大写, then the signature rows.
      const totalsAt = 4 + lines.length;
      expect(ws.getRow(totalsAt).getCell(1).value).toBe('合计');
      expect(ws.getRow(totalsAt + 1).getCell(1).value).toBe('合计金额（大写）');
      expect(ws.getRow(totalsAt + 1).getCell(2).value).toBe(capitals);
      const signatures = (ws.getRow(totalsAt + 3).values as unknown[]).filter(Boolean);
      expect(signatures).toEqual(['制表人：', '审核人：', '负责人：']);
      expect((ws.getRow(totalsAt + 4).values as unknown[]).filter(Boolean)).toEqual(['日期：', '日期：', '日期：']);
    }
    const paper = wb.worksheets[1];
    const header = (paper.getRow(3).values as unknown[]).slice(1).map(String);
    expect(header.length).toBeLessThanOrEqual(12);
    expect(header).toEqual(['序号', '借款人姓名/企业名称', '身份证号/统一社会信用代码', '所属镇街', '经办银行', '贷款金额（元）', '计息起日', '计息止日', '计息天数', '应贴息金额（元）', '收款户名', '收款账号']);
    const amountCol = header.indexOf('应贴息金额（元）') + 1;
    let sum = 0n;
    for (let r = 4; r < 4 + lines.length; r++) sum += yuanToFen(String(paper.getRow(r).getCell(amountCol).value));
    expect(sum).toBe(b.totalFen);
    expect(yuanToFen(String(paper.getRow(4 + lines.length).getCell(amountCol).value))).toBe(b.totalFen);
  });

  it('RES-02 an export killed before it is recorded leaves the batch approved with nothing recorded; the rerun records the very bytes of an uninterrupted export', async () => {
    const before = await batchOf(db(), q2);
    expect(before.status).toBe('approved');
    const expected = {
      xlsx: await hashBatchExport(db(), await exportInfoOf(db(), before, 'masked'), q2, 'xlsx'),
      csv: await hashBatchExport(db(), await exportInfoOf(db(), before, 'masked'), q2, 'csv'),
    };
    // A list whose lines no longer add up to the control totals fails in the middle of the
    // stream: both files are abandoned, nothing is stored or recorded.
    const files = () => fs.readdirSync(storeDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
    const filesBefore = files();
    const [first] = await linesOf(db(), q2);
    // (The app cannot change a line of an approved batch; its owner, tampering, can.)
    await expect(db().update(subsidyLines).set({ amountFen: first.amountFen + 1n }).where(eq(subsidyLines.id, first.id))).rejects.toThrow();
    await tamperAsOwner(ctx.owner, (o) => o.update(subsidyLines).set({ amountFen: first.amountFen + 1n }).where(eq(subsidyLines.id, first.id)));
    await expect(exportBatch(db(), finance2, await at(q2), { store })).rejects.toThrow(/control totals differ/);
    await tamperAsOwner(ctx.owner, (o) => o.update(subsidyLines).set({ amountFen: first.amountFen }).where(eq(subsidyLines.id, first.id)));
    expect(files()).toBe(filesBefore);
    expect(await batchOf(db(), q2)).toEqual(before);

    await expect(exportBatch(db(), finance2, await at(q2), { store, crashBeforeRecord: true })).rejects.toThrow(/injected/);
    expect(await batchOf(db(), q2)).toEqual(before);
    expect(await auditCount(db(), 'batch.export', q2)).toBe(0);
    const { batch } = await exportBatch(db(), finance2, await at(q2), { store });
    expect(batch.status).toBe('exported');
    expect(batch.exportXlsxSha256).toBe(expected.xlsx.sha256);
    expect(batch.exportCsvSha256).toBe(expected.csv.sha256);
  });

  it('the bank-payment variant carries the full 身份证号, is frozen too, and every download is audited; the preparer cannot download', async () => {
    const dl = async (format: 'xlsx' | 'csv') => bytesOf((await readBatchExport(db(), cast.finance, { batchId: q1, format, variant: 'payment' }, { store })).stream);
    const a = await dl('csv');
    const b = await dl('csv');
    expect(a.equals(b)).toBe(true);
    expect(await auditCount(db(), 'batch.download_payment', q1)).toBe(2);
    expect(await auditCount(db(), 'batch.export_payment', q1)).toBe(1);
    const [line] = await linesOf(db(), q1);
    expect(a.toString('utf8')).toContain(decryptPii(line.payeeIdEnc!));
    expect(a.toString('utf8')).toContain('银行代发专用');
    // 贴息 to the borrower goes to the account the loan was paid into: in full here, masked elsewhere.
    expect(line).toMatchObject({ payeeAccountMasked: '6228***********0001', payeeBankName: '中国农业银行重庆开州支行' });
    expect(decryptPii(line.payeeAccountEnc!)).toBe('6228480010000000001');
    expect(a.toString('utf8')).toContain('6228480010000000001');
    const masked = await bytesOf((await readBatchExport(db(), cast.finance, { batchId: q1, format: 'csv', variant: 'masked' }, { store })).stream);
    expect(masked.toString('utf8')).not.toContain('6228480010000000001');
    expect(masked.toString('utf8')).toContain('6228***********0001');
    await dl('xlsx');
    expect(await auditCount(db(), 'batch.download_payment', q1)).toBe(3);
    await expect(readBatchExport(db(), { ...cast.bank, role: 'finance_officer' }, { batchId: q1, format: 'csv', variant: 'payment' }, { store })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(readBatchExport(db(), cast.hr, { batchId: q1, format: 'csv', variant: 'payment' }, { store })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await auditCount(db(), 'batch.download_payment', q1)).toBe(3);
  });

  it('FIN-11 a payment result file with a bad row changes nothing and is recorded as rejected; a good one marks each line paid or failed and reconciles the batch', async () => {
    const lines = await linesOf(db(), q1);
    expect(lines.length).toBeGreaterThanOrEqual(3);
    const bad = ['序号,状态,银行流水号,失败原因', '1,成功,BK-0001,', `1,成功,BK-0002,`, '2,未知,,', '999,失败,,账户冻结'].join('\r\n');
    const before = { counts: await tableCounts(db(), ['subsidy_lines', 'audit_log']), lines, batch: await batchOf(db(), q1) };
    const err = await importPaymentResults(db(), cast.finance, { batchId: q1, fileName: 'results.csv', content: Buffer.from(bad) }).catch((e) => e);
    expect(err).toBeInstanceOf(PaymentResultsRejectedError);
    const errors = (err as PaymentResultsRejectedError).errors;
    expect(errors).toEqual(expect.arrayContaining([
      expect.objectContaining({ row: 3, column: '序号' }),
      expect.objectContaining({ row: 4, column: '状态' }),
      expect.objectContaining({ row: 5, column: '序号' }),
      expect.objectContaining({ row: 0, column: '序号', message: expect.stringContaining('缺少序号 3') }),
    ]));
    expect(await tableCounts(db(), ['subsidy_lines', 'audit_log'])).toEqual(before.counts);
    expect(await linesOf(db(), q1)).toEqual(before.lines);
    expect(await batchOf(db(), q1)).toEqual(before.batch);
    const [rejected] = await db().select().from(dataImports).where(eq(dataImports.id, (err as PaymentResultsRejectedError).importId));
    expect(rejected).toMatchObject({ kind: 'payment_results', status: 'rejected' });
    expect(rejected.errors).toHaveLength(errors.length);

    // Wrong roles and an amount that does not match are refused too.
    await expect(importPaymentResults(db(), cast.hr, { batchId: q1, fileName: 'r.csv', content: Buffer.from(bad) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const wrongAmount = ['行号,状态,银行流水号,失败原因,金额', ...lines.map((l) => `${l.seq},成功,BK-${l.seq},,${l.seq === 1 ? '1.00' : (Number(l.amountFen) / 100).toFixed(2)}`)].join('\n');
    await expect(importPaymentResults(db(), cast.finance, { batchId: q1, fileName: 'r.csv', content: Buffer.from(wrongAmount) })).rejects.toMatchObject({ errors: [expect.objectContaining({ row: 2, column: '金额' })] });

    // A good file, as .xlsx: line 2 failed, the rest paid.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('回盘');
    ws.addRow(['序号', '状态', '银行流水号', '失败原因']);
    for (const l of lines) ws.addRow(l.seq === 2 ? [2, '失败', '', '账户已销户'] : [l.seq, '成功', `BK-${1000 + l.seq}`, '']);
    const good = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await importPaymentResults(db(), cast.finance, { batchId: q1, fileName: 'results.xlsx', content: good });
    expect(r).toMatchObject({ paidCount: lines.length - 1, failedCount: 1 });
    const after = await linesOf(db(), q1);
    expect(after.map((l) => l.status)).toEqual(lines.map((l) => (l.seq === 2 ? 'failed' : 'paid')));
    expect(after.find((l) => l.seq === 2)).toMatchObject({ failureReason: '账户已销户', bankTxnRef: null });
    expect(after.find((l) => l.seq === 1)).toMatchObject({ bankTxnRef: 'BK-1001', failureReason: null });
    expect((await batchOf(db(), q1)).status).toBe('reconciled');
    expect(await auditCount(db(), 'batch.payment_results', q1)).toBe(1);
    // The same file again, or any file for a reconciled batch: refused.
    await expect(importPaymentResults(db(), cast.finance, { batchId: q1, fileName: 'results.xlsx', content: good })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
  });

  it('FIN-06 re-issue: a new round with only the failed subjects; never twice; a paid subject can never get a second active line (23505)', async () => {
    const old = await linesOf(db(), q1);
    const failed = old.filter((l) => l.status === 'failed');
    expect(failed).toHaveLength(1);
    // Only finance may re-issue, and only a reconciled batch.
    await expect(reissueFailedLines(db(), cast.bank, await at(q1))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(reissueFailedLines(db(), cast.finance, await at(q2))).rejects.toMatchObject({ code: 'CONFLICT' });
    // Without the version, or at a stale one: refused, no new round.
    await expectRefusedUnchanged(db(), q1, () => reissueFailedLines(db(), finance2, { batchId: q1 }), 'INVALID_INPUT');
    await expectRefusedUnchanged(db(), q1, () => reissueFailedLines(db(), finance2, { batchId: q1, version: '2020-01-01T00:00:00.000Z' }), 'CONFLICT');

    const { batch, lineCount } = await reissueFailedLines(db(), finance2, await at(q1));
    expect(lineCount).toBe(1);
    expect(batch).toMatchObject({ kind: 'interest', period: '2026Q1', round: 1, status: 'prepared', number: 'TX2026Q1-BANK-ABC-KZ-R1', preparedBy: finance2.userId, totalFen: failed[0].amountFen, lineCount: 1 });
    const fresh = await linesOf(db(), batch.id);
    expect(fresh).toHaveLength(1);
    expect(fresh[0]).toMatchObject({ seq: 1, subjectKey: failed[0].subjectKey, amountFen: failed[0].amountFen, status: 'pending', payeeIdEnc: failed[0].payeeIdEnc });
    expect((fresh[0].detail as { note: string }).note).toContain('原批次 TX2026Q1-BANK-ABC-KZ-R0 第 2 行支付失败（账户已销户）');
    expect(await linesOf(db(), q1)).toEqual(old);
    await expect(reissueFailedLines(db(), cast.finance, await at(q1))).rejects.toMatchObject({ code: 'CONFLICT' });

    // The database itself refuses a second active line for a paid subject, and for the re-issued one.
    const paid = old.find((l) => l.status === 'paid')!;
    const dup = (l: typeof paid, seq: number, status: 'pending' | 'paid') => db().insert(subsidyLines).values({ batchId: batch.id, seq, subjectKey: l.subjectKey, applicationId: l.applicationId, payeeName: 'x', amountFen: l.amountFen, detail: {}, status });
    await expect(dup(paid, 2, 'pending')).rejects.toMatchObject({ cause: { code: '23505' } });
    await expect(dup(paid, 2, 'paid')).rejects.toMatchObject({ cause: { code: '23505' } });
    await expect(dup(failed[0], 2, 'pending')).rejects.toMatchObject({ cause: { code: '23505' } });

    // The new round goes through verification, approval by another officer than its preparer, and export.
    const v = async () => ({ batchId: batch.id, version: (await batchOf(db(), batch.id)).updatedAt.toISOString() });
    await verifyBatch(db(), cast.hr, await v());
    await expectRefusedUnchanged(db(), batch.id, async () => approveBatch(db(), finance2, await v()), 'FORBIDDEN');
    await approveBatch(db(), cast.finance, await v());
    const exported = await exportBatch(db(), cast.finance, await v(), { store });
    expect(exported.batch.status).toBe('exported');
    const csv = await bytesOf((await readBatchExport(db(), cast.finance, { batchId: batch.id, format: 'csv', variant: 'masked' }, { store })).stream);
    expect(csv.toString('utf8')).toContain('第 1 次重新拨付');
    const [{ n }] = await db().execute(sql`select count(*)::int as n from (select subject_key from subsidy_lines where status in ('pending','paid') group by 1 having count(*) > 1) x`).then((x) => (x as unknown as { rows: { n: number }[] }).rows);
    expect(n).toBe(0);
  });

  it('the same life cycle serves the yearly schemes: their own list columns, numeric amounts and a totals row', async () => {
    const t = new Date();
    const [b] = await db().insert(subsidyBatches).values({ number: 'HS2025-R0', kind: 'hiring', period: '2025', round: 0, status: 'prepared', preparedBy: cast.hr.userId, createdAt: t, updatedAt: t }).returning();
    const columns = (seq: number, name: string, amount: string): [string, string][] => [['序号', String(seq)], ['批次号', 'HS2025-R0'], ['单位名称', '开州区某公司'], ['人员姓名', name], ['补贴金额(元)', amount], ['账号(脱敏)', '6222****1234']];
    await addLinesKeepingTotals(db(), b.id, [
      { batchId: b.id, seq: 1, subjectKey: 'hiring:test-a', payeeName: '开州区某公司', payeeAccountMasked: '6222****1234', payeeAccountEnc: null, amountFen: 100000n, detail: { columns: columns(1, '甲', '1000.00') } },
      { batchId: b.id, seq: 2, subjectKey: 'hiring:test-b', payeeName: '开州区某公司', payeeAccountMasked: '6222****1234', payeeAccountEnc: null, amountFen: 200000n, detail: { columns: columns(2, '乙', '2000.00') } },
    ]);
    const hr2 = actorOf(await createUser(db(), { role: 'hr_reviewer', orgCode: 'KZ-EMP' }));
    const v = async () => ({ batchId: b.id, version: (await batchOf(db(), b.id)).updatedAt.toISOString() });
    await expect(verifyBatch(db(), cast.hr, await v())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await verifyBatch(db(), hr2, await v());
    await approveBatch(db(), cast.finance, await v());
    await exportBatch(db(), cast.finance, await v(), { store });
    const csv = (await bytesOf((await readBatchExport(db(), cast.finance, { batchId: b.id, format: 'csv', variant: 'masked' }, { store })).stream)).toString('utf8');
    const rows = parseCsv(csv.slice(1)).map((r) => r.cells.map((c) => (c === null ? '' : String(c))));
    expect(rows[0][0]).toBe('一次性吸纳就业补贴拨付清单');
    expect(rows[2]).toEqual(['序号', '批次号', '单位名称', '人员姓名', '补贴金额(元)', '账号(脱敏)']);
    expect(rows[5]).toEqual(['合计', '共 2 笔', '', '', '3000.00', '']);
  });

  it('an auditor and HR may read every batch, a bank only its own, others nothing', async () => {
    const { getBatch } = await import('@/lib/server/batches/get-batch');
    const { listBatches } = await import('@/lib/server/batches/list-batches');
    await expect(getBatch(db(), cast.auditor, q1)).resolves.toMatchObject({ batch: { id: q1 } });
    await expect(getBatch(db(), cast.hr, q1)).resolves.toMatchObject({ batch: { id: q1 } });
    await expect(getBatch(db(), cast.otherBank, q1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getBatch(db(), cast.admin, q1)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getBatch(db(), cast.finance, 'not-a-uuid')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listBatches(db(), cast.otherBank)).rows).toHaveLength(0);
    const [bank] = await db().select({ id: organisations.id }).from(organisations).where(eq(organisations.code, 'BANK-ABC-KZ'));
    expect((await listBatches(db(), cast.bank)).rows.every((r) => r.bankName === '中国农业银行重庆开州支行')).toBe(true);
    expect(bank.id).toBe(cast.bank.orgId);
    const [u] = await db().select({ role: users.role }).from(users).where(eq(users.id, cast.bank.userId));
    expect(u.role).toBe('bank_officer');
  });
});

import crypto from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { applications, dataImports, loanEvents, loans, repayments, type Application, type LoanEvent } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { isIsoDate, iso, type IsoDate } from '@/lib/domain/dates';
import { formatYuan, parseYuan } from '@/lib/domain/money';
import { STATE_LABELS, type ApplicationState } from '@/lib/domain/workflow/application-states';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock, todayInChina } from '@/lib/server/clock';
import {
  REPAYMENT_IMPORT_COLUMNS, REPAYMENT_IMPORT_MAX_BYTES, REPAYMENT_IMPORT_MAX_ROWS, zBankRef, type ImportRowError, type RepaymentImportColumn,
} from '@/lib/validation/servicing';
import { readTabularFile, TabularFileError, type Cell, type TabularRow } from './read-tabular-file';
import { transitionAfterRepayment } from './transition-after-repayment';

/** A file refused whole: every error by row and column. The refusal itself is recorded (`data_imports`, rejected). */
export class RepaymentImportRejectedError extends AppError {
  readonly httpStatus = 400;
  constructor(readonly errors: ImportRowError[], readonly importId: string) {
    super('INVALID_INPUT', { message: 'repayment import rejected', userMessage: `文件有 ${errors.length} 处错误，已整体退回，未导入任何还款记录；请改正后重新上传` });
  }
}

export class RepaymentFileTooLargeError extends AppError {
  readonly httpStatus = 413;
  constructor() {
    super('INVALID_INPUT', { message: 'repayment file too large', userMessage: `文件不能超过 ${REPAYMENT_IMPORT_MAX_BYTES / 1024 / 1024} MB` });
  }
}

export interface ImportRepaymentsInput {
  fileName: string;
  content: Uint8Array;
}

export interface ImportRepaymentsResult {
  importId: string;
  fileName: string;
  sha256: string;
  rowCount: number;
  loanCount: number;
  settledCount: number;
  curedCount: number;
  /** Yuan. */
  totalPrincipal: string;
  totalInterest: string;
}

/** The states a repayment can be recorded in (the transition table's `record_repayment`). */
const REPAYABLE: ApplicationState[] = ['disbursed', 'repaying', 'extended', 'overdue'];
const C = REPAYMENT_IMPORT_COLUMNS;
const COLUMN_ORDER = Object.values(C) as string[];

interface ParsedRow {
  row: number;
  drawdownNo: string | null;
  repaidOn: IsoDate | null;
  principal: bigint | null;
  interest: bigint | null;
  bankRef: string | null;
}

interface LoanRow {
  app: Application;
  disbursedDate: IsoDate;
  outstanding: bigint;
  lastPrincipalOn: IsoDate | null;
}

function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200) || 'repayments';
}

const normalizeHeader = (v: Cell) =>
  String(v ?? '')
    .replace(/[\s\u3000\ufeff]/g, '')
    .replace(/[（(][^）)]*[）)]$/, '');

const text = (v: Cell): string => (v === null ? '' : v instanceof Date ? v.toISOString() : String(v)).trim();

/** A date cell: an Excel date, an 8-digit number, or text as 2026-03-20, 2026/3/20, 2026.3.20, 2026年3月20日, 20260320. */
function parseDateCell(v: Cell): IsoDate | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : iso(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  const s = typeof v === 'number' && Number.isInteger(v) ? String(v) : typeof v === 'string' ? v.trim() : '';
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const d = iso(Number(m[1]), Number(m[2]), Number(m[3]));
  return isIsoDate(d) ? d : null;
}

/** An amount cell in yuan: blank is 0; text may carry thousands separators or 元. */
function parseAmountCell(v: Cell): { fen: bigint } | { error: string } {
  if (v === null || (typeof v === 'string' && v.trim() === '')) return { fen: 0n };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { error: '金额不是有效数字' };
    if (v < 0) return { error: '金额不能为负数' };
    const fen = Math.round(v * 100);
    if (Math.abs(v * 100 - fen) > 1e-6) return { error: '金额最多两位小数' };
    if (fen > 99_999_999_999) return { error: '金额过大' };
    return { fen: BigInt(fen) };
  }
  const s = text(v).replace(/[,，\s]/g, '').replace(/元$/, '');
  if (/^-/.test(s)) return { error: '金额不能为负数' };
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(s)) return { error: `金额格式不正确：“${text(v).slice(0, 20)}”（应为元，最多两位小数）` };
  return { fen: parseYuan(s) };
}

/** Identifiers (借据号, 流水号) typed into Excel may arrive as numbers: integers only, exactly. */
function identifierCell(v: Cell): { value: string } | { error: string } {
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) return { error: '编号过长被 Excel 当作数字，请将该列设为文本格式后重新导出' };
    return { value: String(v) };
  }
  return { value: text(v) };
}

/**
 * 还款导入: the bank officer uploads the bank's repayment file (.xlsx or .csv) with the
 * columns 借据号 | 还款日期 | 还款本金 | 还款利息 | 银行流水号. Every row is validated —
 * the loan (an own-bank 借据号), date, amounts, principal against the outstanding
 * (accumulated over the file's rows of the same loan), the bank reference (unique in the
 * file and per loan). With any error the whole file is refused, listing every error, and
 * only the refusal is recorded; otherwise all rows are applied in one transaction (state
 * transitions included) with one `repayments.import` audit row. The same file (same
 * SHA-256) is never applied twice for a bank.
 */
export async function importRepayments(db: Db, actor: Actor, input: ImportRepaymentsInput): Promise<ImportRepaymentsResult> {
  if (!hasPermission(actor.role, 'review:bank') || actor.orgId === null) throw new AppError('FORBIDDEN');
  const orgId = actor.orgId;
  if (!(input.content instanceof Uint8Array) || input.content.byteLength === 0) throw new AppError('INVALID_INPUT', { userMessage: '请选择要导入的还款文件' });
  if (input.content.byteLength > REPAYMENT_IMPORT_MAX_BYTES) throw new RepaymentFileTooLargeError();
  const fileName = sanitizeFileName(String(input.fileName ?? ''));
  const sha256 = crypto.createHash('sha256').update(input.content).digest('hex');
  const t = clock();
  const today = todayInChina(t);

  await refuseIfApplied(db, orgId, sha256);

  const reject = async (errors: ImportRowError[], rowCount: number): Promise<never> => {
    const [row] = await db
      .insert(dataImports)
      .values({ kind: 'repayments', orgId, uploadedBy: actor.userId, fileName, sha256, rowCount, status: 'rejected', errors, createdAt: t })
      .returning({ id: dataImports.id });
    throw new RepaymentImportRejectedError(errors, row.id);
  };

  let table: TabularRow[];
  try {
    table = await readTabularFile(fileName, input.content, { maxRows: REPAYMENT_IMPORT_MAX_ROWS });
  } catch (e) {
    if (e instanceof TabularFileError) return reject([{ row: 0, column: '文件', message: e.userMessage }], 0);
    throw e;
  }
  const parsed = parseTable(table);
  if ('fatal' in parsed) return reject(parsed.fatal, Math.max(0, table.length - 1));
  const { rows, errors: cellErrors } = parsed;

  let outcome: { errors: ImportRowError[] } | { result: ImportRepaymentsResult };
  try {
    outcome = await db.transaction(async (tx) => {
      const loansByNo = await lockLoans(tx, orgId, [...new Set(rows.map((r) => r.drawdownNo).filter((x): x is string => !!x))]);
      const errors = sortErrors([...cellErrors, ...(await validateRows(tx, rows, loansByNo, today))]);
      if (errors.length) return { errors };
      return { result: await applyRows(tx, actor, orgId, { fileName, sha256 }, rows, loansByNo, t) };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', { userMessage: '有人同时导入了同一文件或登记了相同的还款，请刷新后查看导入结果' });
    throw e;
  }
  if ('errors' in outcome) return reject(outcome.errors, rows.length);
  return outcome.result;
}

async function refuseIfApplied(db: Db | Tx, orgId: number, sha256: string) {
  const [done] = await db
    .select({ createdAt: dataImports.createdAt, fileName: dataImports.fileName, rowCount: dataImports.rowCount })
    .from(dataImports)
    .where(and(eq(dataImports.kind, 'repayments'), eq(dataImports.orgId, orgId), eq(dataImports.sha256, sha256), eq(dataImports.status, 'applied')))
    .orderBy(desc(dataImports.createdAt))
    .limit(1);
  if (done) {
    const when = done.createdAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
    throw new AppError('ALREADY_EXISTS', { userMessage: `该文件已于 ${when} 导入（${done.fileName}，${done.rowCount} 行），同一文件不能重复导入` });
  }
}

/** Header mapping and per-cell checks that need no database. */
function parseTable(table: TabularRow[]): { rows: ParsedRow[]; errors: ImportRowError[] } | { fatal: ImportRowError[] } {
  if (table.length === 0) return { fatal: [{ row: 0, column: '文件', message: '文件是空的：第一行应为表头（借据号、还款日期、还款本金、还款利息、银行流水号）' }] };
  const [header, ...data] = table;
  const index = new Map<string, number>();
  const errors: ImportRowError[] = [];
  header.cells.forEach((cell, i) => {
    const name = normalizeHeader(cell);
    if (!COLUMN_ORDER.includes(name)) return;
    if (index.has(name)) errors.push({ row: header.row, column: name, message: `表头中“${name}”出现了两次` });
    else index.set(name, i);
  });
  for (const col of COLUMN_ORDER) if (!index.has(col)) errors.push({ row: header.row, column: col, message: `缺少“${col}”列（表头须包含：${COLUMN_ORDER.join('、')}）` });
  if (errors.length) return { fatal: errors };
  if (data.length === 0) return { fatal: [{ row: header.row, column: '文件', message: '文件中没有还款记录' }] };
  if (data.length > REPAYMENT_IMPORT_MAX_ROWS) return { fatal: [{ row: 0, column: '文件', message: `文件超过 ${REPAYMENT_IMPORT_MAX_ROWS} 行，请分批导入` }] };

  const cell = (r: TabularRow, key: RepaymentImportColumn) => r.cells[index.get(C[key])!] ?? null;
  const rows: ParsedRow[] = [];
  for (const r of data) {
    const err = (key: RepaymentImportColumn, message: string) => errors.push({ row: r.row, column: C[key], message });
    const p: ParsedRow = { row: r.row, drawdownNo: null, repaidOn: null, principal: null, interest: null, bankRef: null };

    const no = identifierCell(cell(r, 'drawdownNo'));
    if ('error' in no) err('drawdownNo', no.error);
    else if (!no.value) err('drawdownNo', '请填写借据号');
    else p.drawdownNo = no.value;

    const rawDate = cell(r, 'repaidOn');
    p.repaidOn = parseDateCell(rawDate);
    if (!p.repaidOn) err('repaidOn', rawDate === null || text(rawDate) === '' ? '请填写还款日期' : `日期格式不正确：“${text(rawDate).slice(0, 20)}”（应为 YYYY-MM-DD）`);

    const principal = parseAmountCell(cell(r, 'principal'));
    if ('error' in principal) err('principal', principal.error);
    else p.principal = principal.fen;
    const interest = parseAmountCell(cell(r, 'interest'));
    if ('error' in interest) err('interest', interest.error);
    else p.interest = interest.fen;
    if (p.principal === 0n && p.interest === 0n) err('principal', '还款本金和利息不能都为 0');

    const ref = identifierCell(cell(r, 'bankRef'));
    if ('error' in ref) err('bankRef', ref.error);
    else {
      const checked = zBankRef.safeParse(ref.value);
      if (checked.success) p.bankRef = checked.data;
      else err('bankRef', checked.error.issues[0].message);
    }
    rows.push(p);
  }
  return { rows, errors };
}

/** The own bank's loans with these 借据号, their applications locked (in id order), with outstanding principal. */
async function lockLoans(tx: Tx, orgId: number, drawdownNos: string[]): Promise<Map<string, LoanRow[]>> {
  const out = new Map<string, LoanRow[]>();
  if (drawdownNos.length === 0) return out;
  const found = await tx
    .select({ applicationId: loans.applicationId, drawdownNo: loans.drawdownNo, disbursedDate: loans.disbursedDate, disbursedFen: loans.disbursedFen })
    .from(loans)
    .where(and(eq(loans.bankOrgId, orgId), inArray(loans.drawdownNo, drawdownNos)));
  const disbursed = found.filter((l) => l.disbursedDate !== null && l.disbursedFen !== null);
  if (disbursed.length === 0) return out;
  const ids = disbursed.map((l) => l.applicationId);
  const apps = await tx
    .select()
    .from(applications)
    .where(and(inArray(applications.id, ids), eq(applications.bankOrgId, orgId)))
    .orderBy(asc(applications.id))
    .for('update');
  const sums = await tx
    .select({
      applicationId: repayments.applicationId,
      principal: sql<string>`sum(${repayments.principalFen})::text`,
      lastPrincipalOn: sql<string | null>`(max(${repayments.repaidOn}) filter (where ${repayments.principalFen} > 0))::text`,
    })
    .from(repayments)
    .where(inArray(repayments.applicationId, ids))
    .groupBy(repayments.applicationId);
  const appById = new Map(apps.map((a) => [a.id, a]));
  const sumById = new Map(sums.map((s) => [s.applicationId, s]));
  for (const l of disbursed) {
    const app = appById.get(l.applicationId);
    if (!app) continue;
    const s = sumById.get(l.applicationId);
    const list = out.get(l.drawdownNo!) ?? [];
    list.push({ app, disbursedDate: l.disbursedDate!, outstanding: l.disbursedFen! - BigInt(s?.principal ?? '0'), lastPrincipalOn: s?.lastPrincipalOn ?? null });
    out.set(l.drawdownNo!, list);
  }
  return out;
}

async function validateRows(tx: Tx, rows: ParsedRow[], loansByNo: Map<string, LoanRow[]>, today: IsoDate): Promise<ImportRowError[]> {
  const errors: ImportRowError[] = [];
  const appIds = [...new Set([...loansByNo.values()].flat().map((l) => l.app.id))];
  const refs = [...new Set(rows.map((r) => r.bankRef).filter((x): x is string => !!x))];
  const existing = appIds.length && refs.length
    ? await tx
        .select({ applicationId: repayments.applicationId, bankRef: repayments.bankRef, repaidOn: repayments.repaidOn })
        .from(repayments)
        .where(and(inArray(repayments.applicationId, appIds), inArray(repayments.bankRef, refs)))
    : [];
  const inDb = new Map(existing.map((e) => [`${e.applicationId}\u0000${e.bankRef}`, e.repaidOn]));
  const firstRowOfRef = new Map<string, number>();
  const remaining = new Map<string, bigint>();

  for (const r of rows) {
    const err = (key: RepaymentImportColumn, message: string) => errors.push({ row: r.row, column: C[key], message });
    if (r.bankRef !== null) {
      const prior = firstRowOfRef.get(r.bankRef);
      if (prior !== undefined) err('bankRef', `银行流水号与第 ${prior} 行重复`);
      else firstRowOfRef.set(r.bankRef, r.row);
    }
    // Cell errors of this row were reported already; check what can be checked.
    if (r.drawdownNo === null) continue;
    const candidates = loansByNo.get(r.drawdownNo) ?? [];
    if (candidates.length === 0) {
      err('drawdownNo', `借据号“${r.drawdownNo}”不存在或不是本行已放款的贷款`);
      continue;
    }
    if (candidates.length > 1) {
      err('drawdownNo', `借据号“${r.drawdownNo}”对应多笔贷款，请在贷款页面逐笔登记`);
      continue;
    }
    const loan = candidates[0];
    if (!REPAYABLE.includes(loan.app.state)) {
      err('drawdownNo', `该贷款当前状态为“${STATE_LABELS[loan.app.state]}”，不能登记还款`);
      continue;
    }
    if (r.repaidOn !== null && r.repaidOn < loan.disbursedDate) err('repaidOn', `还款日期不能早于放款日期（${loan.disbursedDate}）`);
    else if (r.repaidOn !== null && r.repaidOn > today) err('repaidOn', `还款日期不能晚于今天（${today}）`);
    const dbDate = r.bankRef === null ? undefined : inDb.get(`${loan.app.id}\u0000${r.bankRef}`);
    if (dbDate !== undefined) err('bankRef', `该银行流水号已登记过还款（${dbDate}），不能重复登记`);
    if (r.principal === null) continue;
    const left = remaining.get(loan.app.id) ?? loan.outstanding;
    if (r.principal > left) {
      err('principal', left === loan.outstanding ? `还款本金超过未还本金 ${formatYuan(left)} 元` : `还款本金超过未还本金：计入本文件前面各行后仅剩 ${formatYuan(left)} 元`);
    } else remaining.set(loan.app.id, left - r.principal);
  }
  return errors;
}

function sortErrors(errors: ImportRowError[]): ImportRowError[] {
  const col = (c: string) => (COLUMN_ORDER.indexOf(c) + 1 || 99);
  return errors.sort((a, b) => a.row - b.row || col(a.column) - col(b.column));
}

async function applyRows(
  tx: Tx, actor: Actor, orgId: number, file: { fileName: string; sha256: string }, rows: ParsedRow[], loansByNo: Map<string, LoanRow[]>, t: Date,
): Promise<ImportRepaymentsResult> {
  // Checked again under the transaction: the unique index on applied imports settles a race.
  await refuseIfApplied(tx, orgId, file.sha256);
  const [imp] = await tx
    .insert(dataImports)
    .values({ kind: 'repayments', orgId, uploadedBy: actor.userId, fileName: file.fileName, sha256: file.sha256, rowCount: rows.length, status: 'applied', errors: null, createdAt: t })
    .returning({ id: dataImports.id });

  const loanOf = (r: ParsedRow) => loansByNo.get(r.drawdownNo!)![0];
  const values = rows.map((r) => ({
    applicationId: loanOf(r).app.id, repaidOn: r.repaidOn!, principalFen: r.principal!, interestFen: r.interest!, bankRef: r.bankRef!,
    source: 'import' as const, importId: imp.id, recordedBy: actor.userId, createdAt: t,
  }));
  for (let i = 0; i < values.length; i += 1000) await tx.insert(repayments).values(values.slice(i, i + 1000));

  // One state change per loan, after all its rows.
  const byLoan = new Map<string, { loan: LoanRow; rows: ParsedRow[] }>();
  for (const r of rows) {
    const loan = loanOf(r);
    const g = byLoan.get(loan.app.id) ?? { loan, rows: [] };
    g.rows.push(r);
    byLoan.set(loan.app.id, g);
  }
  const overdueIds = [...byLoan.values()].filter((g) => g.loan.app.state === 'overdue').map((g) => g.loan.app.id);
  const events = overdueIds.length
    ? await tx.select().from(loanEvents).where(inArray(loanEvents.applicationId, overdueIds)).orderBy(asc(loanEvents.effectiveDate), asc(loanEvents.id))
    : [];
  const eventsOf = (id: string): LoanEvent[] => events.filter((e) => e.applicationId === id);

  let settledCount = 0;
  let curedCount = 0;
  for (const { loan, rows: mine } of byLoan.values()) {
    const principal = mine.reduce((s, r) => s + r.principal!, 0n);
    const dates = mine.map((r) => r.repaidOn!).sort();
    const principalDates = [loan.lastPrincipalOn, ...mine.filter((r) => r.principal! > 0n).map((r) => r.repaidOn!)].filter((d): d is string => !!d).sort();
    if (loan.app.state === 'overdue') curedCount++;
    const updated = await transitionAfterRepayment(tx, actor, loan.app, { events: eventsOf(loan.app.id) }, {
      outstandingAfter: loan.outstanding - principal,
      lastRepaidOn: dates.at(-1)!,
      lastPrincipalOn: principalDates.at(-1) ?? null,
    }, t);
    if (updated.state === 'settled') settledCount++;
  }

  const totalPrincipal = rows.reduce((s, r) => s + r.principal!, 0n);
  const totalInterest = rows.reduce((s, r) => s + r.interest!, 0n);
  await writeAuditLog(tx, {
    actor: auditActor(actor),
    event: 'repayments.import',
    objectType: 'data_import',
    objectId: imp.id,
    detail: { count: rows.length, sha256: file.sha256, fileName: file.fileName, loans: byLoan.size, settled: settledCount, cured: curedCount, principalFen: totalPrincipal.toString(), interestFen: totalInterest.toString() },
  }, t);
  return {
    importId: imp.id, fileName: file.fileName, sha256: file.sha256, rowCount: rows.length, loanCount: byLoan.size, settledCount, curedCount,
    totalPrincipal: formatYuan(totalPrincipal), totalInterest: formatYuan(totalInterest),
  };
}

import crypto from 'node:crypto';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { dataImports, wageRefundRecords, type WageRefundRecord } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { maskBankAccount } from '@/lib/domain/mask';
import { formatYuan, parseYuan } from '@/lib/domain/money';
import { RuleError, type RuleCatalog } from '@/lib/domain/rules';
import { validateMobile, validateUscc } from '@/lib/domain/validators';
import { wageRefundStatesFor, wageRefundTargetOf } from '@/lib/domain/workflow/wage-refund-workflow';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { encryptPii } from '@/lib/server/crypto/pii';
import { getRuleCatalog } from '@/lib/server/policy/get-rule-catalog';
import { readTabularFile, TabularFileError, type Cell, type TabularRow } from '@/lib/server/servicing/read-tabular-file';
import type { ImportRowError } from '@/lib/validation/servicing';
import {
  WAGE_REFUND_IMPORT_COLUMNS, WAGE_REFUND_IMPORT_MAX_BYTES, WAGE_REFUND_IMPORT_MAX_ROWS, WAGE_REFUND_STATUS_LABELS, zPolicyYear, type WageRefundImportColumn,
} from '@/lib/validation/wage-refund';
import { computeRecord, type WageRefundFacts } from './wage-refund-engine';

/** A file refused whole: every error by row and column. The refusal itself is recorded (`data_imports`, rejected). */
export class SocialInsuranceImportRejectedError extends AppError {
  readonly httpStatus = 400;
  constructor(readonly errors: ImportRowError[], readonly importId: string) {
    super('INVALID_INPUT', { message: 'social-insurance import rejected', userMessage: `文件有 ${errors.length} 处错误，已整体退回，未导入任何企业数据；请改正后重新上传` });
  }
}

export class SocialInsuranceFileTooLargeError extends AppError {
  readonly httpStatus = 413;
  constructor() {
    super('INVALID_INPUT', { message: 'social-insurance file too large', userMessage: `文件不能超过 ${WAGE_REFUND_IMPORT_MAX_BYTES / 1024 / 1024} MB` });
  }
}

export interface ImportSocialInsuranceInput {
  fileName: string;
  content: Uint8Array;
  policyYear: unknown;
}

export interface ImportSocialInsuranceResult {
  importId: string;
  fileName: string;
  sha256: string;
  policyYear: number;
  rowCount: number;
  created: number;
  updated: number;
  /** Enterprises that had already confirmed, declined or been batched: their records are kept as they are. */
  skipped: { row: number; uscc: string; status: string }[];
  eligibleCount: number;
  /** Yuan, over the records written by this import. */
  eligibleTotal: string;
}

const C = WAGE_REFUND_IMPORT_COLUMNS;
const COLUMN_ORDER = Object.values(C) as string[];
const HEADER_ALIASES: Record<string, string> = { '注销/吊销': C.deregistered, 注销或吊销: C.deregistered, 手机号码: C.mobile, 联系电话: C.mobile, 银行账户: C.accountNo, 账号: C.accountNo };
/** What a re-import may overwrite (the transition table's 'reimport'); everything else an enterprise or a reviewer has acted on is kept. */
const REIMPORTABLE = wageRefundStatesFor('reimport');
const isLocked = (s: WageRefundRecord['status'] | undefined) => s !== undefined && !REIMPORTABLE.includes(s);

interface ParsedRow extends Omit<WageRefundFacts, 'policyYear'> {
  row: number;
  uscc: string;
  name: string;
  mobile: string | null;
  account: { name: string; number: string; bank: string } | null;
}

function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200) || 'social-insurance';
}

const normalizeHeader = (v: Cell) => {
  const s = String(v ?? '')
    .replace(/[\s\u3000\ufeff]/g, '')
    .replace(/[（(][^）)]*[）)]$/, '');
  return HEADER_ALIASES[s] ?? s;
};

const text = (v: Cell): string => (v === null ? '' : v instanceof Date ? v.toISOString() : String(v)).trim();
const blank = (v: Cell) => v === null || text(v) === '';

/** A whole number in [min, max]; Excel numbers must be integers, text may carry thousands separators. */
function intCell(v: Cell, label: string, min: number, max: number): { value: number } | { error: string } {
  if (blank(v)) return { error: `请填写${label}` };
  let n: number;
  if (typeof v === 'number') n = v;
  else {
    const s = text(v).replace(/[,，]/g, '');
    if (!/^-?\d+(\.0+)?$/.test(s)) return { error: `${label}应为整数：“${text(v).slice(0, 20)}”` };
    n = Number(s);
  }
  if (!Number.isSafeInteger(n)) return { error: `${label}应为整数` };
  if (n < min) return { error: `${label}不能小于 ${min}` };
  if (n > max) return { error: `${label}不能超过 ${max}` };
  return { value: n };
}

/** Yuan, at most two decimals, not negative. */
function amountCell(v: Cell, label: string): { fen: bigint } | { error: string } {
  if (blank(v)) return { error: `请填写${label}` };
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { error: `${label}不是有效数字` };
    if (v < 0) return { error: `${label}不能为负数` };
    const fen = Math.round(v * 100);
    if (Math.abs(v * 100 - fen) > 1e-6) return { error: `${label}最多两位小数` };
    if (fen > 99_999_999_999_99) return { error: `${label}过大` };
    return { fen: BigInt(fen) };
  }
  const s = text(v).replace(/[,，\s]/g, '').replace(/元$/, '');
  if (/^-/.test(s)) return { error: `${label}不能为负数` };
  if (!/^\d{1,13}(\.\d{1,2})?$/.test(s)) return { error: `${label}格式不正确：“${text(v).slice(0, 20)}”（应为元，最多两位小数）` };
  return { fen: parseYuan(s) };
}

function yesNoCell(v: Cell, label: string): { value: boolean } | { error: string } {
  if (typeof v === 'boolean') return { value: v };
  const s = text(v).toUpperCase();
  if (['是', 'Y', 'YES', 'TRUE', '1'].includes(s)) return { value: true };
  if (['否', 'N', 'NO', 'FALSE', '0'].includes(s)) return { value: false };
  return { error: s === '' ? `请填写${label}（是/否）` : `${label}只能填“是”或“否”：“${text(v).slice(0, 20)}”` };
}

function sizeCell(v: Cell): { value: 'large' | 'sme' } | { error: string } {
  const s = text(v).replace(/\s/g, '');
  if (['大型', '大型企业'].includes(s)) return { value: 'large' };
  if (['中小微', '中小微企业', '中型', '小型', '微型', '中型企业', '小型企业', '微型企业'].includes(s)) return { value: 'sme' };
  return { error: s === '' ? '请填写企业规模（大型/中小微）' : `企业规模只能填“大型”或“中小微”：“${s.slice(0, 20)}”` };
}

/** Identifiers typed into Excel arrive as numbers: only exact integers are accepted. */
function identifier(v: Cell): { value: string } | { error: string } {
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) return { error: '数字过长被 Excel 当作数值，请将该列设为文本格式后重新导出' };
    return { value: String(v) };
  }
  return { value: text(v) };
}

/**
 * 稳岗返还 免申即享, step 1: finance or HR imports the previous year's social-insurance
 * data (.xlsx/.csv) for a policy year. Every row is validated (USCC check digit, size class,
 * whole numbers, amounts, 是/否 flags, mobile, account as a group with 8–30 digits, no USCC
 * twice); with any error the whole file is refused listing every error, and only the
 * refusal is recorded. Otherwise each enterprise is computed by the rules engine and
 * upserted by (year, USCC) in one transaction — except those that already confirmed,
 * declined or were batched, which stay as they are and are reported. The same file is
 * never applied twice.
 */
export async function importSocialInsurance(db: Db, actor: Actor, input: ImportSocialInsuranceInput): Promise<ImportSocialInsuranceResult> {
  if (!hasPermission(actor.role, 'subsidy:import_insurance_data')) throw new AppError('FORBIDDEN');
  const year = zPolicyYear.safeParse(input.policyYear);
  if (!year.success) throw new AppError('INVALID_INPUT', { userMessage: year.error.issues[0].message, fieldErrors: { policyYear: year.error.issues[0].message } });
  const policyYear = year.data;
  if (!(input.content instanceof Uint8Array) || input.content.byteLength === 0) throw new AppError('INVALID_INPUT', { userMessage: '请选择要导入的参保数据文件' });
  if (input.content.byteLength > WAGE_REFUND_IMPORT_MAX_BYTES) throw new SocialInsuranceFileTooLargeError();
  const catalog = await getRuleCatalog(db);
  assertYearHasRatios(catalog, policyYear);

  const fileName = sanitizeFileName(String(input.fileName ?? ''));
  const sha256 = crypto.createHash('sha256').update(input.content).digest('hex');
  const t = clock();
  await refuseIfApplied(db, sha256);

  const reject = async (errors: ImportRowError[], rowCount: number): Promise<never> => {
    const [row] = await db
      .insert(dataImports)
      .values({ kind: 'social_insurance', orgId: actor.orgId, uploadedBy: actor.userId, fileName, sha256, rowCount, status: 'rejected', errors, createdAt: t })
      .returning({ id: dataImports.id });
    throw new SocialInsuranceImportRejectedError(errors, row.id);
  };

  let table: TabularRow[];
  try {
    table = await readTabularFile(fileName, input.content, { maxRows: WAGE_REFUND_IMPORT_MAX_ROWS });
  } catch (e) {
    if (e instanceof TabularFileError) return reject([{ row: 0, column: '文件', message: e.userMessage }], 0);
    throw e;
  }
  const parsed = parseTable(table);
  if ('fatal' in parsed) return reject(parsed.fatal, Math.max(0, table.length - 1));
  const { rows, errors, dataCount } = parsed;

  // The engine on every valid row (it refuses what the cells cannot: e.g. an unknown year).
  const computed = new Map<number, ReturnType<typeof computeRecord>>();
  for (const r of rows) {
    try {
      computed.set(r.row, computeRecord({ ...r, policyYear }, catalog));
    } catch (e) {
      if (e instanceof RuleError) errors.push({ row: r.row, column: C.avgInsured, message: e.message });
      else throw e;
    }
  }
  if (errors.length) return reject(sortErrors(errors), dataCount);

  try {
    return await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(72707101, ${policyYear})`);
      await refuseIfApplied(tx, sha256);
      const [imp] = await tx
        .insert(dataImports)
        .values({ kind: 'social_insurance', orgId: actor.orgId, uploadedBy: actor.userId, fileName, sha256, rowCount: rows.length, status: 'applied', errors: null, createdAt: t })
        .returning({ id: dataImports.id });

      const existing = new Map<string, WageRefundRecord['status']>();
      const usccs = rows.map((r) => r.uscc);
      for (let i = 0; i < usccs.length; i += 1000) {
        const found = await tx
          .select({ uscc: wageRefundRecords.uscc, status: wageRefundRecords.status })
          .from(wageRefundRecords)
          .where(and(eq(wageRefundRecords.policyYear, policyYear), inArray(wageRefundRecords.uscc, usccs.slice(i, i + 1000))))
          .for('update');
        for (const f of found) existing.set(f.uscc, f.status);
      }
      const skipped = rows
        .filter((r) => isLocked(existing.get(r.uscc)))
        .map((r) => ({ row: r.row, uscc: r.uscc, status: WAGE_REFUND_STATUS_LABELS[existing.get(r.uscc)!] }));
      const writable = rows.filter((r) => !isLocked(existing.get(r.uscc)));

      const values = writable.map((r) => {
        const c = computed.get(r.row)!;
        return {
          policyYear,
          uscc: r.uscc,
          enterpriseName: r.name,
          sizeClass: r.sizeClass,
          avgInsured: r.avgInsured,
          layoffs: r.layoffs,
          premiumsPaidFen: r.premiumsPaidFen,
          monthsInsured: r.monthsInsured,
          seriousDishonesty: r.seriousDishonesty,
          deregistered: r.deregistered,
          abnormalOperation: r.abnormalOperation,
          arrears: r.arrears,
          contactMobile: r.mobile,
          accountName: r.account?.name ?? null,
          accountNoEnc: r.account ? encryptPii(r.account.number) : null,
          accountNoMasked: r.account ? maskBankAccount(r.account.number) : null,
          accountBank: r.account?.bank ?? null,
          eligible: c.eligible,
          amountFen: c.amountFen,
          result: c.result,
          status: wageRefundTargetOf('reimport'),
          pendingChange: null,
          confirmCodeHash: null,
          confirmCodeExpiresAt: null,
          confirmAttempts: 0,
          confirmedAt: null,
          importId: imp.id,
          createdAt: t,
          updatedAt: t,
        };
      });
      const excluded = (col: string) => sql.raw(`excluded.${col}`);
      for (let i = 0; i < values.length; i += 500) {
        await tx
          .insert(wageRefundRecords)
          .values(values.slice(i, i + 500))
          .onConflictDoUpdate({
            target: [wageRefundRecords.policyYear, wageRefundRecords.uscc],
            set: {
              version: sql`${wageRefundRecords.version} + 1`,
              ...Object.fromEntries(
                [
                  'enterprise_name', 'size_class', 'avg_insured', 'layoffs', 'premiums_paid_fen', 'months_insured', 'serious_dishonesty', 'deregistered',
                  'abnormal_operation', 'arrears', 'contact_mobile', 'account_name', 'account_no_enc', 'account_no_masked', 'account_bank', 'eligible',
                  'amount_fen', 'result', 'status', 'pending_change', 'confirm_code_hash', 'confirm_code_expires_at', 'confirm_attempts', 'confirmed_at', 'import_id', 'updated_at',
                ].map((col) => [toCamel(col), excluded(col)]),
              ),
            },
            // Never overwrite what an enterprise confirmed, what awaits review or what is in a batch, even in a race.
            setWhere: inArray(wageRefundRecords.status, [...REIMPORTABLE]),
          });
      }

      const eligible = writable.filter((r) => computed.get(r.row)!.eligible);
      const eligibleTotal = eligible.reduce((s, r) => s + computed.get(r.row)!.amountFen, 0n);
      const created = writable.filter((r) => !existing.has(r.uscc)).length;
      await writeAuditLog(tx, {
        actor: auditActor(actor),
        event: 'wage_refund.import',
        objectType: 'data_import',
        objectId: imp.id,
        detail: { policyYear, fileName, sha256, rows: rows.length, created, updated: writable.length - created, skipped: skipped.length, eligible: eligible.length, eligibleFen: eligibleTotal.toString() },
      }, t);
      return {
        importId: imp.id, fileName, sha256, policyYear, rowCount: rows.length, created, updated: writable.length - created, skipped,
        eligibleCount: eligible.length, eligibleTotal: formatYuan(eligibleTotal),
      };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', { userMessage: '有人同时导入了同一文件，请刷新后查看导入结果' });
    throw e;
  }
}

const toCamel = (col: string) => col.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function assertYearHasRatios(catalog: RuleCatalog, policyYear: number) {
  try {
    computeRecord(
      { policyYear, sizeClass: 'sme', avgInsured: 1, layoffs: 0, premiumsPaidFen: 0n, monthsInsured: 12, seriousDishonesty: false, deregistered: false, abnormalOperation: false, arrears: false },
      catalog,
    );
  } catch (e) {
    if (e instanceof RuleError) throw new AppError('INVALID_INPUT', { userMessage: e.message, fieldErrors: { policyYear: e.message } });
    throw e;
  }
}

async function refuseIfApplied(db: Db | Tx, sha256: string) {
  const [done] = await db
    .select({ createdAt: dataImports.createdAt, fileName: dataImports.fileName, rowCount: dataImports.rowCount })
    .from(dataImports)
    .where(and(eq(dataImports.kind, 'social_insurance'), eq(dataImports.sha256, sha256), eq(dataImports.status, 'applied')))
    .orderBy(desc(dataImports.createdAt))
    .limit(1);
  if (done) {
    const when = done.createdAt.toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
    throw new AppError('ALREADY_EXISTS', { userMessage: `该文件已于 ${when} 导入（${done.fileName}，${done.rowCount} 行），同一文件不能重复导入` });
  }
}

function parseTable(table: TabularRow[]): { rows: ParsedRow[]; errors: ImportRowError[]; dataCount: number } | { fatal: ImportRowError[] } {
  if (table.length === 0) return { fatal: [{ row: 0, column: '文件', message: `文件是空的：第一行应为表头（${COLUMN_ORDER.join('、')}）` }] };
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
  if (data.length === 0) return { fatal: [{ row: header.row, column: '文件', message: '文件中没有企业数据' }] };
  if (data.length > WAGE_REFUND_IMPORT_MAX_ROWS) return { fatal: [{ row: 0, column: '文件', message: `文件超过 ${WAGE_REFUND_IMPORT_MAX_ROWS} 行，请分批导入` }] };

  const cell = (r: TabularRow, key: WageRefundImportColumn) => r.cells[index.get(C[key])!] ?? null;
  const rows: ParsedRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const r of data) {
    const before = errors.length;
    const err = (key: WageRefundImportColumn, message: string) => errors.push({ row: r.row, column: C[key], message });
    const p: Partial<ParsedRow> & { row: number } = { row: r.row };

    const uscc = identifier(cell(r, 'uscc'));
    if ('error' in uscc) err('uscc', uscc.error);
    else if (!uscc.value) err('uscc', '请填写统一社会信用代码');
    else {
      const v = validateUscc(uscc.value);
      if (!v.valid) err('uscc', `${v.message}：“${uscc.value.slice(0, 20)}”`);
      else {
        const prior = firstRowOf.get(v.normalized);
        if (prior !== undefined) err('uscc', `统一社会信用代码与第 ${prior} 行重复`);
        else firstRowOf.set(v.normalized, r.row);
        p.uscc = v.normalized;
      }
    }

    const name = text(cell(r, 'name'));
    if (!name) err('name', '请填写单位名称');
    else if (name.length > 100) err('name', '单位名称最多 100 个字');
    else p.name = name;

    const size = sizeCell(cell(r, 'size'));
    if ('error' in size) err('size', size.error);
    else p.sizeClass = size.value;

    const avg = intCell(cell(r, 'avgInsured'), '月均参保人数', 1, 10_000_000);
    if ('error' in avg) err('avgInsured', avg.error);
    else p.avgInsured = avg.value;
    const layoffs = intCell(cell(r, 'layoffs'), '裁员人数', 0, 10_000_000);
    if ('error' in layoffs) err('layoffs', layoffs.error);
    else p.layoffs = layoffs.value;
    const premiums = amountCell(cell(r, 'premiums'), '实缴失业保险费');
    if ('error' in premiums) err('premiums', premiums.error);
    else p.premiumsPaidFen = premiums.fen;
    const months = intCell(cell(r, 'monthsInsured'), '连续参保月数', 0, 1200);
    if ('error' in months) err('monthsInsured', months.error);
    else p.monthsInsured = months.value;

    for (const key of ['seriousDishonesty', 'deregistered', 'abnormalOperation', 'arrears'] as const) {
      const yn = yesNoCell(cell(r, key), C[key]);
      if ('error' in yn) err(key, yn.error);
      else p[key] = yn.value;
    }

    const mobileCell = identifier(cell(r, 'mobile'));
    if ('error' in mobileCell) err('mobile', mobileCell.error);
    else if (mobileCell.value === '') p.mobile = null;
    else {
      const m = validateMobile(mobileCell.value);
      if (!m.valid) err('mobile', `${m.message}：“${mobileCell.value.slice(0, 20)}”`);
      else p.mobile = m.normalized;
    }

    const accountName = text(cell(r, 'accountName'));
    const accountBank = text(cell(r, 'accountBank'));
    const accountNo = identifier(cell(r, 'accountNo'));
    const accountNoText = 'value' in accountNo ? accountNo.value.replace(/[\s-]/g, '') : null;
    if (!accountName && !accountBank && accountNoText === '') p.account = null;
    else {
      if (!accountName) err('accountName', '填写了收款账户的，请同时填写开户名');
      else if (accountName.length > 100) err('accountName', '开户名最多 100 个字');
      if ('error' in accountNo) err('accountNo', accountNo.error);
      else if (accountNoText === '') err('accountNo', '填写了收款账户的，请同时填写银行账号');
      else if (!/^\d{8,30}$/.test(accountNoText!)) err('accountNo', `银行账号应为 8 至 30 位数字：“${accountNo.value.slice(0, 40)}”`);
      if (!accountBank) err('accountBank', '填写了收款账户的，请同时填写开户行');
      else if (accountBank.length > 100) err('accountBank', '开户行最多 100 个字');
      if (accountName && accountBank && accountNoText) p.account = { name: accountName, number: accountNoText, bank: accountBank };
    }

    if (errors.length === before) rows.push(p as ParsedRow);
  }
  return { rows, errors, dataCount: data.length };
}

function sortErrors(errors: ImportRowError[]): ImportRowError[] {
  const col = (c: string) => COLUMN_ORDER.indexOf(c) + 1 || 99;
  return errors.sort((a, b) => a.row - b.row || col(a.column) - col(b.column));
}

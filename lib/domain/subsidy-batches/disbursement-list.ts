/**
 * The 拨付清单 (disbursement list) of a batch: the columns of policy-research §6.2, a title,
 * the batch number with its control totals (line count, Σ subsidy) above the header, one row
 * per line and a totals row (Σ loan amount, Σ interest, Σ borrower interest, Σ subsidy,
 * count). The totals are summed while the lines stream and must equal the control totals
 * recorded on the batch, or the list is refused. Two variants: `masked` (ID and account
 * masked, for finance and the archive) and `payment` (in full, for the paying bank only).
 */
import { formatYuan } from '../money';
import { amountInChineseCapitals } from '../paper/chinese-capitals';
import type { ClaimLineDetail } from './claim-line';
import { PAYEE_TEXT } from './claim-line';
import type { SheetCell, SheetRow } from './sheet';

export type ExportVariant = 'masked' | 'payment';
export type ExportFormat = 'xlsx' | 'csv';

/** One line as the list needs it (the trace stays in the database). */
export interface ExportLine<D = Omit<ClaimLineDetail, 'trace'>> {
  seq: number;
  amountFen: bigint;
  payeeName: string;
  /** Masked or in full, by variant. */
  payeeId: string | null;
  payeeAccount: string | null;
  payeeBankName: string | null;
  detail: D;
}

/** The lines of the yearly schemes (稳岗返还, hiring subsidies) carry their own ordered list columns. */
export interface ColumnsDetail {
  columns: [label: string, value: string][];
}

export interface ExportBatchInfo {
  kind: 'interest' | 'wage_refund' | 'hiring';
  number: string;
  period: string;
  round: number;
  bankName: string;
  lineCount: number;
  totalFen: bigint;
  hrReview: { by: string; on: string } | null;
  financeReview: { by: string; on: string } | null;
  variant: ExportVariant;
  /**
   * The audit chain's head when the list was written (seq, hash, China time): the finance
   * bureau's copy then witnesses the log independently. Absent: no such cells (lists built
   * outside the server); null: the log was empty.
   */
  chainHead?: { seq: number; hash: string; at: string } | null;
  /** 填报单位: the organisation the list is issued by (absent: left blank for the hand). */
  filer?: string;
}

const text = (v: string | null | undefined): SheetCell => (v === null || v === undefined || v === '' ? null : { t: 's', v });
const int = (v: number): SheetCell => ({ t: 'n', v: String(v) });
const fen = (v: bigint | string, style: 'amount' | 'boldAmount' = 'amount'): SheetCell => ({ t: 'n', v: formatYuan(BigInt(v)), style });
const yesNo = (v: boolean): SheetCell => ({ t: 's', v: v ? '是' : '否' });
const review = (r: { by: string; on: string } | null) => (r ? `${r.by} ${r.on}` : null);

interface Column {
  header: string;
  width: number;
  cell: (l: ExportLine, b: ExportBatchInfo) => SheetCell;
}

export const DISBURSEMENT_COLUMNS: readonly Column[] = [
  { header: '序号', width: 7, cell: (l) => int(l.seq) },
  { header: '批次号', width: 26, cell: (_, b) => text(b.number) },
  { header: '借款人姓名/企业名称', width: 16, cell: (l) => text(l.detail.borrowerName) },
  { header: '证件类型', width: 12, cell: (l) => text(l.detail.idType) },
  { header: '身份证号/统一社会信用代码', width: 22, cell: (l) => text(l.payeeId) },
  { header: '借款类型', width: 9, cell: (l) => text(l.detail.loanType) },
  { header: '人员类别', width: 16, cell: (l) => text(l.detail.category) },
  { header: '所属镇街', width: 12, cell: (l) => text(l.detail.town) },
  { header: '经办银行', width: 24, cell: (l) => text(l.detail.bank) },
  { header: '合同编号', width: 18, cell: (l) => text(l.detail.contractNo) },
  { header: '借据号', width: 18, cell: (l) => text(l.detail.drawdownNo) },
  { header: '合同签订日', width: 11, cell: (l) => text(l.detail.contractDate) },
  { header: '放款日', width: 11, cell: (l) => text(l.detail.disbursedDate) },
  { header: '到期日', width: 11, cell: (l) => text(l.detail.maturityDate) },
  { header: '贷款金额（元）', width: 14, cell: (l) => fen(l.detail.loanAmountFen) },
  { header: '计息本金（元）', width: 14, cell: (l) => fen(l.detail.principalFen) },
  { header: '签约日LPR（%）', width: 10, cell: (l) => text(l.detail.lprKind === 'LPR' ? l.detail.lpr : `${l.detail.lpr}（基准利率）`) },
  { header: '合同利率（%）', width: 10, cell: (l) => text(l.detail.contractRate) },
  { header: '贴息规则版本', width: 22, cell: (l) => text(`${l.detail.ruleSet}（${l.detail.regime}）`) },
  { header: '借款人承担利率（%）', width: 10, cell: (l) => text(l.detail.borrowerRate) },
  { header: '贴息利率（%）', width: 10, cell: (l) => text(l.detail.subsidyRate) },
  { header: '计息起日', width: 11, cell: (l) => text(l.detail.periodStart) },
  { header: '计息止日', width: 11, cell: (l) => text(l.detail.periodEnd) },
  { header: '计息天数', width: 8, cell: (l) => int(l.detail.days) },
  { header: '应计利息（元）', width: 12, cell: (l) => fen(l.detail.totalInterestFen) },
  { header: '借款人承担利息（元）', width: 12, cell: (l) => fen(l.detail.borrowerInterestFen) },
  { header: '应贴息金额（元）', width: 12, cell: (l) => fen(l.amountFen) },
  { header: '是否逾期', width: 8, cell: (l) => yesNo(l.detail.overdue) },
  { header: '是否展期', width: 8, cell: (l) => yesNo(l.detail.extended) },
  { header: '贴息截止日', width: 11, cell: (l) => text(l.detail.subsidyWindowLastDay) },
  { header: '收款方', width: 8, cell: (l) => text(PAYEE_TEXT[l.detail.payee]) },
  { header: '收款户名', width: 16, cell: (l) => text(l.payeeName) },
  { header: '收款账号', width: 22, cell: (l) => text(l.payeeAccount) },
  { header: '开户行', width: 20, cell: (l) => text(l.payeeBankName) },
  { header: '人社审核人/日期', width: 18, cell: (_, b) => text(review(b.hrReview)) },
  { header: '担保机构审核人/日期', width: 18, cell: (l) => text(l.detail.guaranteeReviewer ? `${l.detail.guaranteeReviewer} ${l.detail.guaranteeReviewedOn ?? ''}`.trim() : null) },
  { header: '财政审核人/日期', width: 18, cell: (_, b) => text(review(b.financeReview)) },
  { header: '备注', width: 30, cell: (l) => text(l.detail.note) },
];

export const COLUMN_INDEX = Object.fromEntries(DISBURSEMENT_COLUMNS.map((c, i) => [c.header, i])) as Record<string, number>;
/** Rows above the header: the title and the batch's control totals. */
export const HEADER_ROW = 3;

export class ControlTotalMismatchError extends Error {
  constructor(readonly expected: { count: number; totalFen: bigint }, readonly actual: { count: number; totalFen: bigint }) {
    super(`control totals differ: expected ${expected.count} lines / ${expected.totalFen} fen, got ${actual.count} / ${actual.totalFen}`);
    this.name = 'ControlTotalMismatchError';
  }
}

export interface ListTotals {
  count: number;
  loanAmountFen: bigint;
  totalInterestFen: bigint;
  borrowerInterestFen: bigint;
  subsidyFen: bigint;
}

/** Every row of the list, streaming the lines once; throws ControlTotalMismatchError at the end when the sums differ. */
export async function* disbursementRows(b: ExportBatchInfo, lines: AsyncIterable<ExportLine>, onTotals?: (t: ListTotals) => void): AsyncGenerator<SheetRow> {
  yield* titleRows(b);
  yield DISBURSEMENT_COLUMNS.map((c) => ({ t: 's' as const, v: c.header, style: 'bold' as const }));
  const t: ListTotals = { count: 0, loanAmountFen: 0n, totalInterestFen: 0n, borrowerInterestFen: 0n, subsidyFen: 0n };
  for await (const l of lines) {
    t.count++;
    t.loanAmountFen += BigInt(l.detail.loanAmountFen);
    t.totalInterestFen += BigInt(l.detail.totalInterestFen);
    t.borrowerInterestFen += BigInt(l.detail.borrowerInterestFen);
    t.subsidyFen += l.amountFen;
    yield DISBURSEMENT_COLUMNS.map((c) => c.cell(l, b));
  }
  if (t.count !== b.lineCount || t.subsidyFen !== b.totalFen) {
    throw new ControlTotalMismatchError({ count: b.lineCount, totalFen: b.totalFen }, { count: t.count, totalFen: t.subsidyFen });
  }
  const totals: SheetRow = DISBURSEMENT_COLUMNS.map(() => null);
  totals[COLUMN_INDEX['序号']] = { t: 's', v: '合计', style: 'bold' };
  totals[COLUMN_INDEX['借款人姓名/企业名称']] = { t: 's', v: `共 ${t.count} 笔`, style: 'bold' };
  totals[COLUMN_INDEX['贷款金额（元）']] = fen(t.loanAmountFen, 'boldAmount');
  totals[COLUMN_INDEX['应计利息（元）']] = fen(t.totalInterestFen, 'boldAmount');
  totals[COLUMN_INDEX['借款人承担利息（元）']] = fen(t.borrowerInterestFen, 'boldAmount');
  totals[COLUMN_INDEX['应贴息金额（元）']] = fen(t.subsidyFen, 'boldAmount');
  yield totals;
  yield* footerRows(t.subsidyFen);
  onTotals?.(t);
}

export const COLUMN_WIDTHS = DISBURSEMENT_COLUMNS.map((c) => c.width);

const TITLES = { interest: '创业担保贷款贴息拨付清单', wage_refund: '稳岗返还拨付清单', hiring: '一次性吸纳就业补贴拨付清单' } as const;

const listTitle = (b: ExportBatchInfo) => `${TITLES[b.kind]}${b.variant === 'payment' ? '（银行代发专用 · 含完整证件号码和账号 · 严格保密）' : ''}`;

function titleRows(b: ExportBatchInfo): SheetRow[] {
  return [
    [{ t: 's', v: listTitle(b), style: 'title' }],
    [
      { t: 's', v: '批次号', style: 'bold' }, text(b.number),
      { t: 's', v: b.kind === 'interest' ? '申报季度' : '政策年度', style: 'bold' }, text(`${b.period}${b.round > 0 ? `（第 ${b.round} 次重新拨付）` : ''}`),
      { t: 's', v: '经办银行', style: 'bold' }, text(b.bankName || '—'),
      { t: 's', v: '明细笔数', style: 'bold' }, int(b.lineCount),
      { t: 's', v: '拨付金额合计（元）', style: 'bold' }, fen(b.totalFen, 'boldAmount'),
      ...chainHeadCells(b.chainHead),
      { t: 's', v: '填报单位', style: 'bold' }, text(b.filer), { t: 's', v: '单位：元', style: 'bold' },
    ],
  ];
}

/** First cell of the totals row; the rows after it are the footer (大写, signatures). */
export const TOTALS_LABEL = '合计';
export const CAPITALS_LABEL = '合计金额（大写）';
export const SIGNATURE_LABELS = ['制表人：', '审核人：', '负责人：'] as const;

/** Below the totals: the amount in 大写, then the signature rows (name and date by hand). */
function footerRows(totalFen: bigint): SheetRow[] {
  const sign: SheetRow = [];
  const date: SheetRow = [];
  SIGNATURE_LABELS.forEach((label, i) => {
    sign[i * 3] = { t: 's', v: label, style: 'bold' };
    date[i * 3] = { t: 's', v: '日期：', style: 'bold' };
  });
  const fill = (r: SheetRow) => Array.from({ length: r.length }, (_, i) => r[i] ?? null);
  return [
    [{ t: 's', v: CAPITALS_LABEL, style: 'bold' }, { t: 's', v: `人民币${amountInChineseCapitals(totalFen)}`, style: 'bold' }],
    [],
    fill(sign),
    fill(date),
  ];
}

/** The columns of the paper copy of an interest list: at most 12, what a signed page needs. */
export const PAPER_INTEREST_COLUMNS = [
  '序号', '借款人姓名/企业名称', '身份证号/统一社会信用代码', '所属镇街', '经办银行', '贷款金额（元）',
  '计息起日', '计息止日', '计息天数', '应贴息金额（元）', '收款户名', '收款账号',
] as const;
export const PAPER_MAX_COLUMNS = 12;
export const PAPER_INTEREST_WIDTHS = PAPER_INTEREST_COLUMNS.map((h) => DISBURSEMENT_COLUMNS[COLUMN_INDEX[h]].width);

/**
 * The paper copy (second sheet) of a list, from the list's own rows: the title, one short line
 * with 填报单位, the batch number and 单位：元, then the header, lines and totals cut to at most
 * 12 columns (an interest list to PAPER_INTEREST_COLUMNS; a yearly scheme's list to its first
 * columns, keeping its amount column), then the footer as it is.
 */
export async function* paperRows(b: ExportBatchInfo, rows: AsyncIterable<SheetRow>): AsyncGenerator<SheetRow> {
  let i = 0;
  let keep: number[] | null = null;
  let footer = false;
  const project = (r: SheetRow) => keep!.map((k) => r[k] ?? null);
  for await (const r of rows) {
    i++;
    if (i === 1) {
      yield r;
      continue;
    }
    if (i === 2) {
      const line: SheetRow = Array.from({ length: PAPER_MAX_COLUMNS }, () => null);
      line[0] = { t: 's', v: `填报单位：${b.filer ?? ''}`, style: 'bold' };
      line[3] = { t: 's', v: `批次号：${b.number}`, style: 'bold' };
      line[PAPER_MAX_COLUMNS - 1] = { t: 's', v: '单位：元', style: 'bold' };
      yield line;
      continue;
    }
    if (footer) {
      yield r;
      continue;
    }
    const first = r[0];
    if (!keep) {
      const header = r.map((c) => (c && c.t === 's' ? c.v : ''));
      if (b.kind === 'interest') keep = PAPER_INTEREST_COLUMNS.map((h) => header.indexOf(h)).filter((k) => k >= 0);
      else {
        const amountAt = header.findIndex((h) => /金额/.test(h) && /[(（]元[)）]$/.test(h));
        keep = header.map((_, k) => k).slice(0, PAPER_MAX_COLUMNS);
        if (amountAt >= PAPER_MAX_COLUMNS) keep = [...keep.slice(0, PAPER_MAX_COLUMNS - 1), amountAt];
      }
      if (first && first.t === 's' && first.v === TOTALS_LABEL) {
        // No lines: the totals row came where the header would be.
        keep = keep.length ? keep : [0, 1];
        footer = true;
      }
      yield project(r);
      continue;
    }
    if (first && first.t === 's' && first.v === TOTALS_LABEL) footer = true;
    yield project(r);
  }
}

/** The control-totals row also names the audit chain's head at export (see ExportBatchInfo.chainHead). */
function chainHeadCells(head: ExportBatchInfo['chainHead']): SheetRow {
  if (head === undefined) return [];
  if (head === null) return [{ t: 's', v: '导出时审计链头', style: 'bold' }, text('（审计日志为空）')];
  return [
    { t: 's', v: '导出时审计链头序号', style: 'bold' }, int(head.seq),
    { t: 's', v: '审计链头哈希', style: 'bold' }, text(head.hash),
    { t: 's', v: '审计链头时间', style: 'bold' }, text(head.at),
  ];
}

const AMOUNT_LABEL = /[(（]元[)）]$/;
const AMOUNT_TEXT = /^-?\d+(\.\d{1,2})?$/;

/**
 * The list of a yearly scheme: the columns its lines carry (in their order; an amount column
 * "…(元)" as numbers), the title and control totals above, a totals row below. In the payment
 * variant the masked account column holds the account in full.
 */
export async function* columnRows(b: ExportBatchInfo, lines: AsyncIterable<ExportLine<ColumnsDetail>>, onTotals?: (t: ListTotals) => void): AsyncGenerator<SheetRow> {
  yield* titleRows(b);
  let header: string[] | null = null;
  let amountAt = -1;
  let count = 0;
  let total = 0n;
  const accountLabel = (l: string) => /^(账号|收款账号)/.test(l);
  for await (const l of lines) {
    const cols = l.detail.columns ?? [];
    if (!header) {
      header = cols.map(([label]) => (b.variant === 'payment' && accountLabel(label) ? label.replace(/[(（]脱敏[)）]/, '') : label));
      amountAt = cols.findIndex(([label]) => AMOUNT_LABEL.test(label) && /金额/.test(label));
      yield header.map((h) => ({ t: 's' as const, v: h, style: 'bold' as const }));
    }
    count++;
    total += l.amountFen;
    yield cols.map(([label, value], i): SheetCell => {
      if (b.variant === 'payment' && accountLabel(label) && l.payeeAccount) return text(l.payeeAccount);
      if (AMOUNT_LABEL.test(label) && AMOUNT_TEXT.test(value)) return { t: 'n', v: value, style: 'amount' };
      if (i === 0 && /^\d+$/.test(value)) return int(Number(value));
      return text(value);
    });
  }
  if (count !== b.lineCount || total !== b.totalFen) throw new ControlTotalMismatchError({ count: b.lineCount, totalFen: b.totalFen }, { count, totalFen: total });
  const totals: SheetRow = (header ?? ['合计']).map(() => null);
  totals[0] = { t: 's', v: '合计', style: 'bold' };
  if (totals.length > 1) totals[1] = { t: 's', v: `共 ${count} 笔`, style: 'bold' };
  if (amountAt >= 0) totals[amountAt] = fen(total, 'boldAmount');
  else totals.push(fen(total, 'boldAmount'));
  yield totals;
  yield* footerRows(total);
  onTotals?.({ count, loanAmountFen: 0n, totalInterestFen: 0n, borrowerInterestFen: 0n, subsidyFen: total });
}

export function exportFileName(number: string, variant: ExportVariant, format: ExportFormat): string {
  return `拨付清单-${number}${variant === 'payment' ? '-银行代发' : ''}.${format}`;
}

export const EXPORT_MIME: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

/**
 * The bank's payment result file for an exported batch, checked row by row (pure): the
 * header (序号 or 行号 | 状态 | 银行流水号 | 失败原因, optionally 金额 / 应贴息金额 to match
 * amounts), every row's cells, each line exactly once, and every line of the batch present.
 * Any error refuses the whole file; the caller records the refusal and changes nothing.
 */
import { formatYuan, parseYuan } from '../money';

export type ResultCell = string | number | Date | boolean | null;

export interface ResultRowError {
  row: number;
  column: string;
  message: string;
}

export interface PaymentOutcome {
  seq: number;
  status: 'paid' | 'failed';
  bankRef: string | null;
  reason: string | null;
}

export const RESULT_COLUMNS = { seq: '序号', status: '状态', bankRef: '银行流水号', reason: '失败原因' } as const;
const SEQ_ALIASES = ['序号', '行号'];
const AMOUNT_ALIASES = ['金额', '应贴息金额', '应贴息金额（元）', '金额（元）', '支付金额'];
const BANK_REF = /^[\w\-./:#]{1,64}$/;
const MAX_MISSING_LISTED = 200;

const norm = (v: ResultCell) => String(v ?? '').replace(/[\s\u3000\ufeff]/g, '');
const cellText = (v: ResultCell): string => (v === null ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v)).trim();

function amountOf(v: ResultCell): bigint | null {
  if (v === null || v === '') return null;
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v < 0) return null;
    // A spreadsheet number: its shortest decimal text (never arithmetic on the float).
    const s = String(v);
    return /^\d+(\.\d{1,2})?$/.test(s) ? parseYuan(s) : null;
  }
  const s = cellText(v).replace(/[,，]/g, '').replace(/元$/, '');
  return /^\d{1,12}(\.\d{1,2})?$/.test(s) ? parseYuan(s) : null;
}

export interface ExpectedLine {
  seq: number;
  amountFen: bigint;
}

export function checkPaymentResults(
  table: { row: number; cells: ResultCell[] }[],
  expected: readonly ExpectedLine[],
): { ok: true; outcomes: PaymentOutcome[] } | { ok: false; errors: ResultRowError[]; rowCount: number } {
  const errors: ResultRowError[] = [];
  const headerAt = table.slice(0, 10).findIndex((r) => r.cells.some((c) => norm(c) === RESULT_COLUMNS.status));
  if (headerAt < 0) {
    return { ok: false, rowCount: 0, errors: [{ row: table[0]?.row ?? 0, column: '表头', message: `找不到表头：须包含 ${['序号（或行号）', '状态', '银行流水号', '失败原因'].join('、')}` }] };
  }
  const header = table[headerAt];
  const col = new Map<string, number>();
  header.cells.forEach((c, i) => {
    const n = norm(c);
    const key = SEQ_ALIASES.includes(n) ? RESULT_COLUMNS.seq : AMOUNT_ALIASES.includes(n) ? '金额' : n;
    if (!col.has(key)) col.set(key, i);
  });
  for (const need of Object.values(RESULT_COLUMNS)) {
    if (!col.has(need)) errors.push({ row: header.row, column: need, message: need === RESULT_COLUMNS.seq ? '缺少“序号”（或“行号”）列' : `缺少“${need}”列` });
  }
  const data = table.slice(headerAt + 1);
  if (errors.length) return { ok: false, errors, rowCount: data.length };

  const bySeq = new Map(expected.map((l) => [l.seq, l]));
  const seen = new Map<number, number>();
  const outcomes: PaymentOutcome[] = [];
  const get = (r: { cells: ResultCell[] }, name: string) => (col.has(name) ? r.cells[col.get(name)!] ?? null : null);
  for (const r of data) {
    const err = (column: string, message: string) => errors.push({ row: r.row, column, message });
    const seqText = cellText(get(r, RESULT_COLUMNS.seq));
    // The bank may send back our own list with the result columns filled: its totals row is not a line.
    if (seqText === '合计') continue;
    let seq: number | null = null;
    if (!/^\d{1,7}$/.test(seqText)) err(RESULT_COLUMNS.seq, seqText ? `序号“${seqText.slice(0, 20)}”不是正整数` : '请填写序号');
    else {
      seq = Number(seqText);
      const prior = seen.get(seq);
      if (!bySeq.has(seq)) {
        err(RESULT_COLUMNS.seq, `本批次没有序号为 ${seq} 的明细`);
        seq = null;
      } else if (prior !== undefined) {
        err(RESULT_COLUMNS.seq, `序号 ${seq} 与第 ${prior} 行重复`);
        seq = null;
      } else seen.set(seq, r.row);
    }
    const statusText = cellText(get(r, RESULT_COLUMNS.status));
    const status = statusText === '成功' ? 'paid' : statusText === '失败' ? 'failed' : null;
    if (!status) err(RESULT_COLUMNS.status, statusText ? `状态“${statusText.slice(0, 20)}”无效，应为“成功”或“失败”` : '请填写状态（成功/失败）');
    const refText = cellText(get(r, RESULT_COLUMNS.bankRef));
    const reasonText = cellText(get(r, RESULT_COLUMNS.reason));
    if (refText && !BANK_REF.test(refText)) err(RESULT_COLUMNS.bankRef, '银行流水号只能包含字母、数字和 - _ . / : #，最多 64 个字符');
    if (status === 'paid' && !refText) err(RESULT_COLUMNS.bankRef, '支付成功的明细须填写银行流水号');
    if (status === 'failed' && !reasonText) err(RESULT_COLUMNS.reason, '支付失败的明细须填写失败原因');
    if (reasonText.length > 200) err(RESULT_COLUMNS.reason, '失败原因最多 200 个字');
    if (col.has('金额') && seq !== null) {
      const raw = get(r, '金额');
      const amount = amountOf(raw);
      const line = bySeq.get(seq)!;
      if (amount === null) err('金额', `金额“${cellText(raw).slice(0, 20)}”格式不正确`);
      else if (amount !== line.amountFen) err('金额', `金额 ${formatYuan(amount)} 与清单中的 ${formatYuan(line.amountFen)} 元不符`);
    }
    if (seq !== null && status) outcomes.push({ seq, status, bankRef: refText || null, reason: status === 'failed' ? reasonText : null });
  }
  const missing = expected.filter((l) => !seen.has(l.seq));
  for (const m of missing.slice(0, MAX_MISSING_LISTED)) errors.push({ row: 0, column: RESULT_COLUMNS.seq, message: `缺少序号 ${m.seq} 的支付结果` });
  if (missing.length > MAX_MISSING_LISTED) errors.push({ row: 0, column: RESULT_COLUMNS.seq, message: `共有 ${missing.length} 笔明细缺少支付结果（仅列出前 ${MAX_MISSING_LISTED} 笔）` });
  if (data.length === 0 && expected.length > 0 && missing.length === 0) errors.push({ row: header.row, column: '文件', message: '文件中没有支付结果' });
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.row - b.row), rowCount: data.length };
  return { ok: true, outcomes: outcomes.sort((a, b) => a.seq - b.seq) };
}

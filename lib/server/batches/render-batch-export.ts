import crypto from 'node:crypto';
import { and, asc, between, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { organisations, subsidyLines, users, type SubsidyBatch } from '@/db/schema';
import type { ClaimLineDetail } from '@/lib/domain/subsidy-batches/claim-line';
import {
  COLUMN_WIDTHS, HEADER_ROW, PAPER_INTEREST_WIDTHS, PAPER_MAX_COLUMNS, columnRows, disbursementRows, paperRows, type ColumnsDetail, type ExportBatchInfo, type ExportFormat, type ExportLine, type ExportVariant, type ListTotals,
} from '@/lib/domain/subsidy-batches/disbursement-list';
import { csvEncoder, csvStream, encodeRows, sheetXmlEncoder, xlsxFromSheets, type PrintSetup, type SheetRow, type XlsxOptions } from '@/lib/domain/subsidy-batches/sheet';
import { ChannelClosedError, channel } from './channel';
import { todayInChina } from '@/lib/server/clock';
import { decryptPii } from '@/lib/server/crypto/pii';
import { readChainState } from '@/lib/server/audit/chain-state';

/**
 * The bytes of a batch's disbursement list (not a use-case): the batch's lines streamed from
 * the database in pages of `seq` (the trace stays behind), through the list's rows, into
 * .xlsx or .csv. Deterministic — the same batch and lines give the same bytes — and bounded
 * in memory whatever the number of lines.
 */

const PAGE = 2000;

export async function exportInfoOf(db: DbOrTx, batch: SubsidyBatch, variant: ExportVariant): Promise<ExportBatchInfo> {
  const ids = [batch.verifiedBy, batch.approvedBy].filter((x): x is string => !!x);
  // The chain's head at the moment of export: the list carries it (ExportBatchInfo.chainHead).
  const [bank, names, { head }, [filer]] = await Promise.all([
    batch.bankOrgId === null ? Promise.resolve([]) : db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, batch.bankOrgId)),
    ids.length ? db.select({ id: users.id, name: users.realName }).from(users).where(inArray(users.id, ids)) : Promise.resolve([]),
    readChainState(db),
    // 填报单位: the finance bureau issues the list.
    db.select({ name: organisations.name }).from(organisations).where(eq(organisations.kind, 'finance_bureau')).orderBy(asc(organisations.id)).limit(1),
  ]);
  const nameOf = (id: string | null) => names.find((n) => n.id === id)?.name ?? '';
  return {
    kind: batch.kind,
    number: batch.number,
    period: batch.period,
    round: batch.round,
    bankName: bank[0]?.name ?? '',
    lineCount: batch.lineCount,
    totalFen: batch.totalFen,
    hrReview: batch.verifiedBy && batch.verifiedAt ? { by: nameOf(batch.verifiedBy), on: todayInChina(batch.verifiedAt) } : null,
    financeReview: batch.approvedBy && batch.approvedAt ? { by: nameOf(batch.approvedBy), on: todayInChina(batch.approvedAt) } : null,
    variant,
    chainHead: head ? { seq: head.seq, hash: head.hash, at: chinaDateTime(head.at) } : null,
    filer: filer?.name ?? '',
  };
}

/** `YYYY-MM-DD HH:mm:ss` in China time (UTC+8, no DST). */
const chinaDateTime = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');

/**
 * The batch's lines in `seq` order, a range of `seq` at a time (the lines are numbered
 * 1…n, so a range needs no sort and no LIMIT — a good plan even before statistics exist).
 */
export async function* exportLines(db: DbOrTx, batchId: string, variant: ExportVariant): AsyncGenerator<ExportLine> {
  const [{ last }] = await db.select({ last: sql<number>`coalesce(max(${subsidyLines.seq}), 0)::int` }).from(subsidyLines).where(eq(subsidyLines.batchId, batchId));
  const full = variant === 'payment';
  // Promise.resolve runs the (lazy) query once, now; awaiting the builder twice would run it twice.
  const page = (from: number) =>
    Promise.resolve(db
      .select({
        seq: subsidyLines.seq,
        amountFen: subsidyLines.amountFen,
        payeeName: subsidyLines.payeeName,
        payeeIdMasked: subsidyLines.payeeIdMasked,
        payeeIdEnc: full ? subsidyLines.payeeIdEnc : sql<string | null>`null`,
        payeeAccountMasked: subsidyLines.payeeAccountMasked,
        payeeAccountEnc: full ? subsidyLines.payeeAccountEnc : sql<string | null>`null`,
        payeeBankName: subsidyLines.payeeBankName,
        detail: sql<Omit<ClaimLineDetail, 'trace'>>`${subsidyLines.detail} - 'trace'`,
      })
      .from(subsidyLines)
      .where(and(eq(subsidyLines.batchId, batchId), between(subsidyLines.seq, from, from + PAGE - 1)))
      .orderBy(asc(subsidyLines.seq)));
  // The next range is read while this one is rendered (on PostgreSQL the server works meanwhile).
  let next: ReturnType<typeof page> | null = last >= 1 ? page(1) : null;
  try {
    for (let from = 1; from <= last; from += PAGE) {
      const rows = await next!;
      next = from + PAGE <= last ? page(from + PAGE) : null;
      next?.catch(() => {}); // awaited (and thrown) on the next turn
      for (const r of rows) {
        yield {
          seq: r.seq,
          amountFen: r.amountFen,
          payeeName: r.payeeName,
          payeeId: full && r.payeeIdEnc ? decryptPii(r.payeeIdEnc) : r.payeeIdMasked,
          payeeAccount: full && r.payeeAccountEnc ? decryptPii(r.payeeAccountEnc) : r.payeeAccountMasked,
          payeeBankName: r.payeeBankName,
          detail: typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail,
        };
      }
    }
  } finally {
    // A consumer that stops early leaves at most one read in flight: let it finish quietly.
    await next?.catch(() => {});
  }
}

function listRows(db: DbOrTx, info: ExportBatchInfo, batchId: string, onTotals?: (t: ListTotals) => void): AsyncGenerator<SheetRow> {
  const lines = exportLines(db, batchId, info.variant);
  return info.kind === 'interest' ? disbursementRows(info, lines, onTotals) : columnRows(info, lines as AsyncIterable<ExportLine<ColumnsDetail>>, onTotals);
}

/** A4 landscape, one page wide, the header row on every page, the batch number and "page x of y" on each. */
const printSetup = (info: ExportBatchInfo): PrintSetup => ({
  landscape: true,
  fitToWidth: true,
  repeatRows: [HEADER_ROW, HEADER_ROW],
  mergeTitle: true,
  header: `&L批次号：${info.number}&R${info.filer ?? ''}`,
  footer: '&C第 &P 页，共 &N 页',
});
const xlsxOptions = (info: ExportBatchInfo): XlsxOptions => ({ sheetName: '拨付清单', widths: info.kind === 'interest' ? COLUMN_WIDTHS : undefined, frozenRows: HEADER_ROW, level: 1, print: printSetup(info) });
/** The second sheet: the same list cut to at most 12 columns, for paper. */
const paperOptions = (info: ExportBatchInfo): XlsxOptions => ({
  sheetName: '打印版',
  widths: info.kind === 'interest' ? PAPER_INTEREST_WIDTHS : Array.from({ length: PAPER_MAX_COLUMNS }, () => 16),
  frozenRows: HEADER_ROW,
  level: 1,
  print: printSetup(info),
});

/**
 * The paper sheet's XML: a second pass over the lines, started only when the zip reaches it
 * (after the first sheet), so memory stays bounded.
 */
async function* paperSheetXml(db: DbOrTx, info: ExportBatchInfo, batchId: string): AsyncGenerator<Buffer> {
  yield* encodeRows(paperRows(info, listRows(db, info, batchId)), sheetXmlEncoder(paperOptions(info)));
}

function workbook(db: DbOrTx, info: ExportBatchInfo, batchId: string, first: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  return xlsxFromSheets([{ opts: xlsxOptions(info), xml: first }, { opts: paperOptions(info), xml: paperSheetXml(db, info, batchId) }], 1);
}
const XLSX_CHUNK = 256 * 1024;
const CSV_CHUNK = 64 * 1024;

/** One format as a stream of chunks; `onTotals` gets the list's sums once every line is written. */
export function renderBatchExport(db: DbOrTx, info: ExportBatchInfo, batchId: string, format: ExportFormat, onTotals?: (t: ListTotals) => void): AsyncGenerator<Buffer> {
  const rows = listRows(db, info, batchId, onTotals);
  return format === 'xlsx' ? workbook(db, info, batchId, encodeRows(rows, sheetXmlEncoder(xlsxOptions(info)))) : csvStream(rows);
}

/**
 * Both formats from ONE pass over the lines (the database is read once): each row is
 * encoded for the worksheet and for the csv and pushed into two bounded channels, which
 * the two file writers drain at the same time. Same chunking as `renderBatchExport`, so
 * the same bytes.
 */
export function renderBatchExportBoth(db: DbOrTx, info: ExportBatchInfo, batchId: string): { xlsx: AsyncIterable<Buffer>; csv: AsyncIterable<Buffer>; totals: Promise<ListTotals> } {
  const opts = xlsxOptions(info);
  const sheet = channel<Buffer>();
  const csv = channel<Buffer>();
  const totals = (async () => {
    const xe = sheetXmlEncoder(opts);
    const ce = csvEncoder();
    let t: ListTotals | null = null;
    let x = xe.head();
    let c = ce.head();
    try {
      for await (const row of listRows(db, info, batchId, (v) => (t = v))) {
        x += xe.row(row);
        c += ce.row(row);
        if (x.length >= XLSX_CHUNK) {
          await sheet.push(Buffer.from(x, 'utf8'));
          x = '';
        }
        if (c.length >= CSV_CHUNK) {
          await csv.push(Buffer.from(c, 'utf8'));
          c = '';
        }
      }
      x += xe.tail();
      c += ce.tail();
      if (x) await sheet.push(Buffer.from(x, 'utf8'));
      if (c) await csv.push(Buffer.from(c, 'utf8'));
      sheet.end();
      csv.end();
      return t!;
    } catch (e) {
      sheet.fail(e);
      csv.fail(e);
      throw e;
    }
  })();
  totals.catch(() => {}); // observed by the caller
  return { xlsx: workbook(db, info, batchId, sheet.iterable), csv: csv.iterable, totals };
}

export { ChannelClosedError };

/** SHA-256 and size of a rendering, without storing it (checks and tests). */
export async function hashBatchExport(db: DbOrTx, info: ExportBatchInfo, batchId: string, format: ExportFormat): Promise<{ sha256: string; size: number }> {
  const h = crypto.createHash('sha256');
  let size = 0;
  for await (const chunk of renderBatchExport(db, info, batchId, format)) {
    h.update(chunk);
    size += chunk.length;
  }
  return { sha256: h.digest('hex'), size };
}

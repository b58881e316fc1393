import crypto from 'node:crypto';
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { organisations, subsidyLines, users, type SubsidyBatch } from '@/db/schema';
import type { ClaimLineDetail } from '@/lib/domain/subsidy-batches/claim-line';
import {
  COLUMN_WIDTHS, HEADER_ROW, columnRows, disbursementRows, type ColumnsDetail, type ExportBatchInfo, type ExportFormat, type ExportLine, type ExportVariant, type ListTotals,
} from '@/lib/domain/subsidy-batches/disbursement-list';
import { csvStream, xlsxStream } from '@/lib/domain/subsidy-batches/sheet';
import { todayInChina } from '@/lib/server/clock';
import { decryptPii } from '@/lib/server/crypto/pii';

/**
 * The bytes of a batch's disbursement list (not a use-case): the batch's lines streamed from
 * the database in pages of `seq` (the trace stays behind), through the list's rows, into
 * .xlsx or .csv. Deterministic — the same batch and lines give the same bytes — and bounded
 * in memory whatever the number of lines.
 */

const PAGE = 2000;

export async function exportInfoOf(db: DbOrTx, batch: SubsidyBatch, variant: ExportVariant): Promise<ExportBatchInfo> {
  const ids = [batch.verifiedBy, batch.approvedBy].filter((x): x is string => !!x);
  const [bank, names] = await Promise.all([
    batch.bankOrgId === null ? Promise.resolve([]) : db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, batch.bankOrgId)),
    ids.length ? db.select({ id: users.id, name: users.realName }).from(users).where(inArray(users.id, ids)) : Promise.resolve([]),
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
  };
}

/** The batch's lines in `seq` order, a page at a time. */
export async function* exportLines(db: DbOrTx, batchId: string, variant: ExportVariant): AsyncGenerator<ExportLine> {
  let after = 0;
  for (;;) {
    const rows = await db
      .select({
        seq: subsidyLines.seq,
        amountFen: subsidyLines.amountFen,
        payeeName: subsidyLines.payeeName,
        payeeIdMasked: subsidyLines.payeeIdMasked,
        payeeIdEnc: variant === 'payment' ? subsidyLines.payeeIdEnc : sql<string | null>`null`,
        payeeAccountMasked: subsidyLines.payeeAccountMasked,
        payeeAccountEnc: variant === 'payment' ? subsidyLines.payeeAccountEnc : sql<string | null>`null`,
        payeeBankName: subsidyLines.payeeBankName,
        detail: sql<Omit<ClaimLineDetail, 'trace'>>`${subsidyLines.detail} - 'trace'`,
      })
      .from(subsidyLines)
      .where(and(eq(subsidyLines.batchId, batchId), gt(subsidyLines.seq, after)))
      .orderBy(asc(subsidyLines.seq))
      .limit(PAGE);
    if (rows.length === 0) return;
    for (const r of rows) {
      const full = variant === 'payment';
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
    after = rows[rows.length - 1].seq;
    if (rows.length < PAGE) return;
  }
}

/** The file as a stream of chunks; `onTotals` gets the list's sums once every line is written. */
export function renderBatchExport(db: DbOrTx, info: ExportBatchInfo, batchId: string, format: ExportFormat, onTotals?: (t: ListTotals) => void): AsyncGenerator<Buffer> {
  const lines = exportLines(db, batchId, info.variant);
  const interest = info.kind === 'interest';
  const rows = interest ? disbursementRows(info, lines, onTotals) : columnRows(info, lines as AsyncIterable<ExportLine<ColumnsDetail>>, onTotals);
  return format === 'xlsx' ? xlsxStream(rows, { sheetName: '拨付清单', widths: interest ? COLUMN_WIDTHS : undefined, frozenRows: HEADER_ROW, level: 1 }) : csvStream(rows);
}

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

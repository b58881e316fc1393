import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { auditLog, subsidyBatches, type SubsidyBatch } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { EXPORT_MIME, exportFileName, type ExportFormat } from '@/lib/domain/subsidy-batches/disbursement-list';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { fileStore, StoredFileMissingError, type FileStore } from '@/lib/server/storage/file-store';
import { ZExportDownloadSchema } from '@/lib/validation/batches';
import { assertNotOwnBatch, loadScopedBatch } from './batch-scope';
import { isExported } from '@/lib/domain/workflow/money-workflow';
import { writeBatchExportFiles } from './export-batch';

export interface BatchExportFile {
  stream: ReadableStream<Uint8Array>;
  size: number;
  sha256: string;
  mime: string;
  fileName: string;
}

/** Where the payment variant of a batch is recorded: its first generation's audit row (the batch has columns for the masked list only). */
const PAYMENT_RECORD_EVENT = 'batch.export_payment';

interface PaymentRecord {
  xlsx: { key: string; sha256: string; size: number };
  csv: { key: string; sha256: string; size: number };
}

async function paymentRecord(db: Db, batchId: string): Promise<PaymentRecord | null> {
  const [row] = await db
    .select({ detail: auditLog.detail })
    .from(auditLog)
    .where(and(eq(auditLog.event, PAYMENT_RECORD_EVENT), eq(auditLog.objectType, 'subsidy_batch'), eq(auditLog.objectId, batchId)))
    .orderBy(asc(auditLog.seq))
    .limit(1);
  return row ? (row.detail as PaymentRecord) : null;
}

/**
 * The bank-payment variant (ID and account in full), frozen like the masked list: written
 * once, on its first download, from the same lines; its keys and hashes are recorded in an
 * audit row under the batch's lock, so two first downloads at once keep one file.
 */
async function ensurePaymentFiles(db: Db, actor: Actor, batch: SubsidyBatch, store: FileStore): Promise<PaymentRecord> {
  const existing = await paymentRecord(db, batch.id);
  if (existing) return existing;
  const files = await writeBatchExportFiles(db, batch, 'payment', store);
  const mine: PaymentRecord = {
    xlsx: { key: files.xlsx.key, sha256: files.xlsx.sha256, size: files.xlsx.size },
    csv: { key: files.csv.key, sha256: files.csv.sha256, size: files.csv.size },
  };
  const kept = await db.transaction(async (tx) => {
    await tx.select({ id: subsidyBatches.id }).from(subsidyBatches).where(eq(subsidyBatches.id, batch.id)).for('update');
    const [row] = await tx
      .select({ detail: auditLog.detail })
      .from(auditLog)
      .where(and(eq(auditLog.event, PAYMENT_RECORD_EVENT), eq(auditLog.objectType, 'subsidy_batch'), eq(auditLog.objectId, batch.id)))
      .limit(1);
    if (row) return row.detail as PaymentRecord;
    const chainHead = files.chainHead ? { seq: files.chainHead.seq, hash: files.chainHead.hash } : null;
    await writeAuditLog(tx, { actor: auditActor(actor), event: PAYMENT_RECORD_EVENT, objectType: 'subsidy_batch', objectId: batch.id, detail: { number: batch.number, ...mine, chainHead } }, clock());
    return mine;
  });
  if (kept !== mine) {
    await store.remove(mine.xlsx.key).catch(() => {});
    await store.remove(mine.csv.key).catch(() => {});
  }
  return kept;
}

/**
 * 下载拨付清单: the frozen bytes of an exported batch's list, streamed from the store.
 * `masked` for finance's files; `payment` (unmasked, for the paying bank) writes an audit
 * row on every download. Only holders of 'finance:export', never the batch's preparer or
 * verifier, and only once the batch has been exported.
 */
export async function readBatchExport(db: Db, actor: Actor, raw: unknown, deps: { store?: FileStore } = {}): Promise<BatchExportFile> {
  if (!hasPermission(actor.role, 'finance:export')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZExportDownloadSchema, raw);
  const batch = await loadScopedBatch(db, actor, input.batchId);
  assertNotOwnBatch(actor, batch, 'export');
  if (!isExported(batch.status)) throw new AppError('CONFLICT', { userMessage: '该批次尚未导出拨付清单' });
  const store = deps.store ?? fileStore(db);
  const format = input.format as ExportFormat;

  let key: string;
  let sha256: string;
  if (input.variant === 'masked') {
    key = (format === 'xlsx' ? batch.exportXlsxKey : batch.exportCsvKey)!;
    sha256 = (format === 'xlsx' ? batch.exportXlsxSha256 : batch.exportCsvSha256)!;
  } else {
    const rec = await ensurePaymentFiles(db, actor, batch, store);
    ({ key, sha256 } = rec[format]);
  }
  let file: { size: number; stream: ReadableStream<Uint8Array> };
  try {
    file = await store.openRead(key);
  } catch (e) {
    if (e instanceof StoredFileMissingError) throw new AppError('NOT_FOUND', { message: `export file missing: ${key}`, userMessage: '清单文件缺失，请联系系统管理员' });
    throw e;
  }
  if (input.variant === 'payment') {
    try {
      await writeAuditLog(db, { actor: auditActor(actor), event: 'batch.download_payment', objectType: 'subsidy_batch', objectId: batch.id, detail: { number: batch.number, format, sha256 } }, clock());
    } catch (e) {
      await file.stream.cancel().catch(() => {});
      throw e;
    }
  }
  return { stream: file.stream, size: file.size, sha256, mime: EXPORT_MIME[format], fileName: exportFileName(batch.number, input.variant, format) };
}

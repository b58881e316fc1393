import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { subsidyBatches, type SubsidyBatch } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { BATCH_STATUS_LABELS } from '@/lib/domain/subsidy-batches/labels';
import type { ExportBatchInfo, ExportFormat, ExportVariant, ListTotals } from '@/lib/domain/subsidy-batches/disbursement-list';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { fileStore, type FileStore, type PendingFile } from '@/lib/server/storage/file-store';
import { ZBatchDecisionSchema } from '@/lib/validation/batches';
import { assertNotOwnBatch, assertVersion, loadScopedBatch } from './batch-scope';
import { decideBatchTransition, isExported } from '@/lib/domain/workflow/money-workflow';
import { ChannelClosedError, exportInfoOf, renderBatchExportBoth } from './render-batch-export';

/** Far above any real list (100,000 lines ≈ 25 MB); the store refuses past it. */
export const EXPORT_MAX_BYTES = 2 * 1024 ** 3;

export interface ExportDeps {
  store?: FileStore;
  /** Fault injection for tests: die after writing the files, before recording them. */
  crashBeforeRecord?: boolean;
}

export interface StoredExport {
  xlsx: PendingFile;
  csv: PendingFile;
  totals: ListTotals;
  /** The audit chain's head the list carries. */
  chainHead: ExportBatchInfo['chainHead'];
}

/**
 * Write a batch's list (both formats, one variant, one pass over the lines) to the store's
 * temporary area and move it into place; nothing is recorded yet. On any failure nothing
 * is left behind.
 */
export async function writeBatchExportFiles(db: Db, batch: SubsidyBatch, variant: ExportVariant, store: FileStore): Promise<StoredExport> {
  const info = await exportInfoOf(db, batch, variant);
  const both = renderBatchExportBoth(db, info, batch.id);
  const [xlsx, csv, totals] = await Promise.allSettled([store.saveStream(both.xlsx, EXPORT_MAX_BYTES), store.saveStream(both.csv, EXPORT_MAX_BYTES), both.totals]);
  const pending = [xlsx, csv].filter((r): r is PromiseFulfilledResult<PendingFile> => r.status === 'fulfilled').map((r) => r.value);
  const failures = [xlsx, csv, totals].filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason);
  if (failures.length) {
    for (const f of pending) await store.discard(f);
    // The first cause, not the "closed" echo it caused on the other side.
    throw failures.find((e) => !(e instanceof ChannelClosedError)) ?? failures[0];
  }
  const files = pending;
  try {
    for (const f of files) await store.commit(f);
  } catch (e) {
    for (const f of files) {
      await store.discard(f);
      await store.remove(f.key).catch(() => {});
    }
    throw e;
  }
  return { xlsx: files[0], csv: files[1], totals: (totals as PromiseFulfilledResult<ListTotals>).value, chainHead: info.chainHead };
}

export interface ExportBatchResult {
  batch: SubsidyBatch;
  /** False when the list was exported before (it is frozen: nothing is written again). */
  firstExport: boolean;
}

/**
 * 导出拨付清单: finance exports an approved batch. The first export writes the list as .xlsx
 * and .csv (masked variant) to the file store, then records both keys and SHA-256 on the
 * batch and sets it 'exported' in one transaction with the audit row; from then on the list
 * is frozen and every download serves those bytes. The list carries the audit chain's head at
 * that moment (and the audit row repeats it), so the finance bureau's copy witnesses the log.
 * A process killed before the record leaves the batch 'approved' with no keys (a rerun writes
 * the list again — the same bytes while the chain has not moved); two exports at once record
 * one list. The preparer and the verifier may not export.
 */
export async function exportBatch(db: Db, actor: Actor, raw: unknown, deps: ExportDeps = {}): Promise<ExportBatchResult> {
  if (!hasPermission(actor.role, 'finance:export')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZBatchDecisionSchema, raw);
  const batch = await loadScopedBatch(db, actor, input.batchId);
  assertNotOwnBatch(actor, batch, 'export');
  if (isExported(batch.status)) return { batch, firstExport: false };
  if (!decideBatchTransition(batch.status, 'export').ok) throw new AppError('CONFLICT', { userMessage: `该批次当前状态为“${BATCH_STATUS_LABELS[batch.status]}”，财政审批后才能导出` });
  assertVersion(batch, input.version);

  const store = deps.store ?? fileStore(db);
  const files = await writeBatchExportFiles(db, batch, 'masked', store);
  const cleanup = async () => {
    await store.remove(files.xlsx.key).catch(() => {});
    await store.remove(files.csv.key).catch(() => {});
  };
  if (deps.crashBeforeRecord) throw new Error('injected crash before the export was recorded');
  const t = clock();
  try {
    const outcome = await db.transaction(async (tx) => {
      const current = await loadScopedBatch(tx, actor, batch.id, { forUpdate: true });
      const move = decideBatchTransition(current.status, 'export');
      if (!move.ok) return { batch: current, firstExport: false };
      const [row] = await tx
        .update(subsidyBatches)
        .set({
          status: move.to, exportedBy: actor.userId, exportedAt: t,
          exportXlsxKey: files.xlsx.key, exportXlsxSha256: files.xlsx.sha256, exportCsvKey: files.csv.key, exportCsvSha256: files.csv.sha256,
          updatedAt: new Date(Math.max(t.getTime(), current.updatedAt.getTime() + 1)),
        })
        .where(and(eq(subsidyBatches.id, batch.id), eq(subsidyBatches.status, move.from)))
        .returning();
      await writeAuditLog(tx, {
        actor: auditActor(actor),
        event: 'batch.export',
        objectType: 'subsidy_batch',
        objectId: batch.id,
        detail: {
          number: batch.number, lines: files.totals.count, totalFen: files.totals.subsidyFen.toString(),
          xlsx: { sha256: files.xlsx.sha256, size: files.xlsx.size }, csv: { sha256: files.csv.sha256, size: files.csv.size },
          chainHead: files.chainHead ? { seq: files.chainHead.seq, hash: files.chainHead.hash } : null,
        },
      }, t);
      return { batch: row, firstExport: true };
    });
    // Someone else recorded the list first: ours is not the frozen one.
    if (!outcome.firstExport) {
      await cleanup();
      if (!isExported(outcome.batch.status)) throw new AppError('CONFLICT');
    }
    return outcome;
  } catch (e) {
    await cleanup();
    throw e;
  }
}

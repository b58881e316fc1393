import crypto from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { dataImports, subsidyBatches, subsidyLines } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { formatYuan } from '@/lib/domain/money';
import { checkPaymentResults, type PaymentOutcome, type ResultRowError } from '@/lib/domain/subsidy-batches/payment-results';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { readTabularFile, TabularFileError } from '@/lib/server/servicing/read-tabular-file';
import { PAYMENT_RESULT_MAX_BYTES, PAYMENT_RESULT_MAX_ROWS } from '@/lib/validation/batches';
import { loadScopedBatch } from './batch-scope';
import { decideBatchTransition, isExported, lineStatesFor } from '@/lib/domain/workflow/money-workflow';
import { z } from 'zod';

/** The file was refused whole; the refusal is recorded (`data_imports`, rejected) and nothing else changed. */
export class PaymentResultsRejectedError extends AppError {
  readonly httpStatus = 400;
  constructor(readonly errors: ResultRowError[], readonly importId: string) {
    super('INVALID_INPUT', { message: 'payment results rejected', userMessage: `回盘文件有 ${errors.length} 处错误，已整体退回，未更新任何明细；请改正后重新上传` });
  }
}

export class PaymentResultsTooLargeError extends AppError {
  readonly httpStatus = 413;
  constructor() {
    super('INVALID_INPUT', { message: 'payment result file too large', userMessage: `文件不能超过 ${PAYMENT_RESULT_MAX_BYTES / 1024 / 1024} MB` });
  }
}

export interface ImportPaymentResultsInput {
  batchId: string;
  fileName: string;
  content: Uint8Array;
}

export interface ImportPaymentResultsResult {
  importId: string;
  batchId: string;
  paidCount: number;
  failedCount: number;
  /** Yuan. */
  paidTotal: string;
  failedTotal: string;
}

const UPDATE_CHUNK = 2000;

function sanitizeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  return base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200) || 'payment-results';
}

/**
 * 回盘对账: finance (or the bank itself, through /api/v1) imports the bank's payment result
 * file for an exported batch (.csv or .xlsx: 序号 or 行号 | 状态 (成功/失败) | 银行流水号 |
 * 失败原因). Every row is checked and
 * every line must be answered exactly once; with any error the whole file is refused with
 * every {row, column, message}, the refusal is recorded and nothing else changes. Otherwise,
 * in one transaction, each line becomes paid (with the bank's reference) or failed (with the
 * reason), the batch becomes 'reconciled', and the import and the audit row are written.
 */
export async function importPaymentResults(db: Db, actor: Actor, input: ImportPaymentResultsInput): Promise<ImportPaymentResultsResult> {
  // Finance imports the result file of any batch; a bank reports the transfers of its own bank's
  // batches only (loadScopedBatch answers NOT_FOUND for another bank's).
  if (!hasPermission(actor.role, 'finance:reconcile') && !hasPermission(actor.role, 'batch:report_payments')) throw new AppError('FORBIDDEN');
  if (!z.uuid().safeParse(input.batchId).success) throw new AppError('NOT_FOUND');
  if (!(input.content instanceof Uint8Array) || input.content.byteLength === 0) throw new AppError('INVALID_INPUT', { userMessage: '请选择银行回盘文件' });
  if (input.content.byteLength > PAYMENT_RESULT_MAX_BYTES) throw new PaymentResultsTooLargeError();
  const batch = await loadScopedBatch(db, actor, input.batchId);
  if (!decideBatchTransition(batch.status, 'reconcile').ok && isExported(batch.status)) throw new AppError('ALREADY_EXISTS', { userMessage: '该批次已完成对账，不能重复导入回盘文件' });
  if (!decideBatchTransition(batch.status, 'reconcile').ok) throw new AppError('CONFLICT', { userMessage: '该批次尚未导出拨付清单，不能导入回盘文件' });

  const fileName = sanitizeFileName(String(input.fileName ?? ''));
  const sha256 = crypto.createHash('sha256').update(input.content).digest('hex');
  const t = clock();
  const orgId = actor.orgId;

  const [applied] = await db
    .select({ createdAt: dataImports.createdAt })
    .from(dataImports)
    .where(and(eq(dataImports.kind, 'payment_results'), eq(dataImports.sha256, sha256), eq(dataImports.status, 'applied')))
    .orderBy(desc(dataImports.createdAt))
    .limit(1);
  if (applied) throw new AppError('ALREADY_EXISTS', { userMessage: '该回盘文件已导入过，同一文件不能重复导入' });

  const reject = async (errors: ResultRowError[], rowCount: number): Promise<never> => {
    const [row] = await db
      .insert(dataImports)
      .values({ kind: 'payment_results', orgId, uploadedBy: actor.userId, fileName, sha256, rowCount, status: 'rejected', errors, createdAt: t })
      .returning({ id: dataImports.id });
    throw new PaymentResultsRejectedError(errors, row.id);
  };

  let table;
  try {
    table = await readTabularFile(fileName, input.content, { maxRows: PAYMENT_RESULT_MAX_ROWS });
  } catch (e) {
    if (e instanceof TabularFileError) return reject([{ row: 0, column: '文件', message: e.userMessage }], 0);
    throw e;
  }
  const expected = await db
    .select({ seq: subsidyLines.seq, amountFen: subsidyLines.amountFen })
    .from(subsidyLines)
    .where(and(eq(subsidyLines.batchId, batch.id), inArray(subsidyLines.status, lineStatesFor('pay'))))
    .orderBy(asc(subsidyLines.seq));
  const checked = checkPaymentResults(table, expected);
  if (!checked.ok) return reject(checked.errors, checked.rowCount);
  const outcomes = checked.outcomes;

  try {
    return await db.transaction(async (tx) => {
      const current = await loadScopedBatch(tx, actor, batch.id, { forUpdate: true });
      const move = decideBatchTransition(current.status, 'reconcile');
      if (!move.ok) throw new AppError('CONFLICT', { userMessage: '该批次状态已变化（可能已由他人完成对账），请刷新' });
      const [imp] = await tx
        .insert(dataImports)
        .values({ kind: 'payment_results', orgId, uploadedBy: actor.userId, fileName, sha256, rowCount: outcomes.length, status: 'applied', errors: null, createdAt: t })
        .returning({ id: dataImports.id });
      let updated = 0;
      for (let i = 0; i < outcomes.length; i += UPDATE_CHUNK) updated += await applyOutcomes(tx, batch.id, outcomes.slice(i, i + UPDATE_CHUNK), t);
      // Checked against the pending lines read before; anything else means the lines changed meanwhile.
      if (updated !== outcomes.length || updated !== expected.length) throw new AppError('CONFLICT', { userMessage: '批次明细已变化，请刷新后重新导入' });
      const amountOf = new Map(expected.map((l) => [l.seq, l.amountFen]));
      const sum = (status: PaymentOutcome['status']) => outcomes.filter((o) => o.status === status).reduce((s, o) => s + amountOf.get(o.seq)!, 0n);
      const paidFen = sum('paid');
      const failedFen = sum('failed');
      const paidCount = outcomes.filter((o) => o.status === 'paid').length;
      await tx
        .update(subsidyBatches)
        .set({ status: move.to, updatedAt: new Date(Math.max(t.getTime(), current.updatedAt.getTime() + 1)) })
        .where(eq(subsidyBatches.id, batch.id));
      await writeAuditLog(tx, {
        actor: auditActor(actor),
        event: 'batch.payment_results',
        objectType: 'subsidy_batch',
        objectId: batch.id,
        detail: { number: batch.number, importId: imp.id, sha256, paid: paidCount, paidFen: paidFen.toString(), failed: outcomes.length - paidCount, failedFen: failedFen.toString() },
      }, t);
      return { importId: imp.id, batchId: batch.id, paidCount, failedCount: outcomes.length - paidCount, paidTotal: formatYuan(paidFen), failedTotal: formatYuan(failedFen) };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', { userMessage: '有人同时导入了同一回盘文件，请刷新后查看结果' });
    throw e;
  }
}

async function applyOutcomes(tx: Tx, batchId: string, chunk: PaymentOutcome[], t: Date): Promise<number> {
  const values = sql.join(
    chunk.map((o) => sql`(${o.seq}::int, ${o.status}::text, ${o.bankRef}::text, ${o.reason}::text)`),
    sql`, `,
  );
  const res = await tx.execute(sql`
    update ${subsidyLines} as l
       set status = v.status, bank_txn_ref = v.ref, failure_reason = v.reason, settled_at = ${t.toISOString()}::timestamptz
      from (values ${values}) as v(seq, status, ref, reason)
     where l.batch_id = ${batchId} and l.seq = v.seq and l.status = 'pending'
    returning l.seq`);
  return (res as unknown as { rows: unknown[] }).rows.length;
}

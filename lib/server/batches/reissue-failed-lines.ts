import { and, asc, eq, inArray, max, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { organisations, subsidyBatches, subsidyLines, type SubsidyBatch } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { batchNumber } from '@/lib/domain/subsidy-batches/quarter';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { ZBatchDecisionSchema } from '@/lib/validation/batches';
import { ACTIVE_LINE_STATUSES, REISSUABLE_LINE_STATUSES, decideBatchTransition } from '@/lib/domain/workflow/money-workflow';
import { assertVersion, loadScopedBatch } from './batch-scope';

export interface ReissueResult {
  batch: SubsidyBatch;
  lineCount: number;
}

/**
 * 失败重拨: the failed lines of a reconciled batch go into a new batch of the same kind,
 * period and bank, the next round, with new pending lines for the same subjects (the old
 * lines stay 'failed'; the partial unique index admits one pending-or-paid line per subject,
 * so a subject already re-issued or paid is never taken twice). The new batch is 'prepared'
 * by the finance officer who re-issues it and goes through HR verification, approval by
 * another officer and export again. Only at the version the officer saw (CONFLICT otherwise).
 */
export async function reissueFailedLines(db: Db, actor: Actor, raw: unknown): Promise<ReissueResult> {
  if (!hasPermission(actor.role, 'finance:reconcile')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZBatchDecisionSchema, raw);
  const t = clock();
  try {
    return await db.transaction(async (tx) => {
      const source = await loadScopedBatch(tx, actor, input.batchId, { forUpdate: true });
      if (!decideBatchTransition(source.status, 'reissue_failed').ok) throw new AppError('CONFLICT', { userMessage: '只有已对账批次的失败明细可以重新拨付' });
      assertVersion(source, input.version);
      const failed = await tx.select().from(subsidyLines).where(and(eq(subsidyLines.batchId, source.id), inArray(subsidyLines.status, REISSUABLE_LINE_STATUSES))).orderBy(asc(subsidyLines.seq));
      const active = failed.length
        ? new Set(
            (
              await tx
                .select({ key: subsidyLines.subjectKey })
                .from(subsidyLines)
                .where(and(inArray(subsidyLines.subjectKey, failed.map((l) => l.subjectKey)), inArray(subsidyLines.status, ACTIVE_LINE_STATUSES)))
            ).map((r) => r.key),
          )
        : new Set<string>();
      const lines = failed.filter((l) => !active.has(l.subjectKey));
      if (lines.length === 0) throw new AppError('CONFLICT', { userMessage: failed.length ? '失败明细已全部重新拨付' : '该批次没有支付失败的明细' });

      const [{ last }] = await tx
        .select({ last: max(subsidyBatches.round) })
        .from(subsidyBatches)
        .where(and(eq(subsidyBatches.kind, source.kind), eq(subsidyBatches.period, source.period), sql`coalesce(${subsidyBatches.bankOrgId}, 0) = ${source.bankOrgId ?? 0}`));
      const round = (last ?? source.round) + 1;
      const [bank] = source.bankOrgId === null ? [] : await tx.select({ code: organisations.code }).from(organisations).where(eq(organisations.id, source.bankOrgId));
      const totalFen = lines.reduce((s, l) => s + l.amountFen, 0n);
      const [batch] = await tx
        .insert(subsidyBatches)
        .values({
          number: batchNumber(source.kind, source.period, bank?.code ?? 'ALL', round),
          kind: source.kind, period: source.period, bankOrgId: source.bankOrgId, round, status: 'prepared',
          lineCount: lines.length, totalFen, preparedBy: actor.userId, progressDone: lines.length, progressTotal: lines.length, createdAt: t, updatedAt: t,
        })
        .returning();
      await tx.insert(subsidyLines).values(
        lines.map((l, i) => {
          const detail = l.detail as Record<string, unknown>;
          const note = `重新拨付：原批次 ${source.number} 第 ${l.seq} 行支付失败（${l.failureReason ?? '—'}）`;
          return {
            batchId: batch.id, seq: i + 1, subjectKey: l.subjectKey, applicationId: l.applicationId, payeeName: l.payeeName,
            payeeIdMasked: l.payeeIdMasked, payeeIdEnc: l.payeeIdEnc, payeeAccountMasked: l.payeeAccountMasked, payeeAccountEnc: l.payeeAccountEnc,
            payeeBankName: l.payeeBankName, amountFen: l.amountFen, status: 'pending' as const,
            lineKind: l.lineKind, correctsLineId: l.correctsLineId, beforeFen: l.beforeFen, afterFen: l.afterFen, periodStart: l.periodStart, periodEnd: l.periodEnd,
            detail: { ...detail, note: [detail.note, note].filter(Boolean).join('；'), reissueOf: { batchId: source.id, number: source.number, seq: l.seq } },
          };
        }),
      );
      await writeAuditLog(tx, {
        actor: auditActor(actor),
        event: 'batch.reissue',
        objectType: 'subsidy_batch',
        objectId: batch.id,
        detail: { number: batch.number, from: source.number, fromBatchId: source.id, lines: lines.length, totalFen: totalFen.toString(), seqs: lines.map((l) => l.seq) },
      }, t);
      return { batch, lineCount: lines.length };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', { userMessage: '失败明细正被他人重新拨付，请刷新后查看' });
    throw e;
  }
}

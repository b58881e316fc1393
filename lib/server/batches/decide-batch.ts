import type { Db } from '@/db/client';
import { subsidyBatches, type SubsidyBatch } from '@/db/schema';
import { hasPermission, type Permission } from '@/lib/auth/permissions';
import { BATCH_STATUS_LABELS } from '@/lib/domain/subsidy-batches/labels';
import { AppError } from '@/lib/errors/app-error';
import { decideBatchTransition, type BatchAction } from '@/lib/domain/workflow/money-workflow';
import { updateIfUnchanged } from '@/lib/server/workflow/update-if-unchanged';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { ZBatchDecisionSchema } from '@/lib/validation/batches';
import { assertNotOwnBatch, assertVersion, loadScopedBatch } from './batch-scope';

export interface BatchStep {
  permission: Permission;
  action: Extract<BatchAction, 'verify' | 'approve'>;
  sod: 'verify' | 'approve';
  event: string;
  patch: (actor: Actor, t: Date) => Partial<SubsidyBatch>;
}

export const BATCH_STEPS = {
  verify: { permission: 'review:hr', action: 'verify', sod: 'verify', event: 'batch.verify', patch: (a, t) => ({ verifiedBy: a.userId, verifiedAt: t }) },
  approve: { permission: 'finance:approve_batch', action: 'approve', sod: 'approve', event: 'batch.approve', patch: (a, t) => ({ approvedBy: a.userId, approvedAt: t }) },
} satisfies Record<string, BatchStep>;

/**
 * Not a use-case itself (verify-batch.ts and approve-batch.ts are): one maker-checker step of a batch, in one transaction with its audit row: the batch is
 * locked, must be in the step's status and at the version the officer saw (two officers
 * deciding at once: one wins, the other gets CONFLICT), and the separation of duties holds
 * (the preparer never verifies or approves; the verifier never approves).
 */
export async function decideBatch(db: Db, actor: Actor, raw: unknown, step: BatchStep): Promise<SubsidyBatch> {
  if (!hasPermission(actor.role, step.permission)) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZBatchDecisionSchema, raw);
  const t = clock();
  return db.transaction(async (tx) => {
    const batch = await loadScopedBatch(tx, actor, input.batchId, { forUpdate: true });
    const move = decideBatchTransition(batch.status, step.action);
    if (!move.ok) {
      throw new AppError('CONFLICT', { userMessage: `该批次当前状态为“${BATCH_STATUS_LABELS[batch.status]}”，不能${step.sod === 'verify' ? '审核' : '审批'}（可能已被他人处理），请刷新` });
    }
    assertVersion(batch, input.version);
    assertNotOwnBatch(actor, batch, step.sod);
    const updatedAt = new Date(Math.max(t.getTime(), batch.updatedAt.getTime() + 1));
    return updateIfUnchanged(tx, {
      table: subsidyBatches,
      expect: [[subsidyBatches.id, batch.id], [subsidyBatches.status, move.from]],
      set: { ...step.patch(actor, t), status: move.to, updatedAt },
      audit: {
        actor: auditActor(actor),
        event: step.event,
        objectType: 'subsidy_batch',
        objectId: batch.id,
        detail: { number: batch.number, from: move.from, to: move.to, lines: batch.lineCount, totalFen: batch.totalFen.toString() },
      },
      now: t,
    });
  });
}

import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { subsidyBatches, type SubsidyBatch } from '@/db/schema';
import { hasPermission, type Permission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';

/**
 * Who may see a subsidy batch: a bank officer only the own bank's batches (another
 * bank's is NOT_FOUND, as if it did not exist); HR, finance and the auditor every batch;
 * anyone else nothing. Not a use-case: the use-cases call it inside their transaction.
 */
export function canReadBatches(actor: Actor): boolean {
  const readers: Permission[] = ['review:bank', 'review:hr', 'finance:access', 'audit:access'];
  return readers.some((p) => hasPermission(actor.role, p));
}

export function batchVisibleTo(actor: Actor, batch: Pick<SubsidyBatch, 'bankOrgId'>): boolean {
  if (hasPermission(actor.role, 'review:hr') || hasPermission(actor.role, 'finance:access') || hasPermission(actor.role, 'audit:access')) return true;
  return hasPermission(actor.role, 'review:bank') && actor.orgId !== null && batch.bankOrgId === actor.orgId;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loadScopedBatch(db: DbOrTx, actor: Actor, batchId: string, opts: { forUpdate?: boolean } = {}): Promise<SubsidyBatch> {
  if (!canReadBatches(actor)) throw new AppError('FORBIDDEN');
  if (!UUID.test(batchId)) throw new AppError('NOT_FOUND', { userMessage: '批次不存在或您无权查看' });
  const q = db.select().from(subsidyBatches).where(eq(subsidyBatches.id, batchId));
  const [batch] = opts.forUpdate ? await q.for('update') : await q;
  if (!batch || !batchVisibleTo(actor, batch)) throw new AppError('NOT_FOUND', { userMessage: '批次不存在或您无权查看' });
  return batch;
}

/** Separation of duties (FIN-09): the one who prepared a batch never verifies, approves or exports it; the verifier never approves or exports it. */
export function assertNotOwnBatch(actor: Actor, batch: Pick<SubsidyBatch, 'preparedBy' | 'verifiedBy'>, step: 'verify' | 'approve' | 'export'): void {
  if (batch.preparedBy === actor.userId) {
    throw new AppError('FORBIDDEN', { message: `preparer may not ${step}`, userMessage: '您是该批次的申报（制单）人，按不相容职责分离要求，不能审核、审批或导出本批次' });
  }
  if (step !== 'verify' && batch.verifiedBy === actor.userId) {
    throw new AppError('FORBIDDEN', { message: `verifier may not ${step}`, userMessage: '您已审核过该批次，按不相容职责分离要求，不能再审批或导出本批次' });
  }
}

/** The version check of a decision: the batch must still be as the officer saw it (its updatedAt). */
export function assertVersion(batch: Pick<SubsidyBatch, 'updatedAt'>, version: string): void {
  if (new Date(version).getTime() !== batch.updatedAt.getTime()) throw new AppError('CONFLICT', { userMessage: '该批次已有变化（可能已被他人处理或重新生成），请刷新后重试' });
}

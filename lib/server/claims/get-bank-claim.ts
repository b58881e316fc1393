import type { Db } from '@/db/client';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';
import { getBatch } from '@/lib/server/batches/get-batch';

/** One of the bank's own claims as its systems read it: status, progress, totals by line status, related rounds. */
export async function getBankClaim(db: Db, actor: Actor, batchId: string) {
  if (!hasPermission(actor.role, 'review:bank') || actor.orgId === null) throw new AppError('FORBIDDEN');
  const v = await getBatch(db, actor, batchId);
  const b = v.batch;
  return {
    id: b.id, number: b.number, kind: b.kind, period: b.period, round: b.round, status: b.status, bankName: v.bankName,
    lineCount: b.lineCount, totalFen: b.totalFen, progress: { done: b.progressDone, total: b.progressTotal }, error: b.error,
    verifiedAt: b.verifiedAt, approvedAt: b.approvedAt, exportedAt: b.exportedAt,
    byStatus: v.byStatus, related: v.related, failedOpen: v.failedOpen,
  };
}

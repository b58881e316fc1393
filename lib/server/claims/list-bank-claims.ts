import type { Db } from '@/db/client';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';
import { listBatches } from '@/lib/server/batches/list-batches';

/**
 * The bank's own batches (its 贴息 claims and their re-issues), newest first, 20 a page, in the
 * shape its systems read: no internal user ids. Other banks' batches never appear.
 */
export async function listBankClaims(db: Db, actor: Actor, input: { page?: string }) {
  if (!hasPermission(actor.role, 'review:bank') || actor.orgId === null) throw new AppError('FORBIDDEN');
  const page = input.page === undefined ? 1 : Number(input.page);
  if (!Number.isInteger(page) || page < 1 || page > 100_000) throw new AppError('INVALID_INPUT', { userMessage: 'page 须为正整数' });
  const r = await listBatches(db, actor, { page });
  return {
    ...r,
    rows: r.rows.map((b) => ({
      id: b.id, number: b.number, kind: b.kind, period: b.period, round: b.round, status: b.status, lineCount: b.lineCount, totalFen: b.totalFen,
      progress: { done: b.progressDone, total: b.progressTotal }, error: b.error, exported: b.hasExport, createdAt: b.createdAt, updatedAt: b.updatedAt,
    })),
  };
}

import { and, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organisations, subsidyBatches, type SubsidyBatch } from '@/db/schema';
import { hasPermission, type Permission } from '@/lib/auth/permissions';
import type { BatchKind, BatchStatus } from '@/lib/domain/subsidy-batches/labels';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';
import { BATCH_LIST_PAGE_SIZE } from '@/lib/validation/batches';
import { canReadBatches } from './batch-scope';

export interface BatchListInput {
  statuses?: BatchStatus[];
  kinds?: BatchKind[];
  q?: string;
  page?: number;
  pageSize?: number;
}

export type BatchListRow = Pick<
  SubsidyBatch,
  'id' | 'number' | 'kind' | 'period' | 'round' | 'status' | 'lineCount' | 'totalFen' | 'progressDone' | 'progressTotal' | 'error' | 'preparedBy' | 'verifiedBy' | 'approvedBy' | 'createdAt' | 'updatedAt'
> & { bankName: string | null; hasExport: boolean };

/**
 * Subsidy batches visible to the actor, newest first: a bank officer the own bank's, HR,
 * finance and the auditor all; filtered by status and by batch number or bank name.
 */
export async function listBatches(db: Db, actor: Actor, input: BatchListInput = {}): Promise<{ rows: BatchListRow[]; total: number; page: number; pageSize: number }> {
  if (!canReadBatches(actor)) throw new AppError('FORBIDDEN');
  const pageSize = Math.min(Math.max(input.pageSize ?? BATCH_LIST_PAGE_SIZE, 1), 100);
  const page = Math.max(1, Math.floor(input.page ?? 1));
  const where: SQL[] = [];
  const allBanks: Permission[] = ['review:hr', 'finance:access', 'audit:access'];
  const seesAll = allBanks.some((p) => hasPermission(actor.role, p));
  if (!seesAll) {
    if (actor.orgId === null) return { rows: [], total: 0, page, pageSize };
    where.push(eq(subsidyBatches.bankOrgId, actor.orgId));
  }
  if (input.statuses?.length) where.push(inArray(subsidyBatches.status, input.statuses));
  if (input.kinds?.length) where.push(inArray(subsidyBatches.kind, input.kinds));
  const q = input.q?.trim();
  if (q) where.push(or(ilike(subsidyBatches.number, `%${q.replace(/[%_\\]/g, '\\$&')}%`), ilike(organisations.name, `%${q.replace(/[%_\\]/g, '\\$&')}%`))!);
  const cond = where.length ? and(...where) : undefined;
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({
        id: subsidyBatches.id, number: subsidyBatches.number, kind: subsidyBatches.kind, period: subsidyBatches.period, round: subsidyBatches.round,
        status: subsidyBatches.status, lineCount: subsidyBatches.lineCount, totalFen: subsidyBatches.totalFen, progressDone: subsidyBatches.progressDone,
        progressTotal: subsidyBatches.progressTotal, error: subsidyBatches.error, preparedBy: subsidyBatches.preparedBy, verifiedBy: subsidyBatches.verifiedBy,
        approvedBy: subsidyBatches.approvedBy, createdAt: subsidyBatches.createdAt, updatedAt: subsidyBatches.updatedAt, bankName: organisations.name,
        hasExport: sql<boolean>`${subsidyBatches.exportXlsxKey} is not null`,
      })
      .from(subsidyBatches)
      .leftJoin(organisations, eq(organisations.id, subsidyBatches.bankOrgId))
      .where(cond)
      .orderBy(desc(subsidyBatches.period), desc(subsidyBatches.createdAt))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(subsidyBatches).leftJoin(organisations, eq(organisations.id, subsidyBatches.bankOrgId)).where(cond),
  ]);
  return { rows, total: Number(n), page, pageSize };
}

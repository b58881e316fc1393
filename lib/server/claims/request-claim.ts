import { and, eq, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { organisations, subsidyBatches, type SubsidyBatch } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { batchNumber, parseQuarter } from '@/lib/domain/subsidy-batches/quarter';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock, todayInChina } from '@/lib/server/clock';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { decideBatchTransition } from '@/lib/domain/workflow/money-workflow';
import { ZRequestClaimSchema } from '@/lib/validation/batches';

export interface RequestClaimResult {
  batch: SubsidyBatch;
  /** False when the claim existed already (the same request twice gives the same batch). */
  created: boolean;
}

/**
 * The batch of a bank's quarter (round 0), created in status 'building' or found: the unique
 * index on (kind, period, bank, round) makes a second request — sequential or concurrent —
 * return the existing batch instead of a second claim. A failed build is reset to 'building'
 * (retried) by a new request. Not a use-case: `requestClaim` (a bank officer) and the
 * benchmark / a scheduler (the system, no preparer) call it.
 */
export async function ensureClaimBatch(tx: Tx, q: { bankOrgId: number; period: string; preparedBy: string | null; actor: Actor | null; now: Date }): Promise<RequestClaimResult> {
  const quarter = parseQuarter(q.period);
  if (!quarter) throw new AppError('INVALID_INPUT', { userMessage: '申报季度无效' });
  const [bank] = await tx.select({ code: organisations.code, kind: organisations.kind }).from(organisations).where(eq(organisations.id, q.bankOrgId));
  if (!bank || bank.kind !== 'bank') throw new AppError('FORBIDDEN', { userMessage: '只有经办银行可以申报贴息' });
  const number = batchNumber('interest', q.period, bank.code, 0);
  const audit = (detail: Record<string, unknown>, id: string) =>
    writeAuditLog(tx, { actor: q.actor ? auditActor(q.actor) : null, event: 'batch.request', objectType: 'subsidy_batch', objectId: id, detail: { number, period: q.period, bankOrgId: q.bankOrgId, ...detail } }, q.now);

  const [inserted] = await tx
    .insert(subsidyBatches)
    .values({ number, kind: 'interest', period: q.period, bankOrgId: q.bankOrgId, round: 0, status: 'building', preparedBy: q.preparedBy, createdAt: q.now, updatedAt: q.now })
    .onConflictDoNothing()
    .returning();
  if (inserted) {
    await audit({ retry: false }, inserted.id);
    return { batch: inserted, created: true };
  }
  const [existing] = await tx
    .select()
    .from(subsidyBatches)
    .where(and(eq(subsidyBatches.kind, 'interest'), eq(subsidyBatches.period, q.period), sql`coalesce(${subsidyBatches.bankOrgId}, 0) = ${q.bankOrgId}`, eq(subsidyBatches.round, 0)))
    .for('update');
  if (!existing) throw new AppError('CONFLICT', { userMessage: '批次编号冲突，请稍后重试' });
  const rebuild = decideBatchTransition(existing.status, 'rebuild');
  if (!rebuild.ok) return { batch: existing, created: false };
  // A failed build, asked for again (after the data was corrected): build it anew.
  const [reset] = await tx
    .update(subsidyBatches)
    .set({ status: rebuild.to, preparedBy: q.preparedBy, progressDone: 0, progressTotal: 0, lineCount: 0, totalFen: 0n, error: null, updatedAt: new Date(Math.max(q.now.getTime(), existing.updatedAt.getTime() + 1)) })
    .where(eq(subsidyBatches.id, existing.id))
    .returning();
  await audit({ retry: true, previousError: existing.error }, existing.id);
  return { batch: reset, created: false };
}

/**
 * 申报贴息: a bank officer asks for the own bank's 贴息 claim of a closed quarter. The
 * request only records the batch ('building'); the claim job builds it in the background
 * (the action starts it after this commits) and the page shows its progress.
 */
export async function requestClaim(db: Db, actor: Actor, raw: unknown): Promise<RequestClaimResult> {
  if (!hasPermission(actor.role, 'review:bank') || actor.orgId === null) throw new AppError('FORBIDDEN');
  const { period } = parseOrThrow(ZRequestClaimSchema, raw);
  const quarter = parseQuarter(period);
  if (!quarter) throw new AppError('INVALID_INPUT', { userMessage: '申报季度无效', fieldErrors: { period: '申报季度无效' } });
  const t = clock();
  if (quarter.settlementDay > todayInChina(t)) {
    const message = `${period} 的结息日是 ${quarter.settlementDay}，结息后才能申报`;
    throw new AppError('INVALID_INPUT', { userMessage: message, fieldErrors: { period: message } });
  }
  return db.transaction((tx) => ensureClaimBatch(tx, { bankOrgId: actor.orgId!, period, preparedBy: actor.userId, actor, now: t }));
}

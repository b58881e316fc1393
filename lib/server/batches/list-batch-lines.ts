import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { subsidyLines, type SubsidyLine } from '@/db/schema';
import type { ClaimLineDetail } from '@/lib/domain/subsidy-batches/claim-line';
import type { Actor } from '@/lib/server/auth/actor';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { LINE_LIST_PAGE_SIZE, ZBatchLinesQuerySchema } from '@/lib/validation/batches';
import { loadScopedBatch } from './batch-scope';

export type BatchLineRow = Pick<SubsidyLine, 'id' | 'seq' | 'subjectKey' | 'applicationId' | 'payeeName' | 'payeeIdMasked' | 'payeeAccountMasked' | 'payeeBankName' | 'amountFen' | 'status' | 'bankTxnRef' | 'failureReason' | 'settledAt'> & {
  detail: ClaimLineDetail;
};

const like = (q: string) => `%${q.replace(/[%_\\]/g, '\\$&')}%`;

/**
 * A batch's lines for its page, in list order, 50 at a time: search by name (borrower or
 * payee) or by number (受理编号, 合同编号, 借据号, 序号), filter by status. Personal numbers
 * only masked; the engine's trace comes with each line.
 */
export async function listBatchLines(db: Db, actor: Actor, raw: unknown): Promise<{ rows: BatchLineRow[]; total: number; page: number; pageSize: number }> {
  const input = parseOrThrow(ZBatchLinesQuerySchema, raw);
  const batch = await loadScopedBatch(db, actor, input.batchId);
  const where: SQL[] = [eq(subsidyLines.batchId, batch.id)];
  if (input.status) where.push(eq(subsidyLines.status, input.status));
  const q = input.q?.trim();
  if (q) {
    const p = like(q);
    const terms: SQL[] = [
      ilike(subsidyLines.payeeName, p),
      sql`${subsidyLines.detail}->>'borrowerName' ilike ${p}`,
      sql`${subsidyLines.detail}->>'applicationNumber' ilike ${p}`,
      sql`${subsidyLines.detail}->>'contractNo' ilike ${p}`,
      sql`${subsidyLines.detail}->>'drawdownNo' ilike ${p}`,
    ];
    if (/^\d{1,7}$/.test(q)) terms.push(eq(subsidyLines.seq, Number(q)));
    where.push(or(...terms)!);
  }
  const cond = and(...where);
  const pageSize = LINE_LIST_PAGE_SIZE;
  const [rows, [{ n }]] = await Promise.all([
    db
      .select({
        id: subsidyLines.id, seq: subsidyLines.seq, subjectKey: subsidyLines.subjectKey, applicationId: subsidyLines.applicationId, payeeName: subsidyLines.payeeName,
        payeeIdMasked: subsidyLines.payeeIdMasked, payeeAccountMasked: subsidyLines.payeeAccountMasked, payeeBankName: subsidyLines.payeeBankName,
        amountFen: subsidyLines.amountFen, status: subsidyLines.status, bankTxnRef: subsidyLines.bankTxnRef, failureReason: subsidyLines.failureReason,
        settledAt: subsidyLines.settledAt, detail: subsidyLines.detail,
      })
      .from(subsidyLines)
      .where(cond)
      .orderBy(asc(subsidyLines.seq))
      .limit(pageSize)
      .offset((input.page - 1) * pageSize),
    db.select({ n: count() }).from(subsidyLines).where(cond),
  ]);
  return { rows: rows as BatchLineRow[], total: Number(n), page: input.page, pageSize };
}

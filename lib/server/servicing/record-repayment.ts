import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { repayments } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { formatYuan, parseYuan } from '@/lib/domain/money';
import type { ApplicationState } from '@/lib/domain/workflow/application-states';
import { AppError } from '@/lib/errors/app-error';
import { loadScopedApplication } from '@/lib/server/applications/application-scope';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock, todayInChina } from '@/lib/server/clock';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { ZRecordRepaymentSchema } from '@/lib/validation/servicing';
import { fieldError, loadLoanFacts, outstandingPrincipal } from './loan-facts';
import { transitionAfterRepayment } from './transition-after-repayment';

export const DUPLICATE_BANK_REF_MESSAGE = '该银行流水号已登记过还款，同一笔还款不能重复登记';

export interface RecordRepaymentResult {
  state: ApplicationState;
  version: number;
  /** Yuan. */
  outstanding: string;
  settled: boolean;
}

/**
 * The bank officer records one repayment (登记还款) of an own-bank loan: principal at most
 * the outstanding, dated between the disbursement and today, the bank's transaction
 * reference unique per loan. Repaying while overdue cures the loan; when nothing is left
 * the loan is settled in the same transaction.
 */
export async function recordRepayment(db: Db, actor: Actor, raw: unknown): Promise<RecordRepaymentResult> {
  if (!hasPermission(actor.role, 'review:bank')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZRecordRepaymentSchema, raw);
  const principal = parseYuan(input.principal);
  const interest = parseYuan(input.interest);
  const t = clock();
  try {
    return await db.transaction(async (tx) => {
      const app = await loadScopedApplication(tx, actor, input.applicationId, { forUpdate: true });
      if (app.version !== input.version) throw new AppError('CONFLICT');
      const facts = await loadLoanFacts(tx, app.id);
      if (input.repaidOn < facts.loan.disbursedDate) throw fieldError('repaidOn', `还款日期不能早于放款日期（${facts.loan.disbursedDate}）`);
      if (input.repaidOn > todayInChina(t)) throw fieldError('repaidOn', '还款日期不能晚于今天');
      const outstanding = outstandingPrincipal(facts);
      if (principal > outstanding) throw fieldError('principal', `还款本金不能超过未还本金 ${formatYuan(outstanding)} 元`);
      const [dup] = await tx.select({ id: repayments.id }).from(repayments).where(and(eq(repayments.applicationId, app.id), eq(repayments.bankRef, input.bankRef)));
      if (dup) throw fieldError('bankRef', DUPLICATE_BANK_REF_MESSAGE);

      const [row] = await tx
        .insert(repayments)
        .values({ applicationId: app.id, repaidOn: input.repaidOn, principalFen: principal, interestFen: interest, bankRef: input.bankRef, source: 'manual', recordedBy: actor.userId, createdAt: t })
        .returning({ id: repayments.id });
      const outstandingAfter = outstanding - principal;
      const principalDates = [...facts.repayments.filter((r) => r.principalFen > 0n).map((r) => r.repaidOn), ...(principal > 0n ? [input.repaidOn] : [])].sort();
      const updated = await transitionAfterRepayment(tx, actor, app, facts, { outstandingAfter, lastRepaidOn: input.repaidOn, lastPrincipalOn: principalDates.at(-1) ?? null }, t);
      await writeAuditLog(tx, {
        actor: auditActor(actor),
        event: 'repayment.record',
        objectType: 'application',
        objectId: app.id,
        detail: { repaymentId: row.id, repaidOn: input.repaidOn, principalFen: principal.toString(), interestFen: interest.toString(), bankRef: input.bankRef, outstandingFen: outstandingAfter.toString() },
      }, t);
      return { state: updated.state, version: updated.version, outstanding: formatYuan(outstandingAfter), settled: updated.state === 'settled' };
    });
  } catch (e) {
    // Two officers entering the same bank reference at once: the unique index decides.
    if (isUniqueViolation(e)) throw fieldError('bankRef', DUPLICATE_BANK_REF_MESSAGE);
    throw e;
  }
}

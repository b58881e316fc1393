import type { Db } from '@/db/client';
import { loanEvents } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { formatYuan } from '@/lib/domain/money';
import type { ApplicationState } from '@/lib/domain/workflow/application-states';
import { AppError } from '@/lib/errors/app-error';
import { loadScopedApplication } from '@/lib/server/applications/application-scope';
import { applyTransition } from '@/lib/server/applications/apply-transition';
import type { Actor } from '@/lib/server/auth/actor';
import { now as clock, todayInChina } from '@/lib/server/clock';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { ZSettleLoanSchema } from '@/lib/validation/servicing';
import { fieldError, loadLoanFacts, outstandingPrincipal } from './loan-facts';

/**
 * The bank officer closes a loan whose principal is fully repaid (结清). A repayment that
 * brings the principal to zero settles the loan by itself; this is for the remaining case
 * (e.g. repayments that arrived another way) and refuses while principal is outstanding.
 */
export async function settleLoan(db: Db, actor: Actor, raw: unknown): Promise<{ state: ApplicationState; version: number }> {
  if (!hasPermission(actor.role, 'review:bank')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZSettleLoanSchema, raw);
  const t = clock();
  return db.transaction(async (tx) => {
    const app = await loadScopedApplication(tx, actor, input.applicationId, { forUpdate: true });
    if (app.version !== input.version) throw new AppError('CONFLICT');
    const facts = await loadLoanFacts(tx, app.id);
    const outstanding = outstandingPrincipal(facts);
    if (outstanding > 0n) throw new AppError('CONFLICT', { userMessage: `尚有未还本金 ${formatYuan(outstanding)} 元，请先登记还款；本金还清时系统自动结清` });
    const lastRepaid = facts.repayments.at(-1)?.repaidOn ?? facts.loan.disbursedDate;
    if (input.settledOn < lastRepaid) throw fieldError('settledOn', `结清日期不能早于最后一次还款日期（${lastRepaid}）`);
    if (input.settledOn > todayInChina(t)) throw fieldError('settledOn', '结清日期不能晚于今天');
    await tx.insert(loanEvents).values({ applicationId: app.id, kind: 'settled', effectiveDate: input.settledOn, recordedBy: actor.userId, createdAt: t });
    const updated = await applyTransition(tx, actor, app, 'settle', { now: t, reason: `于 ${input.settledOn} 结清` });
    return { state: updated.state, version: updated.version };
  });
}

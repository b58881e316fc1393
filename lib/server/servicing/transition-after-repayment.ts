import type { Tx } from '@/db/client';
import { loanEvents, type Application } from '@/db/schema';
import { maxDate, type IsoDate } from '@/lib/domain/dates';
import { applyTransition } from '@/lib/server/applications/apply-transition';
import type { Actor } from '@/lib/server/auth/actor';
import { openOverdueSince, type LoanFacts } from './loan-facts';

export interface RepaymentOutcome {
  /** Outstanding principal after the new repayments. */
  outstandingAfter: bigint;
  /** The latest date among the new repayments. */
  lastRepaidOn: IsoDate;
  /** The latest date of any principal repayment of the loan (the settlement day when nothing is left). */
  lastPrincipalOn: IsoDate | null;
}

/**
 * The state change that follows new repayments, in the caller's transaction: a repayment
 * while overdue cures the loan (`cured` event); when no principal is left the loan is
 * settled (`settled` event), otherwise `record_repayment` (repaying). Returns the updated
 * application.
 */
export async function transitionAfterRepayment(tx: Tx, actor: Actor, app: Application, facts: Pick<LoanFacts, 'events'>, outcome: RepaymentOutcome, now: Date): Promise<Application> {
  if (app.state === 'overdue') {
    const since = openOverdueSince(facts.events);
    await tx.insert(loanEvents).values({
      applicationId: app.id,
      kind: 'cured',
      effectiveDate: since ? maxDate(since, outcome.lastRepaidOn) : outcome.lastRepaidOn,
      note: '逾期后已还款',
      recordedBy: actor.userId,
      createdAt: now,
    });
  }
  if (outcome.outstandingAfter === 0n) {
    const settledOn = maxDate(outcome.lastPrincipalOn ?? outcome.lastRepaidOn, outcome.lastRepaidOn);
    await tx.insert(loanEvents).values({ applicationId: app.id, kind: 'settled', effectiveDate: settledOn, note: '本金已全部还清', recordedBy: actor.userId, createdAt: now });
    return applyTransition(tx, actor, app, 'settle', { now, reason: `本金已全部还清（${settledOn}）` });
  }
  return applyTransition(tx, actor, app, 'record_repayment', { now });
}

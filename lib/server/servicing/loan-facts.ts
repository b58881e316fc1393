import { asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { loanEvents, loans, repayments, type Application, type Loan, type LoanEvent, type Repayment } from '@/db/schema';
import { addDays, maxDate, type IsoDate } from '@/lib/domain/dates';
import { selectRuleSet, type RuleCatalog, type ScheduleLoan } from '@/lib/domain/rules';
import { AppError } from '@/lib/errors/app-error';
import { DEPLOYMENT_DISTRICT } from '@/lib/server/policy/get-rule-catalog';

/**
 * Shared by the servicing use-cases (not a use-case itself): a disbursed loan with its
 * repayments and servicing events, and what follows from them — outstanding principal,
 * the maturity in force, the overdue intervals the rules engine's schedule takes.
 */
export interface LoanFacts {
  loan: Loan & { disbursedDate: string; disbursedFen: bigint };
  repayments: Repayment[];
  events: LoanEvent[];
}

export type DisbursedLoan = LoanFacts['loan'];

/** The loan of an application, refused unless it has been disbursed. */
export async function loadDisbursedLoan(db: DbOrTx, applicationId: string): Promise<DisbursedLoan> {
  const [loan] = await db.select().from(loans).where(eq(loans.applicationId, applicationId));
  if (!loan || loan.disbursedDate === null || loan.disbursedFen === null) throw new AppError('CONFLICT', { userMessage: '该贷款尚未放款' });
  return loan as DisbursedLoan;
}

export async function loadLoanFacts(db: DbOrTx, applicationId: string): Promise<LoanFacts> {
  const loan = await loadDisbursedLoan(db, applicationId);
  const [reps, events] = await Promise.all([
    db.select().from(repayments).where(eq(repayments.applicationId, applicationId)).orderBy(asc(repayments.repaidOn), asc(repayments.id)),
    db.select().from(loanEvents).where(eq(loanEvents.applicationId, applicationId)).orderBy(asc(loanEvents.effectiveDate), asc(loanEvents.id)),
  ]);
  return { loan, repayments: reps, events };
}

export function repaidPrincipal(reps: readonly Pick<Repayment, 'principalFen'>[]): bigint {
  return reps.reduce((s, r) => s + r.principalFen, 0n);
}

export function outstandingPrincipal(facts: LoanFacts): bigint {
  return facts.loan.disbursedFen - repaidPrincipal(facts.repayments);
}

/** The extension granted, if any (one at most). */
export function extensionOf(events: readonly LoanEvent[]): LoanEvent | null {
  return events.filter((e) => e.kind === 'extended').at(-1) ?? null;
}

/** The maturity in force: the extended one when the loan was extended. */
export function currentMaturity(facts: Pick<LoanFacts, 'loan' | 'events'>): IsoDate {
  return extensionOf(facts.events)?.newMaturityDate ?? facts.loan.maturityDate;
}

/**
 * Overdue intervals from the overdue/cured events: an interval runs from the overdue
 * effective date to the day before the cure (at least one day); an uncured one is open.
 */
export function overdueIntervals(events: readonly LoanEvent[]): { from: IsoDate; to?: IsoDate }[] {
  const out: { from: IsoDate; to?: IsoDate }[] = [];
  let open: IsoDate | null = null;
  for (const e of events) {
    if (e.kind === 'overdue' && open === null) open = e.effectiveDate;
    else if (e.kind === 'cured' && open !== null) {
      out.push({ from: open, to: maxDate(open, addDays(e.effectiveDate, -1)) });
      open = null;
    }
  }
  if (open !== null) out.push({ from: open });
  return out;
}

/** The start of the overdue spell the loan is in now, if any. */
export function openOverdueSince(events: readonly LoanEvent[]): IsoDate | null {
  const last = overdueIntervals(events).at(-1);
  return last && last.to === undefined ? last.from : null;
}

/** The rules engine's input for this loan's quarterly schedule. */
export function scheduleInputOf(app: Pick<Application, 'loanType'>, facts: LoanFacts): ScheduleLoan {
  const ext = extensionOf(facts.events);
  return {
    district: DEPLOYMENT_DISTRICT,
    borrowerType: app.loanType,
    principal: facts.loan.disbursedFen,
    contractDate: facts.loan.contractDate,
    disbursedDate: facts.loan.disbursedDate,
    maturityDate: facts.loan.maturityDate,
    annualRate: facts.loan.annualRateUnits,
    // Interest-only payments do not change the balance.
    repayments: facts.repayments.filter((r) => r.principalFen > 0n).map((r) => ({ date: r.repaidOn, principal: r.principalFen })),
    overdue: overdueIntervals(facts.events),
    ...(ext?.newMaturityDate ? { extension: { newMaturityDate: ext.newMaturityDate } } : {}),
  };
}

/** The extension terms of the rule set in force on the contract date (rules.md §5: once, ≤ 12 months, no subsidy). */
export function extensionTerms(loan: Pick<Loan, 'contractDate'>, catalog: RuleCatalog) {
  return selectRuleSet(catalog.ruleSets, 'loan', DEPLOYMENT_DISTRICT, loan.contractDate).params.extension;
}

/** INVALID_INPUT for one field, with the same Chinese text as message and field message. */
export function fieldError(field: string, message: string): AppError {
  return new AppError('INVALID_INPUT', { userMessage: message, fieldErrors: { [field]: message } });
}

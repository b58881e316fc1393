import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { loans, subsidyLines, users } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { addMonthsRollForward, type IsoDate } from '@/lib/domain/dates';
import { formatRate, formatYuan } from '@/lib/domain/money';
import { computeSchedule, type PeriodStatus, type SubsidyExclusion } from '@/lib/domain/rules';
import { LOAN_STATES, type ApplicationState } from '@/lib/domain/workflow/application-states';
import { availableActions, type ApplicationAction } from '@/lib/domain/workflow/application-workflow';
import { AppError } from '@/lib/errors/app-error';
import { loadScopedApplication } from '@/lib/server/applications/application-scope';
import type { Actor } from '@/lib/server/auth/actor';
import { now as clock, todayInChina } from '@/lib/server/clock';
import { getRuleCatalog } from '@/lib/server/policy/get-rule-catalog';
import type { LoanEvent } from '@/db/schema';
import { currentMaturity, extensionOf, extensionTerms, loadLoanFacts, openOverdueSince, outstandingPrincipal, scheduleInputOf } from './loan-facts';

/** Every amount is a yuan string ("1234.50"); dates are ISO days. */
export interface LoanServicingView {
  applicationId: string;
  number: string | null;
  state: ApplicationState;
  version: number;
  asOf: IsoDate;
  terms: {
    contractNo: string;
    drawdownNo: string | null;
    contractPrincipal: string;
    disbursed: string;
    annualRate: string;
    termMonths: number;
    contractDate: IsoDate;
    disbursedDate: IsoDate;
    /** As contracted (from the disbursement day). */
    maturityDate: IsoDate;
    /** The maturity in force (the extended one, if extended). */
    currentMaturityDate: IsoDate;
    regime: string | null;
  };
  outstanding: string;
  repaidPrincipal: string;
  repaidInterest: string;
  overdueSince: IsoDate | null;
  extension: { used: boolean; maxCount: number; maxMonths: number; latestDate: IsoDate; newMaturityDate: IsoDate | null };
  repayments: { id: number; repaidOn: IsoDate; principal: string; interest: string; bankRef: string; source: 'manual' | 'import' | 'api'; recordedBy: string | null; createdAt: string }[];
  events: { id: number; kind: LoanEvent['kind']; effectiveDate: IsoDate; newMaturityDate: IsoDate | null; amount: string | null; note: string | null; createdAt: string }[];
  schedule: {
    periods: {
      index: number;
      periodStart: IsoDate;
      periodEnd: IsoDate;
      days: number;
      status: PeriodStatus;
      openingBalance: string;
      interest: string;
      subsidy: string;
      borrowerInterest: string;
      overdue: boolean;
      extended: boolean;
      exclusions: SubsidyExclusion[];
      /** 'paid' when a subsidy line for this period is marked paid; otherwise pending (待拨付) or none. */
      subsidyStatus: 'none' | 'pending' | 'paid';
    }[];
    totals: { interest: string; subsidy: string; borrowerInterest: string };
    closedTotals: { interest: string; subsidy: string; borrowerInterest: string };
    regime: string | null;
    ruleSet: string | null;
  };
  /** Interest subsidies actually paid (subsidy lines marked paid by the disbursement module). */
  subsidiesPaid: { id: number; subjectKey: string; amount: string; settledAt: string | null; periodStart: IsoDate | null; periodEnd: IsoDate | null }[];
  /** Servicing actions this actor may take in the current state (the server decides again). */
  actions: ApplicationAction[];
}

const SERVICING_READERS = ['review:access', 'audit:access', 'application:read_own'] as const;

const totalsOf = (t: { totalInterest: bigint; subsidy: bigint; borrowerInterest: bigint }) => ({
  interest: formatYuan(t.totalInterest),
  subsidy: formatYuan(t.subsidy),
  borrowerInterest: formatYuan(t.borrowerInterest),
});

/** Period dates a paid subsidy line is about, from its detail (written by the batch module). */
function lineDates(detail: unknown): { periodStart: IsoDate | null; periodEnd: IsoDate | null } {
  const d = (detail && typeof detail === 'object' ? detail : {}) as Record<string, unknown>;
  const pick = (k: string) => (typeof d[k] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d[k] as string) ? (d[k] as string) : null);
  return { periodStart: pick('periodStart'), periodEnd: pick('periodEnd') };
}

/**
 * The servicing view of one loan, for its bank, the other reviewers, the auditor and the
 * applicant (each within their own scope): terms, repayments, servicing events,
 * outstanding principal, and the quarterly schedule the rules engine computes as of today.
 * Null while the application has no disbursed loan.
 */
export async function getLoanServicing(db: Db, actor: Actor, applicationId: string): Promise<LoanServicingView | null> {
  if (!SERVICING_READERS.some((p) => hasPermission(actor.role, p))) throw new AppError('FORBIDDEN');
  const app = await loadScopedApplication(db, actor, applicationId);
  if (!LOAN_STATES.includes(app.state)) return null;
  const [loanRow] = await db.select({ disbursedDate: loans.disbursedDate }).from(loans).where(eq(loans.applicationId, app.id));
  if (!loanRow?.disbursedDate) return null;
  const facts = await loadLoanFacts(db, app.id);
  const asOf = todayInChina(clock());
  const catalog = await getRuleCatalog(db);
  const schedule = computeSchedule(scheduleInputOf(app, facts), asOf, catalog);

  const [paidLines, recorders] = await Promise.all([
    db
      .select({ id: subsidyLines.id, subjectKey: subsidyLines.subjectKey, amountFen: subsidyLines.amountFen, settledAt: subsidyLines.settledAt, detail: subsidyLines.detail })
      .from(subsidyLines)
      .where(and(eq(subsidyLines.applicationId, app.id), eq(subsidyLines.status, 'paid')))
      .orderBy(asc(subsidyLines.id)),
    // Who entered a repayment: only reviewers see names.
    actor.role === 'applicant' || facts.repayments.length === 0
      ? Promise.resolve([])
      : db.select({ id: users.id, realName: users.realName }).from(users).where(inArray(users.id, [...new Set(facts.repayments.map((r) => r.recordedBy))])),
  ]);
  const subsidiesPaid = paidLines.map((l) => ({ id: l.id, subjectKey: l.subjectKey, amount: formatYuan(l.amountFen), settledAt: l.settledAt?.toISOString() ?? null, ...lineDates(l.detail) }));
  const paidPeriods = new Set(subsidiesPaid.flatMap((l) => [l.periodStart, l.periodEnd]).filter(Boolean));
  const nameOf = new Map(recorders.map((u) => [u.id, u.realName]));

  const terms = extensionTerms(facts.loan, catalog);
  const ext = extensionOf(facts.events);
  const rateCheck = facts.loan.rateCheck as { regime?: string } | null;
  const first = schedule.periods[0]?.interest;
  return {
    applicationId: app.id,
    number: app.number,
    state: app.state,
    version: app.version,
    asOf,
    terms: {
      contractNo: facts.loan.contractNo,
      drawdownNo: facts.loan.drawdownNo,
      contractPrincipal: formatYuan(facts.loan.principalFen),
      disbursed: formatYuan(facts.loan.disbursedFen),
      annualRate: formatRate(facts.loan.annualRateUnits),
      termMonths: facts.loan.termMonths,
      contractDate: facts.loan.contractDate,
      disbursedDate: facts.loan.disbursedDate,
      maturityDate: facts.loan.maturityDate,
      currentMaturityDate: currentMaturity(facts),
      regime: rateCheck?.regime ?? first?.regime ?? null,
    },
    outstanding: formatYuan(outstandingPrincipal(facts)),
    repaidPrincipal: formatYuan(facts.repayments.reduce((s, r) => s + r.principalFen, 0n)),
    repaidInterest: formatYuan(facts.repayments.reduce((s, r) => s + r.interestFen, 0n)),
    overdueSince: openOverdueSince(facts.events),
    extension: {
      used: ext !== null,
      maxCount: terms.maxCount,
      maxMonths: terms.maxMonths,
      latestDate: addMonthsRollForward(facts.loan.maturityDate, terms.maxMonths),
      newMaturityDate: ext?.newMaturityDate ?? null,
    },
    repayments: facts.repayments.map((r) => ({
      id: r.id,
      repaidOn: r.repaidOn,
      principal: formatYuan(r.principalFen),
      interest: formatYuan(r.interestFen),
      bankRef: r.bankRef,
      source: r.source,
      recordedBy: nameOf.get(r.recordedBy) ?? null,
      createdAt: r.createdAt.toISOString(),
    })),
    events: facts.events.map((e) => ({
      id: e.id,
      kind: e.kind,
      effectiveDate: e.effectiveDate,
      newMaturityDate: e.newMaturityDate,
      amount: e.amountFen === null ? null : formatYuan(e.amountFen),
      note: e.note,
      createdAt: e.createdAt.toISOString(),
    })),
    schedule: {
      periods: schedule.periods.map((p) => ({
        index: p.index,
        periodStart: p.periodStart,
        periodEnd: p.periodEnd,
        days: p.interest.days,
        status: p.status,
        openingBalance: formatYuan(p.openingBalance),
        interest: formatYuan(p.interest.totalInterest),
        subsidy: formatYuan(p.interest.subsidy),
        borrowerInterest: formatYuan(p.interest.borrowerInterest),
        overdue: p.overdue,
        extended: p.extended,
        exclusions: p.interest.exclusions,
        subsidyStatus: p.interest.subsidy === 0n ? 'none' : paidPeriods.has(p.periodEnd) || paidPeriods.has(p.periodStart) ? 'paid' : 'pending',
      })),
      totals: totalsOf(schedule.totals),
      closedTotals: totalsOf(schedule.closedTotals),
      regime: first?.regime ?? null,
      ruleSet: first ? `${first.ruleSet.title}（${first.ruleSet.id} v${first.ruleSet.version}）` : null,
    },
    subsidiesPaid,
    actions: availableActions(app.state, actor.role),
  };
}

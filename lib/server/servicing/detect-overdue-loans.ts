import { and, count, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { applications, loanEvents, loans, repayments, type Application } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { addDays, type IsoDate } from '@/lib/domain/dates';
import { formatYuan } from '@/lib/domain/money';
import type { ApplicationState } from '@/lib/domain/workflow/application-states';
import { AppError, isAppError } from '@/lib/errors/app-error';
import { loadScopedApplication } from '@/lib/server/applications/application-scope';
import { applyTransition } from '@/lib/server/applications/apply-transition';
import { isSystemActor, systemActor, type Actor, type SystemActor } from '@/lib/server/auth/actor';
import { now as clock, todayInChina } from '@/lib/server/clock';
import { currentMaturity, loadLoanFacts, outstandingPrincipal } from './loan-facts';

/** The states from which a loan can fall overdue (the transition table's `mark_overdue`). */
const ACTIVE: ApplicationState[] = ['disbursed', 'repaying', 'extended'];

export interface DetectOverdueResult {
  asOf: IsoDate;
  /** Active loans of the bank looked at. */
  active: number;
  marked: { applicationId: string; number: string | null; maturityDate: IsoDate; overdueFrom: IsoDate; outstanding: string }[];
  /** Changed by someone else while the check ran; the next check sees them again. */
  skipped: number;
}

/**
 * 检查逾期: the bank officer's check of the own bank's loans as of today. A loan whose
 * maturity in force (the extended one, if extended) has passed with principal still
 * outstanding is marked overdue from the day after maturity. Each loan changes in its own
 * transaction (event, state, audit, notification); loans already overdue are no longer
 * active, so running it again changes nothing.
 */
export async function detectOverdueLoans(db: Db, actor: Actor, _raw?: unknown): Promise<DetectOverdueResult> {
  if (!hasPermission(actor.role, 'review:bank')) throw new AppError('FORBIDDEN');
  if (actor.orgId === null) return { asOf: todayInChina(clock()), active: 0, marked: [], skipped: 0 };
  return markOverdue(db, actor, actor.orgId);
}

/**
 * The worker's scheduled run of the same check over every bank's loans (no person: the events
 * record no user, the audit rows a null actor; the transition is the one the table gives the
 * bank). Running it and a bank officer's check at once marks each loan once (row lock + state).
 */
export async function detectOverdueLoansScheduled(db: Db): Promise<DetectOverdueResult> {
  return markOverdue(db, systemActor('bank_officer'), null);
}

async function markOverdue(db: Db, actor: Actor | SystemActor, bankOrgId: number | null): Promise<DetectOverdueResult> {
  const t = clock();
  const asOf = todayInChina(t);
  const system = isSystemActor(actor);
  const repaid = db
    .select({ applicationId: repayments.applicationId, principal: sql<string>`sum(${repayments.principalFen})`.as('repaid_principal') })
    .from(repayments)
    .groupBy(repayments.applicationId)
    .as('repaid');
  const extended = db
    .select({ applicationId: loanEvents.applicationId, newMaturity: sql<string>`max(${loanEvents.newMaturityDate})`.as('new_maturity') })
    .from(loanEvents)
    .where(eq(loanEvents.kind, 'extended'))
    .groupBy(loanEvents.applicationId)
    .as('ext');
  const mine = bankOrgId === null
    ? inArray(applications.state, ACTIVE)
    : and(eq(applications.bankOrgId, bankOrgId), eq(loans.bankOrgId, bankOrgId), inArray(applications.state, ACTIVE));
  const [{ active }] = await db.select({ active: count() }).from(applications).innerJoin(loans, eq(loans.applicationId, applications.id)).where(mine);
  const candidates = await db
    .select({ id: applications.id })
    .from(applications)
    .innerJoin(loans, eq(loans.applicationId, applications.id))
    .leftJoin(repaid, eq(repaid.applicationId, applications.id))
    .leftJoin(extended, eq(extended.applicationId, applications.id))
    .where(and(mine, lt(sql`coalesce(${extended.newMaturity}, ${loans.maturityDate})`, asOf), gt(sql`${loans.disbursedFen} - coalesce(${repaid.principal}, 0)`, 0)))
    .orderBy(loans.maturityDate);

  const marked: DetectOverdueResult['marked'] = [];
  let skipped = 0;
  for (const { id } of candidates) {
    try {
      const hit = await db.transaction(async (tx) => {
        const app: Application | undefined = system
          ? (await tx.select().from(applications).where(eq(applications.id, id)).for('update'))[0]
          : await loadScopedApplication(tx, actor, id, { forUpdate: true });
        if (!app) return null;
        if (!ACTIVE.includes(app.state)) return null;
        const facts = await loadLoanFacts(tx, app.id);
        const maturity = currentMaturity(facts);
        const outstanding = outstandingPrincipal(facts);
        if (maturity >= asOf || outstanding === 0n) return null;
        const overdueFrom = addDays(maturity, 1);
        const note = `${system ? '系统定时检查' : '系统检查'}：已过到期日 ${maturity}，尚有未还本金 ${formatYuan(outstanding)} 元`;
        await tx.insert(loanEvents).values({ applicationId: app.id, kind: 'overdue', effectiveDate: overdueFrom, note, recordedBy: system ? null : actor.userId, createdAt: t });
        await applyTransition(tx, actor, app, 'mark_overdue', { now: t, reason: note });
        return { applicationId: app.id, number: app.number, maturityDate: maturity, overdueFrom, outstanding: formatYuan(outstanding) };
      });
      if (hit) marked.push(hit);
    } catch (e) {
      if (isAppError(e) && (e.code === 'CONFLICT' || e.code === 'NOT_FOUND')) skipped++;
      else throw e;
    }
  }
  return { asOf, active, marked, skipped };
}

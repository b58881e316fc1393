import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { applicationEvents, loans, organisations, towns } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { maskIdNumber } from '@/lib/domain/mask';
import { addWorkingDays } from '@/lib/domain/working-days';
import { availableActions } from '@/lib/domain/workflow/application-workflow';
import { DEFAULT_STAGE_DEADLINE_WORKING_DAYS } from '@/lib/domain/workflow/review-deadlines';
import { AppError } from '@/lib/errors/app-error';
import { openForm } from '@/lib/server/applications/application-form-store';
import { loadScopedApplication } from '@/lib/server/applications/application-scope';
import type { Actor } from '@/lib/server/auth/actor';
import { loadCalendar } from '@/lib/server/calendar/load-calendar';
import { now as clock, todayInChina } from '@/lib/server/clock';
import type { TApplicationForm } from '@/lib/validation/application';
import { listBenefitDecisions } from '@/lib/server/benefits/list-benefit-decisions';

/** Personal numbers inside the form, masked for display (unmasking is a separate, audited use-case). */
function maskForm(form: TApplicationForm): TApplicationForm {
  return {
    ...form,
    applicant: { ...form.applicant, spouseIdNumber: form.applicant.spouseIdNumber ? maskIdNumber(form.applicant.spouseIdNumber) : form.applicant.spouseIdNumber },
    partners: (form.partners ?? []).map((p) => ({ ...p, idNumber: maskIdNumber(p.idNumber) })),
  };
}

/** Everything a reviewer needs on one page: data, engine answer and trace, history, deadline, loan. */
export async function getApplicationForReview(db: Db, actor: Actor, applicationId: string) {
  if (!hasPermission(actor.role, 'review:access') && !hasPermission(actor.role, 'audit:access')) throw new AppError('FORBIDDEN');
  const app = await loadScopedApplication(db, actor, applicationId);
  const [events, [loan], [bank], [town], calendar] = await Promise.all([
    db.select().from(applicationEvents).where(eq(applicationEvents.applicationId, app.id)).orderBy(asc(applicationEvents.id)),
    db.select().from(loans).where(eq(loans.applicationId, app.id)),
    app.bankOrgId ? db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, app.bankOrgId)) : Promise.resolve([]),
    app.townCode ? db.select({ name: towns.name }).from(towns).where(eq(towns.code, app.townCode)) : Promise.resolve([]),
    loadCalendar(db),
  ]);
  const benefits = await listBenefitDecisions(db, app);
  const days = DEFAULT_STAGE_DEADLINE_WORKING_DAYS[app.state];
  const deadline = days && app.stageEnteredAt ? addWorkingDays(todayInChina(app.stageEnteredAt), days, calendar) : null;
  return {
    id: app.id,
    number: app.number,
    state: app.state,
    version: app.version,
    loanType: app.loanType,
    applicantName: app.applicantName,
    idNumberMasked: app.idNumberMasked,
    requestedAmountFen: app.requestedAmountFen?.toString() ?? null,
    termMonths: app.termMonths,
    bankName: bank?.name ?? null,
    townName: town?.name ?? null,
    submittedAt: app.submittedAt,
    returnItems: app.returnItems,
    engineResult: app.engineResult,
    form: maskForm(openForm<TApplicationForm>(app.formEnc)),
    events,
    loan: loan
      ? { ...withoutCiphertext(loan), annualRateUnits: loan.annualRateUnits.toString(), principalFen: loan.principalFen.toString(), disbursedFen: loan.disbursedFen?.toString() ?? null }
      : null,
    deadline,
    overdue: deadline !== null && deadline < todayInChina(clock()),
    benefits,
    actions: availableActions(app.state, actor.role),
  };
}

/** The page shows the masked account only; the ciphertext never leaves the server. */
function withoutCiphertext<T extends { payoutAccountEnc: string | null }>(loan: T): Omit<T, 'payoutAccountEnc'> {
  const { payoutAccountEnc: _omitted, ...rest } = loan;
  return rest;
}

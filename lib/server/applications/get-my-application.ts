import { asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { applicationEvents, organisations } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';
import { listBenefitDecisions } from '@/lib/server/benefits/list-benefit-decisions';
import { openForm } from './application-form-store';
import { loadScopedApplication } from './application-scope';

/** The applicant's own application: the form (decrypted for its owner), status, timeline. */
export async function getMyApplication(db: Db, actor: Actor, applicationId: string) {
  if (!hasPermission(actor.role, 'application:read_own')) throw new AppError('FORBIDDEN');
  const app = await loadScopedApplication(db, actor, applicationId);
  if (app.applicantId !== actor.userId) throw new AppError('NOT_FOUND');
  const events = await db
    .select({ at: applicationEvents.at, action: applicationEvents.action, actorRole: applicationEvents.actorRole, fromState: applicationEvents.fromState, toState: applicationEvents.toState, reason: applicationEvents.reason, items: applicationEvents.items })
    .from(applicationEvents)
    .where(eq(applicationEvents.applicationId, app.id))
    .orderBy(asc(applicationEvents.id));
  const [bank] = app.bankOrgId ? await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, app.bankOrgId)) : [];
  return {
    id: app.id,
    number: app.number,
    loanType: app.loanType,
    state: app.state,
    version: app.version,
    draftStep: app.draftStep,
    returnItems: app.returnItems,
    requestedAmountFen: app.requestedAmountFen?.toString() ?? null,
    bankName: bank?.name ?? null,
    submittedAt: app.submittedAt,
    createdAt: app.createdAt,
    engineResult: app.engineResult,
    form: openForm(app.formEnc),
    benefits: await listBenefitDecisions(db, app),
    events,
  };
}

import type { Db } from '@/db/client';
import { loanEvents } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import type { ApplicationState } from '@/lib/domain/workflow/application-states';
import { AppError } from '@/lib/errors/app-error';
import { loadScopedApplication } from '@/lib/server/applications/application-scope';
import { applyTransition } from '@/lib/server/applications/apply-transition';
import type { Actor } from '@/lib/server/auth/actor';
import { now as clock, todayInChina } from '@/lib/server/clock';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { ZDeclareLoanDefaultSchema } from '@/lib/validation/servicing';
import { fieldError, loadLoanFacts, openOverdueSince } from './loan-facts';

/**
 * The bank officer declares an overdue own-bank loan in default (认定违约), with the reason;
 * the guarantee fund can then compensate (代偿).
 */
export async function declareLoanDefault(db: Db, actor: Actor, raw: unknown): Promise<{ state: ApplicationState; version: number }> {
  if (!hasPermission(actor.role, 'review:bank')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZDeclareLoanDefaultSchema, raw);
  const t = clock();
  return db.transaction(async (tx) => {
    const app = await loadScopedApplication(tx, actor, input.applicationId, { forUpdate: true });
    if (app.version !== input.version) throw new AppError('CONFLICT');
    const facts = await loadLoanFacts(tx, app.id);
    const since = openOverdueSince(facts.events);
    if (since && input.effectiveDate < since) throw fieldError('effectiveDate', `违约认定日期不能早于逾期起始日（${since}）`);
    if (input.effectiveDate > todayInChina(t)) throw fieldError('effectiveDate', '违约认定日期不能晚于今天');
    await tx.insert(loanEvents).values({ applicationId: app.id, kind: 'defaulted', effectiveDate: input.effectiveDate, note: input.note, recordedBy: actor.userId, createdAt: t });
    // The transition table refuses unless the loan is overdue.
    const updated = await applyTransition(tx, actor, app, 'declare_default', { now: t, reason: input.note });
    return { state: updated.state, version: updated.version };
  });
}

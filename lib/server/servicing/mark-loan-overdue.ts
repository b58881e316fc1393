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
import { ZMarkLoanOverdueSchema } from '@/lib/validation/servicing';
import { fieldError, loadLoanFacts, outstandingPrincipal } from './loan-facts';

/**
 * The bank officer marks an own-bank loan overdue (标记逾期) from an effective date between
 * the disbursement (or the last cure) and today. Interest periods touched by the overdue
 * spell get no subsidy (rules.md §4).
 */
export async function markLoanOverdue(db: Db, actor: Actor, raw: unknown): Promise<{ state: ApplicationState; version: number }> {
  if (!hasPermission(actor.role, 'review:bank')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZMarkLoanOverdueSchema, raw);
  const t = clock();
  return db.transaction(async (tx) => {
    const app = await loadScopedApplication(tx, actor, input.applicationId, { forUpdate: true });
    if (app.version !== input.version) throw new AppError('CONFLICT');
    const facts = await loadLoanFacts(tx, app.id);
    if (input.effectiveDate < facts.loan.disbursedDate) throw fieldError('effectiveDate', `逾期起始日不能早于放款日期（${facts.loan.disbursedDate}）`);
    if (input.effectiveDate > todayInChina(t)) throw fieldError('effectiveDate', '逾期起始日不能晚于今天');
    const lastCure = facts.events.filter((e) => e.kind === 'cured').at(-1);
    if (lastCure && input.effectiveDate < lastCure.effectiveDate) throw fieldError('effectiveDate', `逾期起始日不能早于上次逾期消除日（${lastCure.effectiveDate}）`);
    if (outstandingPrincipal(facts) === 0n) throw new AppError('CONFLICT', { userMessage: '该贷款本金已还清，不能标记逾期' });
    await tx.insert(loanEvents).values({ applicationId: app.id, kind: 'overdue', effectiveDate: input.effectiveDate, note: input.note || null, recordedBy: actor.userId, createdAt: t });
    const updated = await applyTransition(tx, actor, app, 'mark_overdue', { now: t, reason: input.note || `自 ${input.effectiveDate} 起逾期` });
    return { state: updated.state, version: updated.version };
  });
}

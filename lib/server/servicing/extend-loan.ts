import type { Db } from '@/db/client';
import { loanEvents } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { addMonthsRollForward } from '@/lib/domain/dates';
import type { ApplicationState } from '@/lib/domain/workflow/application-states';
import { AppError } from '@/lib/errors/app-error';
import { loadScopedApplication } from '@/lib/server/applications/application-scope';
import { applyTransition } from '@/lib/server/applications/apply-transition';
import type { Actor } from '@/lib/server/auth/actor';
import { now as clock, todayInChina } from '@/lib/server/clock';
import { getRuleCatalog } from '@/lib/server/policy/get-rule-catalog';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { ZExtendLoanSchema } from '@/lib/validation/servicing';
import { extensionTerms, fieldError, loadLoanFacts, outstandingPrincipal } from './loan-facts';

/**
 * The bank officer grants the extension (展期): before the original maturity, at most
 * `maxCount` (1) times, the new maturity at most `maxMonths` (12) beyond the original one —
 * both from the rule set in force on the contract date. Extension days are never
 * subsidised; the original maturity stays on the loan, the new one is the event's.
 */
export async function extendLoan(db: Db, actor: Actor, raw: unknown): Promise<{ state: ApplicationState; version: number; newMaturityDate: string }> {
  if (!hasPermission(actor.role, 'review:bank')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZExtendLoanSchema, raw);
  const t = clock();
  const today = todayInChina(t);
  const catalog = await getRuleCatalog(db);
  return db.transaction(async (tx) => {
    const app = await loadScopedApplication(tx, actor, input.applicationId, { forUpdate: true });
    if (app.version !== input.version) throw new AppError('CONFLICT');
    const facts = await loadLoanFacts(tx, app.id);
    const terms = extensionTerms(facts.loan, catalog);
    const used = facts.events.filter((e) => e.kind === 'extended').length;
    if (used >= terms.maxCount) throw new AppError('CONFLICT', { userMessage: terms.maxCount === 0 ? '现行政策不允许展期' : `每笔贷款只能展期 ${terms.maxCount} 次，该贷款已展期` });
    if (outstandingPrincipal(facts) === 0n) throw new AppError('CONFLICT', { userMessage: '该贷款本金已还清，无需展期' });
    const original = facts.loan.maturityDate;
    if (today > original) throw new AppError('CONFLICT', { userMessage: `展期须在原到期日（${original}）前办理` });
    const latest = addMonthsRollForward(original, terms.maxMonths);
    if (input.newMaturityDate <= original) throw fieldError('newMaturityDate', `展期后的到期日须晚于原到期日（${original}）`);
    if (input.newMaturityDate > latest) throw fieldError('newMaturityDate', `展期最长 ${terms.maxMonths} 个月，到期日不能晚于 ${latest}`);
    await tx.insert(loanEvents).values({ applicationId: app.id, kind: 'extended', effectiveDate: today, newMaturityDate: input.newMaturityDate, note: input.note, recordedBy: actor.userId, createdAt: t });
    const updated = await applyTransition(tx, actor, app, 'extend', { now: t, reason: `展期至 ${input.newMaturityDate}，展期期间不享受贴息。${input.note}` });
    return { state: updated.state, version: updated.version, newMaturityDate: input.newMaturityDate };
  });
}

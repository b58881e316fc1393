import type { Db } from '@/db/client';
import { loanEvents } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { formatYuan, parseYuan } from '@/lib/domain/money';
import { computeSchedule } from '@/lib/domain/rules';
import type { ApplicationState } from '@/lib/domain/workflow/application-states';
import { AppError } from '@/lib/errors/app-error';
import { loadScopedApplication } from '@/lib/server/applications/application-scope';
import { applyTransition } from '@/lib/server/applications/apply-transition';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock, todayInChina } from '@/lib/server/clock';
import { getRuleCatalog } from '@/lib/server/policy/get-rule-catalog';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { ZRecordCompensationSchema } from '@/lib/validation/servicing';
import { fieldError, loadLoanFacts, outstandingPrincipal, scheduleInputOf } from './loan-facts';

/**
 * The guarantee fund records its compensation (代偿) of a defaulted loan: dated between the
 * default and today, at most the outstanding principal plus the interest not yet paid
 * (the schedule's interest through the period of the compensation, less the interest repaid).
 */
export async function recordCompensation(db: Db, actor: Actor, raw: unknown): Promise<{ state: ApplicationState; version: number }> {
  if (!hasPermission(actor.role, 'review:guarantee')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZRecordCompensationSchema, raw);
  const amount = parseYuan(input.amount);
  const t = clock();
  const catalog = await getRuleCatalog(db);
  return db.transaction(async (tx) => {
    const app = await loadScopedApplication(tx, actor, input.applicationId, { forUpdate: true });
    if (app.version !== input.version) throw new AppError('CONFLICT');
    if (app.state !== 'defaulted') throw new AppError('CONFLICT', { userMessage: '只有已认定违约的贷款才能代偿' });
    const facts = await loadLoanFacts(tx, app.id);
    const defaulted = facts.events.filter((e) => e.kind === 'defaulted').at(-1);
    if (defaulted && input.effectiveDate < defaulted.effectiveDate) throw fieldError('effectiveDate', `代偿日期不能早于违约认定日期（${defaulted.effectiveDate}）`);
    if (input.effectiveDate > todayInChina(t)) throw fieldError('effectiveDate', '代偿日期不能晚于今天');
    const schedule = computeSchedule(scheduleInputOf(app, facts), input.effectiveDate, catalog);
    const interestPaid = facts.repayments.reduce((s, r) => s + r.interestFen, 0n);
    // Interest accrued through the period the compensation falls in.
    const accrued = schedule.periods.filter((p) => p.periodStart <= input.effectiveDate).reduce((s, p) => s + p.interest.totalInterest, 0n);
    const unpaidInterest = accrued > interestPaid ? accrued - interestPaid : 0n;
    const cap = outstandingPrincipal(facts) + unpaidInterest;
    if (amount > cap) throw fieldError('amount', `代偿金额不能超过未还本金与未付利息之和 ${formatYuan(cap)} 元`);
    await tx.insert(loanEvents).values({ applicationId: app.id, kind: 'compensated', effectiveDate: input.effectiveDate, amountFen: amount, recordedBy: actor.userId, createdAt: t });
    const updated = await applyTransition(tx, actor, app, 'compensate', { now: t, reason: `担保基金于 ${input.effectiveDate} 代偿 ${formatYuan(amount)} 元` });
    await writeAuditLog(tx, { actor: auditActor(actor), event: 'loan.compensation', objectType: 'application', objectId: app.id, detail: { effectiveDate: input.effectiveDate, amountFen: amount.toString(), capFen: cap.toString() } }, t);
    return { state: updated.state, version: updated.version };
  });
}

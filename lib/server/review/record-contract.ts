
import type { Db } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { loans, type Application } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { addMonthsRollForward } from '@/lib/domain/dates';
import { formatRate, parseRate, parseYuan } from '@/lib/domain/money';
import { computeInterest, computeLoanLimit, RuleError } from '@/lib/domain/rules';
import { AppError } from '@/lib/errors/app-error';
import { loadScopedApplication } from '@/lib/server/applications/application-scope';
import { applyTransition } from '@/lib/server/applications/apply-transition';
import type { Actor } from '@/lib/server/auth/actor';
import { now as clock, todayInChina } from '@/lib/server/clock';
import { DEPLOYMENT_DISTRICT, getRuleCatalog } from '@/lib/server/policy/get-rule-catalog';
import { ZRecordContractSchema } from '@/lib/validation/loan';
import { parseOrThrow } from './parse-or-throw';
import type { LimitFacts } from '@/lib/server/applications/preview-loan-terms';

/**
 * The bank records the signed contract. The rules engine refuses a rate above the cap in
 * force on the contract date, an amount above the limit, or a term beyond the maximum;
 * the check it made is stored with the loan for the auditors.
 */
export async function recordContract(db: Db, actor: Actor, raw: unknown): Promise<Application> {
  if (!hasPermission(actor.role, 'review:bank')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZRecordContractSchema, raw);
  const t = clock();
  if (input.contractDate > todayInChina(t)) throw new AppError('INVALID_INPUT', { fieldErrors: { contractDate: '签约日期不能晚于今天' }, userMessage: '签约日期不能晚于今天' });
  const principal = parseYuan(input.principal);
  const rate = parseRate(input.annualRate);
  const catalog = await getRuleCatalog(db);
  try {
    return await db.transaction(async (tx) => {
      const app = await loadScopedApplication(tx, actor, input.applicationId, { forUpdate: true });
      if (app.version !== input.version) throw new AppError('CONFLICT');
      if (app.requestedAmountFen !== null && principal > app.requestedAmountFen) {
        throw new AppError('INVALID_INPUT', { fieldErrors: { principal: '合同金额不能超过申请金额' }, userMessage: '合同金额不能超过申请金额' });
      }
      const limit = computeLoanLimit({ ...(app.limitFacts as LimitFacts), borrowerType: app.loanType, district: DEPLOYMENT_DISTRICT, date: input.contractDate, requestedAmount: principal, termMonths: input.termMonths }, catalog);
      const blocking = limit.reasons.filter((r) => r.code === 'REQUESTED_ABOVE_LIMIT' || r.code === 'TERM_TOO_LONG');
      if (blocking.length) {
        throw new AppError('INVALID_INPUT', { userMessage: blocking.map((r) => r.message).join('；'), fieldErrors: Object.fromEntries(blocking.map((r) => [r.code === 'TERM_TOO_LONG' ? 'termMonths' : 'principal', r.message])) });
      }
      const check = computeInterest({ district: DEPLOYMENT_DISTRICT, borrowerType: app.loanType, principal, contractDate: input.contractDate, disbursedDate: input.contractDate, annualRate: rate, periodStart: input.contractDate, periodEnd: input.contractDate }, catalog);
      // Provisional: the term runs from the disbursement day, which fixes the maturity then.
      const maturityDate = addMonthsRollForward(input.contractDate, input.termMonths);
      await tx.insert(loans).values({
        applicationId: app.id,
        bankOrgId: app.bankOrgId!,
        contractNo: input.contractNo,
        annualRateUnits: rate,
        principalFen: principal,
        termMonths: input.termMonths,
        contractDate: input.contractDate,
        maturityDate,
        rateCheck: { regime: check.regime, lpr: formatRate(check.lpr), lprEffectiveFrom: check.lprEffectiveFrom, rateCap: check.rateCap === null ? null : formatRate(check.rateCap), ruleSet: check.ruleSet },
        recordedBy: actor.userId,
        createdAt: t,
        updatedAt: t,
      });
      return applyTransition(tx, actor, app, 'record_contract', { now: t });
    });
  } catch (e) {
    if (e instanceof RuleError && e.code === 'RATE_ABOVE_CAP') throw new AppError('INVALID_INPUT', { userMessage: e.message, fieldErrors: { annualRate: e.message } });
    if (e instanceof RuleError) throw new AppError('INVALID_INPUT', { userMessage: e.message });
    if (isUniqueViolation(e)) throw new AppError('ALREADY_EXISTS', { userMessage: '该合同编号已登记，或该申请已登记过合同', fieldErrors: { contractNo: '该合同编号已登记' } });
    throw e;
  }
}


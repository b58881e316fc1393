/** `lpr`, `interest`, `loan-limit`, `guarantee-fee-subsidy`, `schedule` commands. */
import { z } from 'zod';
import { lprOn } from '../lpr';
import { computeInterest } from '../interest';
import { computeLoanLimit } from '../loan-limit';
import { computeGuaranteeFeeSubsidy } from '../guarantee-fee-subsidy';
import { computeSchedule } from '../schedule';
import { OTHER_LOAN_KINDS, type RuleCatalog } from '../rule-set-schema';
import { borrowerType, count, district, isoDate, money, rate } from './fields';
import { rationalPct, ratePct, ratePctOrNull, yuan, yuanOrNull } from './format';
import type { InterestResult } from '../interest';

export const lprInput = z.strictObject({ date: isoDate });
export function runLpr(input: z.output<typeof lprInput>, catalog: RuleCatalog) {
  const r = lprOn(catalog.lprTable, input.date);
  return { lpr: ratePct(r.rate), effectiveFrom: r.effectiveFrom, table: { id: r.tableId, version: r.tableVersion } };
}

export const interestInput = z.strictObject({
  district, borrowerType, principal: money, contractDate: isoDate, disbursedDate: isoDate, annualRate: rate,
  periodStart: isoDate, periodEnd: isoDate,
  overdue: z.boolean().optional(), extended: z.boolean().optional(), overdueInEarlierPeriod: z.boolean().optional(),
  balances: z.array(z.strictObject({ from: isoDate, principal: money })).optional(),
});
export function runInterest(input: z.output<typeof interestInput>, catalog: RuleCatalog) {
  return formatInterest(computeInterest(input, catalog));
}

export function formatInterest(r: InterestResult) {
  return {
    regime: r.regime,
    lpr: ratePct(r.lpr),
    lprEffectiveFrom: r.lprEffectiveFrom,
    referenceRateKind: r.referenceRateKind,
    rateCap: ratePctOrNull(r.rateCap),
    annualRate: ratePct(r.annualRate),
    subsidyRate: rationalPct(r.subsidyRate),
    borrowerRate: rationalPct(r.borrowerRate),
    days: r.days,
    subsidyDays: r.subsidyDays,
    totalInterest: yuan(r.totalInterest),
    subsidy: yuan(r.subsidy),
    borrowerInterest: yuan(r.borrowerInterest),
    payee: r.payee,
    subsidyWindowLastDay: r.subsidyWindowLastDay,
    exclusions: r.exclusions,
    trace: r.trace,
  };
}

export const loanLimitInput = z.strictObject({
  district, date: isoDate, borrowerType,
  partners: z.number().int().positive().optional(),
  currentStaff: z.number().int().positive().optional(),
  newHires: count.optional(),
  priorLoans: count.optional(),
  priorOverdue: z.boolean().optional(),
  requestedAmount: money.optional(),
  termMonths: z.number().int().positive().optional(),
  category: z.string().min(1).optional(),
  birthDate: isoDate.optional(),
  gender: z.enum(['male', 'female']).optional(),
  businessRegisteredInDistrict: z.boolean().optional(),
  hasOtherLoans: z.boolean().optional(),
  otherLoans: z.array(z.strictObject({ kind: z.enum(OTHER_LOAN_KINDS), outstanding: money })).optional(),
});
export function runLoanLimit(input: z.output<typeof loanLimitInput>, catalog: RuleCatalog) {
  const r = computeLoanLimit(input, catalog);
  return {
    maxAmount: yuan(r.maxAmount), eligible: r.eligible, reasons: r.reasons,
    counterGuaranteeRequired: r.counterGuaranteeRequired, maxTermMonths: r.maxTermMonths, ruleSet: r.ruleSet, trace: r.trace,
  };
}

export const guaranteeFeeInput = z.strictObject({ district, contractDate: isoDate, principal: money, feePaid: money.optional() });
export function runGuaranteeFee(input: z.output<typeof guaranteeFeeInput>, catalog: RuleCatalog) {
  const r = computeGuaranteeFeeSubsidy(input, catalog);
  return {
    maxPerYear: yuan(r.maxPerYear), eligible: r.eligible, ratePercent: ratePctOrNull(r.ratePercent), subsidy: yuanOrNull(r.subsidy),
    reasons: r.reasons, ruleSet: r.ruleSet, trace: r.trace,
  };
}

export const scheduleInput = z.strictObject({
  asOf: isoDate, district, borrowerType, principal: money, contractDate: isoDate, disbursedDate: isoDate, maturityDate: isoDate, annualRate: rate,
  repayments: z.array(z.strictObject({ date: isoDate, principal: money })).optional(),
  overdue: z.array(z.strictObject({ from: isoDate, to: isoDate.optional() })).optional(),
  extension: z.strictObject({ newMaturityDate: isoDate }).optional(),
});
export function runSchedule(input: z.output<typeof scheduleInput>, catalog: RuleCatalog) {
  const { asOf, ...loan } = input;
  const r = computeSchedule(loan, asOf, catalog);
  const totals = (t: typeof r.totals) => ({ totalInterest: yuan(t.totalInterest), subsidy: yuan(t.subsidy), borrowerInterest: yuan(t.borrowerInterest) });
  return {
    lastAccrualDay: r.lastAccrualDay,
    settledDate: r.settledDate,
    totals: totals(r.totals),
    closedTotals: totals(r.closedTotals),
    periods: r.periods.map((p) => ({
      index: p.index, periodStart: p.periodStart, periodEnd: p.periodEnd, status: p.status,
      openingBalance: yuan(p.openingBalance), balances: p.balances.map((b) => ({ from: b.from, principal: yuan(b.principal) })),
      overdue: p.overdue, extended: p.extended, ...formatInterest(p.interest),
    })),
  };
}

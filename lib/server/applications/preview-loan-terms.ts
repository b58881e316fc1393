import { computeInterest, computeLoanLimit, lprOn, type RuleCatalog } from '@/lib/domain/rules';
import { addDays, addMonthsRollForward, type IsoDate } from '@/lib/domain/dates';
import { formatRate, formatYuan, parseYuan } from '@/lib/domain/money';
import { toDecimalText } from '@/lib/domain/rational';
import { validateIdCard } from '@/lib/domain/validators';
import type { TApplicationForm } from '@/lib/validation/application';

export interface LoanTermsPreview {
  eligible: boolean;
  maxAmount: string;
  maxTermMonths: number;
  reasons: { code: string; message: string }[];
  counterGuaranteeRequired: boolean;
  ruleSet: { id: string; version: string } | Record<string, unknown>;
  estimate: null | {
    assumedRate: string;
    rateCap: string | null;
    lpr: string;
    subsidyRate: string;
    borrowerRate: string;
    subsidyMonths: number;
    totalInterest: string;
    subsidy: string;
    borrowerInterest: string;
    regime: string;
  };
  trace: unknown;
}

/**
 * The rules engine's answer for a form: limit, eligibility with every reason, whether a
 * counter-guarantee is needed, and an estimate of the subsidy and the borrower's own rate
 * over the subsidy window, assuming the bank charges the highest rate the policy allows
 * and the whole principal stays outstanding (an upper bound, labelled as such).
 */
export function previewLoanTerms(form: TApplicationForm, ctx: { district: string; today: IsoDate; idNumber: string | null; catalog: RuleCatalog }): LoanTermsPreview {
  const id = ctx.idNumber ? validateIdCard(ctx.idNumber) : null;
  const person = id?.valid ? { birthDate: id.birthDate, gender: id.gender } : {};
  const requested = parseYuan(form.loan.amount);
  const limit = computeLoanLimit({ ...limitFactsOf(form), district: ctx.district, date: ctx.today, requestedAmount: requested, termMonths: form.loan.termMonths, ...person }, ctx.catalog);
  return {
    eligible: limit.eligible,
    maxAmount: formatYuan(limit.maxAmount),
    maxTermMonths: limit.maxTermMonths,
    reasons: limit.reasons.map((r) => ({ code: r.code, message: r.message })),
    counterGuaranteeRequired: limit.counterGuaranteeRequired,
    ruleSet: limit.ruleSet,
    estimate: estimate(form, requested < limit.maxAmount ? requested : limit.maxAmount, ctx),
    trace: limit.trace,
  };
}

/** The facts of a form the loan limit depends on besides date, amount and term; stored with the submission. */
export function limitFactsOf(form: TApplicationForm) {
  return {
    borrowerType: form.loanType,
    partners: form.loanType === 'partnership' ? form.partners.length + 1 : undefined,
    currentStaff: form.business.currentStaff,
    newHires: form.business.newHires,
    priorLoans: form.loan.priorLoans,
    priorOverdue: form.loan.priorOverdue,
    category: form.applicant.category,
    businessRegisteredInDistrict: true,
    hasOtherLoans: form.loan.otherLoans,
  };
}
export type LimitFacts = ReturnType<typeof limitFactsOf>;

function estimate(form: TApplicationForm, principal: bigint, ctx: { district: string; today: IsoDate; catalog: RuleCatalog }): LoanTermsPreview['estimate'] {
  if (principal <= 0n) return null;
  try {
    const { rate: lpr } = lprOn(ctx.catalog.lprTable, ctx.today);
    // Probe the cap with a rate of 0: the result names the cap in force for this contract date.
    const probe = computeInterest(
      { district: ctx.district, borrowerType: form.loanType, principal, contractDate: ctx.today, disbursedDate: ctx.today, annualRate: 0n, periodStart: ctx.today, periodEnd: ctx.today },
      ctx.catalog,
    );
    const rate = probe.rateCap ?? lpr;
    const end = addDays(addMonthsRollForward(ctx.today, form.loan.termMonths), -1);
    const r = computeInterest(
      { district: ctx.district, borrowerType: form.loanType, principal, contractDate: ctx.today, disbursedDate: ctx.today, annualRate: rate, periodStart: ctx.today, periodEnd: end, approvedAmount: principal },
      ctx.catalog,
    );
    return {
      assumedRate: formatRate(rate),
      rateCap: probe.rateCap === null ? null : formatRate(probe.rateCap),
      lpr: formatRate(lpr),
      subsidyRate: toDecimalText(r.subsidyRate, 2, 2),
      borrowerRate: toDecimalText(r.borrowerRate, 2, 2),
      subsidyMonths: Math.round((r.subsidyDays / 365) * 12),
      totalInterest: formatYuan(r.totalInterest),
      subsidy: formatYuan(r.subsidy),
      borrowerInterest: formatYuan(r.borrowerInterest),
      regime: r.regime,
    };
  } catch {
    return null; // e.g. no LPR for the date: the eligibility answer still stands
  }
}


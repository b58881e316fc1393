/**
 * Loan limit and eligibility on an application date (rules.md §5). The limit
 * is reported even when the applicant is not eligible, so the form can show
 * both "最高额度" and every reason at once (一次性告知).
 */
import { addMonthsRollForward, ageOn, type IsoDate } from '../dates';
import { invalidInput } from '../errors';
import { RATE_UNITS_PER_PERCENT, divRoundHalfUp, formatRate, formatYuan, parseRate, parseYuan } from '../money';
import { reason, type Reason } from './reason';
import { ruleSetRef, type BorrowerType, type LoanParams, type OtherLoanKind, type RuleCatalog } from './rule-set-schema';
import { selectRuleSet } from './select-rule-set';

export type LoanLimitReasonCode =
  | 'NOT_OFFERED' | 'HIRING_RATIO_TOO_LOW' | 'REQUESTED_ABOVE_LIMIT' | 'LOAN_COUNT_EXCEEDED' | 'PRIOR_OVERDUE'
  | 'TERM_TOO_LONG' | 'CATEGORY_NOT_ELIGIBLE' | 'AGE_BELOW_MINIMUM' | 'AGE_REACHES_RETIREMENT'
  | 'BUSINESS_NOT_IN_DISTRICT' | 'HAS_OTHER_LOANS';

export interface LoanLimitInput {
  district: string;
  /** Application date: chooses the rule set. */
  date: IsoDate;
  borrowerType: BorrowerType;
  partners?: number;
  currentStaff?: number;
  newHires?: number;
  priorLoans?: number;
  priorOverdue?: boolean;
  /** Fen. */
  requestedAmount?: bigint;
  termMonths?: number;
  /** 人员类别: a code ('graduate') or its Chinese label. */
  category?: string;
  birthDate?: IsoDate;
  gender?: 'male' | 'female';
  businessRegisteredInDistrict?: boolean;
  /** Declared: other loans of borrower or spouse beyond the exempt kinds. */
  hasOtherLoans?: boolean;
  /** Or itemised: each outstanding loan of borrower or spouse (fen), judged against the rule set. */
  otherLoans?: Array<{ kind: OtherLoanKind; outstanding: bigint }>;
}

export interface LoanLimitResult {
  maxAmount: bigint;
  eligible: boolean;
  reasons: Reason<LoanLimitReasonCode>[];
  counterGuaranteeRequired: boolean;
  maxTermMonths: number;
  ruleSet: ReturnType<typeof ruleSetRef>;
  trace: { parameters: Record<string, unknown>; maxAmountFormula: string; hiringRatio: string | null };
}

export function computeLoanLimit(input: LoanLimitInput, catalog: RuleCatalog): LoanLimitResult {
  const set = selectRuleSet(catalog.ruleSets, 'loan', input.district, input.date);
  const p = set.params;
  const reasons: Reason<LoanLimitReasonCode>[] = [];
  const { maxAmount, formula, hiringRatio } = limitFor(input, p, reasons);

  if (input.requestedAmount !== undefined && input.requestedAmount > maxAmount) {
    reasons.push(reason('REQUESTED_ABOVE_LIMIT', `申请金额 ${formatYuan(input.requestedAmount)} 元超过最高额度 ${formatYuan(maxAmount)} 元`));
  }
  if ((input.priorLoans ?? 0) >= p.maxLoansTotal) {
    reasons.push(reason('LOAN_COUNT_EXCEEDED', `累计贷款次数最多 ${p.maxLoansTotal} 次，已贷 ${input.priorLoans} 次`));
  }
  if (input.priorOverdue && p.refuseIfPriorOverdue) reasons.push(reason('PRIOR_OVERDUE', '有创业担保贷款逾期记录'));
  const maxTermMonths = p.maxTermMonths[input.borrowerType];
  if (input.termMonths !== undefined && input.termMonths > maxTermMonths) {
    reasons.push(reason('TERM_TOO_LONG', `贷款期限最长 ${maxTermMonths} 个月，申请 ${input.termMonths} 个月`));
  }
  if (input.businessRegisteredInDistrict === false) reasons.push(reason('BUSINESS_NOT_IN_DISTRICT', '经营主体未在本区县注册登记或经营'));
  if (input.borrowerType !== 'enterprise') personChecks(input, p, reasons);

  const exemptMax = parseYuan(p.counterGuaranteeExemptMax);
  const counterGuaranteeRequired = input.borrowerType !== 'individual' || (input.requestedAmount ?? maxAmount) > exemptMax;
  return {
    maxAmount,
    eligible: reasons.length === 0,
    reasons,
    counterGuaranteeRequired,
    maxTermMonths,
    ruleSet: ruleSetRef(set),
    trace: {
      parameters: { limits: p.limits, hiringThreshold: p.hiringThreshold, maxLoansTotal: p.maxLoansTotal, counterGuaranteeExemptMax: p.counterGuaranteeExemptMax, maxTermMonths: p.maxTermMonths, age: p.age },
      maxAmountFormula: formula,
      hiringRatio,
    },
  };
}

function limitFor(input: LoanLimitInput, p: LoanParams, reasons: Reason<LoanLimitReasonCode>[]): { maxAmount: bigint; formula: string; hiringRatio: string | null } {
  const notOffered = () => {
    reasons.push(reason('NOT_OFFERED', '该申请日期适用的政策不受理此类借款主体'));
    return { maxAmount: 0n, formula: 'not offered', hiringRatio: null };
  };
  if (input.borrowerType === 'individual') {
    if (p.limits.individual === null) return notOffered();
    return { maxAmount: parseYuan(p.limits.individual), formula: `individual limit ${p.limits.individual}`, hiringRatio: null };
  }
  if (input.borrowerType === 'partnership') {
    const rule = p.limits.partnership;
    if (rule === null) return notOffered();
    if (input.partners === undefined) throw invalidInput('合伙创业须填写合伙人数', 'partners');
    const raw = divRoundHalfUp(parseYuan(rule.perPartner) * BigInt(input.partners) * parseRate(rule.upliftPercent), 100n * RATE_UNITS_PER_PERCENT);
    const capped = rule.max !== null && raw > parseYuan(rule.max) ? parseYuan(rule.max) : raw;
    return { maxAmount: capped, formula: `${rule.perPartner} × ${input.partners} × ${rule.upliftPercent}%${rule.max ? `, at most ${rule.max}` : ''}`, hiringRatio: null };
  }
  const rule = p.limits.enterprise;
  if (rule === null) return notOffered();
  if (input.currentStaff === undefined || input.newHires === undefined) throw invalidInput('小微企业须填写在职职工人数和新招用符合条件人员人数', 'currentStaff');
  const t = p.hiringThreshold;
  const large = input.currentStaff > t.largeStaffAbove;
  const threshold = parseRate(large ? t.largeMinRatioPercent : t.minRatioPercent);
  // newHires / staff ≥ threshold%, compared exactly (no rounding of the ratio).
  if (BigInt(input.newHires) * 100n * RATE_UNITS_PER_PERCENT < threshold * BigInt(input.currentStaff)) {
    reasons.push(reason('HIRING_RATIO_TOO_LOW', `新招用符合条件人员占在职职工比例 ${input.newHires}/${input.currentStaff} 低于 ${formatRate(threshold)}%`));
  }
  const hiringRatio = `${input.newHires}/${input.currentStaff} vs ${formatRate(threshold)}% (staff ${large ? '>' : '≤'} ${t.largeStaffAbove})`;
  const max = parseYuan(rule.max);
  if (rule.perHire === null) return { maxAmount: max, formula: `enterprise limit ${rule.max}`, hiringRatio };
  const byHires = parseYuan(rule.perHire) * BigInt(input.newHires);
  return { maxAmount: byHires < max ? byHires : max, formula: `min(${rule.perHire} × ${input.newHires}, ${rule.max})`, hiringRatio };
}

function personChecks(input: LoanLimitInput, p: LoanParams, reasons: Reason<LoanLimitReasonCode>[]): void {
  // Accept the code, the full label, or the label without its parenthetical note ("高校毕业生").
  const matches = (c: { code: string; label: string }) => [c.code, c.label, c.label.split('（')[0]].includes(input.category ?? '');
  if (input.category !== undefined && !p.eligibleCategories.some(matches)) {
    reasons.push(reason('CATEGORY_NOT_ELIGIBLE', `人员类别“${input.category}”不在创业担保贷款扶持范围内`));
  }
  const consumerBelow = parseYuan(p.otherLoans.consumerExemptBelow);
  const disqualifying = (input.otherLoans ?? []).filter(
    (l) => !p.otherLoans.exemptKinds.includes(l.kind) && !(l.kind === 'consumer' && l.outstanding < consumerBelow),
  );
  if (input.hasOtherLoans || disqualifying.length > 0) {
    reasons.push(reason('HAS_OTHER_LOANS', `本人或配偶有除助学、扶贫、住房、购车及${formatYuan(consumerBelow)}元以下消费贷款以外的其他贷款`));
  }
  if (input.birthDate === undefined) return;
  if (ageOn(input.birthDate, input.date) < p.age.min) reasons.push(reason('AGE_BELOW_MINIMUM', `申请人未满 ${p.age.min} 周岁`));
  // Not reaching retirement age during the loan term; without a gender, the later (lenient) age is used.
  const retirement = input.gender ? p.age.retirementAge[input.gender] : Math.max(p.age.retirementAge.male, p.age.retirementAge.female);
  const endOfTerm = input.termMonths ? addMonthsRollForward(input.date, input.termMonths) : input.date;
  if (ageOn(input.birthDate, endOfTerm) >= retirement) reasons.push(reason('AGE_REACHES_RETIREMENT', `贷款期内将达到法定退休年龄（${retirement} 周岁）`));
}

/**
 * One 贴息 claim line from one closed schedule period (pure). The line's `detail` holds
 * every column of the disbursement list (policy-research §6.2) that the loan and the
 * engine's result know, and the engine's trace, so an auditor can recompute the amount.
 * Money stays integer fen (as decimal strings in JSON); rates are exact decimal texts.
 */
import type { IsoDate } from '../dates';
import { formatRate, formatYuan } from '../money';
import { toDecimalText } from '../rational';
import type { BorrowerType, InterestTrace, SchedulePeriod, SubsidyExclusion } from '../rules';
import { interestSubjectKey } from './quarter';

export const LOAN_TYPE_TEXT: Record<BorrowerType, string> = { individual: '个人', partnership: '合伙', enterprise: '小微企业' };
export const PAYEE_TEXT = { BORROWER: '借款人', BANK: '经办银行' } as const;

/** What the claim needs to know about a loan beside its schedule. */
export interface ClaimLoanContext {
  applicationId: string;
  applicationNumber: string | null;
  loanType: BorrowerType;
  /** The borrower: the applicant, or the enterprise for a small-micro enterprise loan. */
  borrowerName: string;
  idType: '居民身份证' | '统一社会信用代码';
  categoryLabel: string | null;
  townName: string | null;
  bankName: string;
  contractNo: string;
  drawdownNo: string | null;
  contractDate: IsoDate;
  disbursedDate: IsoDate;
  /** The maturity in force (the extended one after an extension). */
  maturityDate: IsoDate;
  extendedTo: IsoDate | null;
  loanAmountFen: bigint;
  guaranteeReview: { by: string; on: IsoDate } | null;
}

export interface ClaimLineDetail {
  v: 1;
  applicationId: string;
  applicationNumber: string | null;
  borrowerName: string;
  idType: string;
  loanType: string;
  category: string | null;
  town: string | null;
  bank: string;
  contractNo: string;
  drawdownNo: string | null;
  contractDate: IsoDate;
  disbursedDate: IsoDate;
  maturityDate: IsoDate;
  loanAmountFen: string;
  /** 计息本金: the balance at the period start (see `balanceChanges` for changes inside it). */
  principalFen: string;
  balanceChanges: { from: IsoDate; principalFen: string }[];
  lprKind: 'LPR' | 'BENCHMARK';
  lpr: string;
  contractRate: string;
  regime: string;
  ruleSet: string;
  borrowerRate: string;
  subsidyRate: string;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  days: number;
  subsidyDays: number;
  totalInterestFen: string;
  borrowerInterestFen: string;
  subsidyFen: string;
  overdue: boolean;
  extended: boolean;
  exclusions: SubsidyExclusion[];
  subsidyWindowLastDay: IsoDate | null;
  payee: 'BORROWER' | 'BANK';
  guaranteeReviewer: string | null;
  guaranteeReviewedOn: IsoDate | null;
  note: string;
  trace: InterestTrace;
  /** On a re-issued line: the failed line it pays again. */
  reissueOf?: { batchId: string; number: string; seq: number };
  /** On a 补报 line: the quarter whose claim missed this period. */
  supplementOf?: { quarter: string };
  /** On a correction line: the line it corrects, what was paid (before) and what the engine gives today (after). */
  correction?: LineCorrection;
}

export interface LineCorrection {
  correctsLineId: number;
  correctsSubjectKey: string;
  correctsBatchNumber: string;
  beforeFen: string;
  afterFen: string;
  deltaFen: string;
  before: { subsidyFen: string; overdue: boolean | null; trace: unknown };
  after: { subsidyFen: string; overdue: boolean; exclusions: SubsidyExclusion[]; trace: InterestTrace };
  /** 'set_off': netted against this loan's own lines in this batch; 'recovery': more than they are — listed for 追回. */
  settlement: 'set_off' | 'recovery' | 'top_up';
}

export interface ClaimLineDraft {
  subjectKey: string;
  applicationId: string;
  amountFen: bigint;
  payee: 'BORROWER' | 'BANK';
  detail: ClaimLineDetail;
}

const rateText = (r: { n: bigint; d: bigint }) => toDecimalText(r, 2, 4);

function noteOf(ctx: ClaimLoanContext, p: SchedulePeriod): string {
  const notes: string[] = [];
  if (p.balances.length) notes.push(`期内本金变动 ${p.balances.length} 次（${p.balances.map((b) => `${b.from} 起 ${formatYuan(b.principal)} 元`).join('；')}）`);
  if (p.interest.subsidyDays < p.interest.days && p.interest.exclusions.length === 0) notes.push(`贴息天数 ${p.interest.subsidyDays} 天（贴息期限截至 ${p.interest.subsidyWindowLastDay ?? '—'}）`);
  if (ctx.extendedTo) notes.push(`已展期至 ${ctx.extendedTo}`);
  return notes.join('；');
}

/** The line for one period, or null when the period is not subsidised (nothing to pay). */
export function claimLineOf(ctx: ClaimLoanContext, p: SchedulePeriod): ClaimLineDraft | null {
  const r = p.interest;
  if (r.subsidy <= 0n) return null;
  const detail = claimDetailOf(ctx, p);
  return { subjectKey: interestSubjectKey(ctx.applicationId, p.periodStart), applicationId: ctx.applicationId, amountFen: r.subsidy, payee: r.payee, detail };
}

/** Every column of the list and the engine's trace for one period (whatever its subsidy, zero included). */
export function claimDetailOf(ctx: ClaimLoanContext, p: SchedulePeriod): ClaimLineDetail {
  const r = p.interest;
  return {
    v: 1,
    applicationId: ctx.applicationId,
    applicationNumber: ctx.applicationNumber,
    borrowerName: ctx.borrowerName,
    idType: ctx.idType,
    loanType: LOAN_TYPE_TEXT[ctx.loanType],
    category: ctx.categoryLabel,
    town: ctx.townName,
    bank: ctx.bankName,
    contractNo: ctx.contractNo,
    drawdownNo: ctx.drawdownNo,
    contractDate: ctx.contractDate,
    disbursedDate: ctx.disbursedDate,
    maturityDate: ctx.maturityDate,
    loanAmountFen: ctx.loanAmountFen.toString(),
    principalFen: p.openingBalance.toString(),
    balanceChanges: p.balances.map((b) => ({ from: b.from, principalFen: b.principal.toString() })),
    lprKind: r.referenceRateKind,
    lpr: formatRate(r.lpr),
    contractRate: formatRate(r.annualRate),
    regime: r.regime,
    ruleSet: `${r.ruleSet.id} v${r.ruleSet.version}`,
    borrowerRate: rateText(r.borrowerRate),
    subsidyRate: rateText(r.subsidyRate),
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    days: r.days,
    subsidyDays: r.subsidyDays,
    totalInterestFen: r.totalInterest.toString(),
    borrowerInterestFen: r.borrowerInterest.toString(),
    subsidyFen: r.subsidy.toString(),
    overdue: p.overdue,
    extended: p.extended,
    exclusions: r.exclusions,
    subsidyWindowLastDay: r.subsidyWindowLastDay,
    payee: r.payee,
    guaranteeReviewer: ctx.guaranteeReview?.by ?? null,
    guaranteeReviewedOn: ctx.guaranteeReview?.on ?? null,
    note: noteOf(ctx, p),
    trace: r.trace,
  };
}

/**
 * A loan's quarterly interest periods with their subsidy split — the single
 * source for quarterly claims and the applicant's view. Periods end on the
 * 20th of Mar/Jun/Sep/Dec; the first starts on the disbursement day; the last
 * ends at maturity or settlement. With accrueOnRepaymentDay = false (算头不算尾)
 * no interest accrues on a repayment day or on the maturity day. An extension
 * starts a new period at the original maturity, so extension days (never
 * subsidised) are not mixed with regular ones.
 */
import { addDays, addMonthsRollForward, iso, toDay, type IsoDate } from '../dates';
import { invalidInput } from '../errors';
import { computeInterest, type InterestResult } from './interest';
import type { BorrowerType, RuleCatalog } from './rule-set-schema';
import type { BalanceChange } from './segments';
import { selectRuleSet } from './select-rule-set';

export interface ScheduleLoan {
  district: string;
  borrowerType: BorrowerType;
  /** Fen, as disbursed (also the approved amount). */
  principal: bigint;
  contractDate: IsoDate;
  disbursedDate: IsoDate;
  maturityDate: IsoDate;
  /** 0.0001 percent units. */
  annualRate: bigint;
  repayments?: ReadonlyArray<{ date: IsoDate; principal: bigint }>;
  /** Days on which the loan was overdue (逾期), `to` inclusive; open-ended when absent. */
  overdue?: ReadonlyArray<{ from: IsoDate; to?: IsoDate }>;
  extension?: { newMaturityDate: IsoDate };
}

export type PeriodStatus = 'closed' | 'current' | 'future';

export interface SchedulePeriod {
  index: number;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  status: PeriodStatus;
  openingBalance: bigint;
  balances: BalanceChange[];
  overdue: boolean;
  extended: boolean;
  interest: InterestResult;
}

export interface ScheduleResult {
  periods: SchedulePeriod[];
  lastAccrualDay: IsoDate;
  settledDate: IsoDate | null;
  totals: { totalInterest: bigint; subsidy: bigint; borrowerInterest: bigint };
  /** Over closed periods only (what can be claimed as of `asOf`). */
  closedTotals: { totalInterest: bigint; subsidy: bigint; borrowerInterest: bigint };
}

/** The settlement day (20th of a quarter-end month) on or after `date`. */
export function nextSettlementDay(date: IsoDate): IsoDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const quarterMonth = Math.ceil(m / 3) * 3;
  if (m < quarterMonth || d <= 20) return iso(y, quarterMonth, 20);
  return quarterMonth === 12 ? iso(y + 1, 3, 20) : iso(y, quarterMonth + 3, 20);
}

export function computeSchedule(loan: ScheduleLoan, asOf: IsoDate, catalog: RuleCatalog): ScheduleResult {
  const plan = planSchedule(loan, asOf, catalog);
  const periods = plan.frames.map((f) => periodOf(loan, asOf, f, catalog));
  return { periods, lastAccrualDay: plan.lastAccrualDay, settledDate: plan.settledDate, totals: sum(periods), closedTotals: sum(periods.filter((p) => p.status === 'closed')) };
}

/**
 * Only the periods of `computeSchedule(loan, asOf, catalog)` whose end lies in [endFrom, endTo],
 * identical to its own (a quarterly claim needs one or two of a loan's dozen periods; the
 * others are laid out but not computed). Throws what `computeSchedule` throws: when no period
 * ends in the range, the first one is still computed, because the engine's refusals (rate
 * above the cap, no rule set) depend on the loan, not on the period.
 */
export function computeSchedulePeriods(loan: ScheduleLoan, asOf: IsoDate, catalog: RuleCatalog, range: { endFrom: IsoDate; endTo: IsoDate }): SchedulePeriod[] {
  const { frames } = planSchedule(loan, asOf, catalog);
  const wanted = frames.filter((f) => f.end >= range.endFrom && f.end <= range.endTo);
  if (wanted.length === 0 && frames.length > 0) periodOf(loan, asOf, frames[0], catalog);
  return wanted.map((f) => periodOf(loan, asOf, f, catalog));
}

/** A period laid out: its days, balances and flags, before its interest is computed. */
interface PeriodFrame {
  index: number;
  start: IsoDate;
  end: IsoDate;
  openingBalance: bigint;
  inside: BalanceChange[];
  overdue: boolean;
  extended: boolean;
  overdueEarlier: boolean;
}

function planSchedule(loan: ScheduleLoan, asOf: IsoDate, catalog: RuleCatalog): { frames: PeriodFrame[]; lastAccrualDay: IsoDate; settledDate: IsoDate | null } {
  toDay(asOf);
  validate(loan);
  const params = selectRuleSet(catalog.ruleSets, 'loan', loan.district, loan.contractDate).params;
  if (loan.extension) {
    const { maxCount, maxMonths } = params.extension;
    if (maxCount < 1 || loan.extension.newMaturityDate > addMonthsRollForward(loan.maturityDate, maxMonths)) {
      throw invalidInput(`展期最长 ${maxMonths} 个月（限 ${maxCount} 次）`, 'extension');
    }
  }
  const shift = params.interest.accrueOnRepaymentDay ? 1 : 0;

  // Balance after each repayment, effective from the repayment day (or the day after).
  let balance = loan.principal;
  let settledDate: IsoDate | null = null;
  const changes: BalanceChange[] = [];
  for (const r of [...(loan.repayments ?? [])].sort((a, b) => (a.date < b.date ? -1 : 1))) {
    balance -= r.principal;
    const from = addDays(r.date, shift);
    const last = changes[changes.length - 1];
    if (last && last.from === from) last.principal = balance;
    else changes.push({ from, principal: balance });
    if (balance === 0n && settledDate === null) settledDate = r.date;
  }
  const finalMaturity = loan.extension?.newMaturityDate ?? loan.maturityDate;
  const endDate = settledDate !== null && settledDate < finalMaturity ? settledDate : finalMaturity;
  const lastAccrualDay = addDays(endDate, shift - 1);
  const firstExtensionDay = loan.extension ? addDays(loan.maturityDate, shift) : null;

  const frames: PeriodFrame[] = [];
  let start = loan.disbursedDate;
  let overdueEarlier = false;
  while (start <= lastAccrualDay) {
    let end = nextSettlementDay(start);
    if (end > lastAccrualDay) end = lastAccrualDay;
    if (firstExtensionDay && start < firstExtensionDay && end >= firstExtensionDay) end = addDays(firstExtensionDay, -1);
    const openingBalance = changes.filter((c) => c.from <= start).reduce((_, c) => c.principal, loan.principal);
    const inside = changes.filter((c) => c.from > start && c.from <= end);
    const extended = firstExtensionDay !== null && start >= firstExtensionDay;
    const overdue = (loan.overdue ?? []).some((o) => o.from <= end && (o.to === undefined || o.to >= start));
    frames.push({ index: frames.length + 1, start, end, openingBalance, inside, overdue, extended, overdueEarlier });
    overdueEarlier ||= overdue;
    start = addDays(end, 1);
  }
  return { frames, lastAccrualDay, settledDate };
}

function periodOf(loan: ScheduleLoan, asOf: IsoDate, f: PeriodFrame, catalog: RuleCatalog): SchedulePeriod {
  const interest = computeInterest({
    district: loan.district, borrowerType: loan.borrowerType, principal: f.openingBalance, approvedAmount: loan.principal,
    contractDate: loan.contractDate, disbursedDate: loan.disbursedDate, annualRate: loan.annualRate,
    periodStart: f.start, periodEnd: f.end, overdue: f.overdue, extended: f.extended, overdueInEarlierPeriod: f.overdueEarlier, balances: f.inside,
  }, catalog);
  const status: PeriodStatus = asOf >= f.end ? 'closed' : asOf >= f.start ? 'current' : 'future';
  return { index: f.index, periodStart: f.start, periodEnd: f.end, status, openingBalance: f.openingBalance, balances: f.inside, overdue: f.overdue, extended: f.extended, interest };
}

function sum(periods: SchedulePeriod[]): ScheduleResult['totals'] {
  const t = { totalInterest: 0n, subsidy: 0n, borrowerInterest: 0n };
  for (const p of periods) {
    t.totalInterest += p.interest.totalInterest;
    t.subsidy += p.interest.subsidy;
    t.borrowerInterest += p.interest.borrowerInterest;
  }
  return t;
}

function validate(loan: ScheduleLoan): void {
  for (const d of [loan.contractDate, loan.disbursedDate, loan.maturityDate]) toDay(d);
  if (loan.principal <= 0n) throw invalidInput('贷款本金必须大于0', 'principal');
  if (loan.maturityDate <= loan.disbursedDate) throw invalidInput('到期日必须晚于放款日', 'maturityDate');
  if (loan.extension && loan.extension.newMaturityDate <= loan.maturityDate) throw invalidInput('展期到期日必须晚于原到期日', 'extension');
  let repaid = 0n;
  for (const r of loan.repayments ?? []) {
    toDay(r.date);
    if (r.principal <= 0n) throw invalidInput('还款本金必须大于0', 'repayments');
    if (r.date < loan.disbursedDate) throw invalidInput('还款日不能早于放款日', 'repayments');
    repaid += r.principal;
  }
  if (repaid > loan.principal) throw invalidInput('累计还款本金超过贷款本金', 'repayments');
  for (const o of loan.overdue ?? []) {
    toDay(o.from);
    if (o.to !== undefined && o.to < o.from) throw invalidInput('逾期区间结束日早于开始日', 'overdue');
  }
}

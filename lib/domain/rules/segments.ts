/**
 * Splits an interest period into segments over which principal, contract-year
 * share and subsidy-window eligibility are all constant, so each segment
 * contributes P·r·d/360 exactly and the period is rounded once.
 */
import { addMonthsRollForward, fromDay, toDay, type IsoDate } from '../dates';
import { invalidInput } from '../errors';
import { ONE, type Rational } from '../rational';

export interface BalanceChange {
  /** Principal outstanding from this day on (inclusive). */
  from: IsoDate;
  principal: bigint;
}

export interface Segment {
  from: IsoDate;
  to: IsoDate;
  days: number;
  principal: bigint;
  /** Share of interest subsidised in this contract year (1 outside CONTRACT_YEAR_SHARES). */
  share: Rational;
  /** Inside the subsidy window counted from disbursement. */
  inWindow: boolean;
}

export interface SegmentPlan {
  periodStart: IsoDate;
  periodEnd: IsoDate;
  principal: bigint;
  balances?: readonly BalanceChange[];
  /** First day NOT eligible any more (exclusive end of the window), or null. */
  windowEndExclusive: IsoDate | null;
  contractDate: IsoDate;
  yearShares: Rational[] | null;
}

export function buildSegments(plan: SegmentPlan): Segment[] {
  const start = toDay(plan.periodStart);
  const end = toDay(plan.periodEnd);
  const changes = [...(plan.balances ?? [])]
    .map((b) => ({ day: toDay(b.from), principal: b.principal }))
    .sort((a, b) => a.day - b.day);
  for (let i = 1; i < changes.length; i++) {
    if (changes[i].day === changes[i - 1].day) throw invalidInput(`余额变动日期重复：${fromDay(changes[i].day)}`, 'balances');
  }
  if (changes.some((c) => c.principal < 0n)) throw invalidInput('余额不能为负数', 'balances');
  if (changes.some((c) => c.day > end)) throw invalidInput('余额变动日期不能晚于计息止日', 'balances');

  const boundaries = new Set<number>();
  for (const c of changes) if (c.day > start) boundaries.add(c.day);
  const windowEnd = plan.windowEndExclusive ? toDay(plan.windowEndExclusive) : null;
  if (windowEnd !== null && windowEnd > start && windowEnd <= end) boundaries.add(windowEnd);
  const anniversaries = plan.yearShares
    ? plan.yearShares.map((_, k) => toDay(addMonthsRollForward(plan.contractDate, 12 * (k + 1))))
    : [];
  for (const a of anniversaries) if (a > start && a <= end) boundaries.add(a);
  const cuts = [...boundaries].sort((a, b) => a - b);
  cuts.push(end + 1);

  const segments: Segment[] = [];
  let from = start;
  for (const cut of cuts) {
    let principal = plan.principal;
    for (const c of changes) if (c.day <= from) principal = c.principal;
    const yearIndex = anniversaries.filter((a) => a <= from).length;
    const share = plan.yearShares ? (plan.yearShares[yearIndex] ?? { n: 0n, d: 1n }) : ONE;
    segments.push({ from: fromDay(from), to: fromDay(cut - 1), days: cut - from, principal, share, inWindow: windowEnd === null || from < windowEnd });
    from = cut;
  }
  return segments;
}

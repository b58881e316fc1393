/**
 * Interest and subsidy for one period (rules.md §4):
 *   total   = round2(Σ P·r·d/360)
 *   subsidy = round2(Σ min(P, cap)·s·share·d_eligible/360)
 *   borrower = total − subsidy
 * Rounded once per period, half-up to the fen; everything before is exact.
 */
import { addDays, addMonthsRollForward, toDay, type IsoDate } from '../dates';
import { RuleError, invalidInput } from '../errors';
import { RATE_UNITS_PER_PERCENT, formatRate, parseYuan } from '../money';
import { mul, rat, roundHalfUp, sub, type Rational } from '../rational';
import { referenceRateOn } from './lpr';
import { regimeTerms } from './regimes';
import { ruleSetRef, type BorrowerType, type RuleCatalog } from './rule-set-schema';
import { buildSegments, type BalanceChange } from './segments';
import { selectRuleSet } from './select-rule-set';
import { buildInterestTrace, type InterestTrace } from './interest-trace';

export interface InterestInput {
  district: string;
  borrowerType: BorrowerType;
  /** Fen. Principal outstanding at the period start unless `balances` says otherwise. */
  principal: bigint;
  contractDate: IsoDate;
  disbursedDate: IsoDate;
  /** Contract annual rate in units of 0.0001 percent. */
  annualRate: bigint;
  periodStart: IsoDate;
  periodEnd: IsoDate;
  overdue?: boolean;
  extended?: boolean;
  /** With overduePolicy LOAN: an earlier period was overdue, so nothing is subsidised any more. */
  overdueInEarlierPeriod?: boolean;
  balances?: readonly BalanceChange[];
  /** Subsidy cap for partnership/enterprise loans (the approved amount); defaults to `principal`. */
  approvedAmount?: bigint;
}

export type SubsidyExclusion = 'OVERDUE' | 'EXTENDED' | 'OVERDUE_EARLIER_PERIOD';

export interface InterestResult {
  regime: string;
  ruleSet: ReturnType<typeof ruleSetRef>;
  referenceRateKind: 'LPR' | 'BENCHMARK';
  /** L in 0.0001% units (the benchmark before 2019-08-20). */
  lpr: bigint;
  lprEffectiveFrom: IsoDate | null;
  rateCap: bigint | null;
  annualRate: bigint;
  /** Percent; at the period start for contract-year regimes. */
  subsidyRate: Rational;
  borrowerRate: Rational;
  days: number;
  subsidyDays: number;
  totalInterest: bigint;
  subsidy: bigint;
  borrowerInterest: bigint;
  payee: 'BORROWER' | 'BANK';
  subsidyWindowLastDay: IsoDate | null;
  exclusions: SubsidyExclusion[];
  trace: InterestTrace;
}

export function computeInterest(input: InterestInput, catalog: RuleCatalog): InterestResult {
  validate(input);
  const set = selectRuleSet(catalog.ruleSets, 'loan', input.district, input.contractDate);
  const params = set.params;
  const reference = referenceRateOn(catalog.lprTable, input.contractDate);
  const terms = regimeTerms(params.interest.regime, { district: input.district, borrowerType: input.borrowerType, rate: input.annualRate, reference: reference.rate });
  if (terms.rateCap !== null && input.annualRate > terms.rateCap) {
    throw new RuleError('RATE_ABOVE_CAP', `合同利率 ${formatRate(input.annualRate)}% 超过上限 ${formatRate(terms.rateCap)}%（${terms.rateCapFormula}）`, {
      annualRate: formatRate(input.annualRate),
      rateCap: formatRate(terms.rateCap),
    });
  }

  // Principal above the limit in force is not subsidised.
  const individualLimit = params.limits.individual === null ? null : parseYuan(params.limits.individual);
  const principalCap = input.borrowerType === 'individual' ? individualLimit : (input.approvedAmount ?? input.principal);
  const windowEndExclusive = terms.subsidyMaxMonths === null ? null : addMonthsRollForward(input.disbursedDate, terms.subsidyMaxMonths);

  const exclusions: SubsidyExclusion[] = [];
  if (input.overdue) exclusions.push('OVERDUE');
  if (input.extended && !params.extension.subsidised) exclusions.push('EXTENDED');
  if (input.overdueInEarlierPeriod && params.interest.overduePolicy === 'LOAN') exclusions.push('OVERDUE_EARLIER_PERIOD');

  const segments = buildSegments({
    periodStart: input.periodStart, periodEnd: input.periodEnd, principal: input.principal, balances: input.balances,
    windowEndExclusive, contractDate: input.contractDate, yearShares: terms.yearShares,
  });

  // Exact sums as bigint numerators over fixed denominators (no gcd per step):
  //   total   = Σ P·r·d / (basis·100·10⁴)                    [fen]
  //   subsidy = s · Σ Pc·share·d / (basis·100), shares over their common denominator
  const basis = BigInt(params.interest.dayCountBasis);
  const totalDen = basis * 100n * RATE_UNITS_PER_PERCENT;
  const s = terms.subsidyRate;
  const shareDen = segments.reduce((acc, seg) => (acc % seg.share.d === 0n ? acc : acc * seg.share.d), 1n);
  let totalNum = 0n;
  let subsidyBase = 0n;
  let subsidyDays = 0;
  const segmentResults = segments.map((seg) => {
    const d = BigInt(seg.days);
    const eligible = exclusions.length === 0 && seg.inWindow && seg.share.n > 0n;
    const subsidisedPrincipal = principalCap !== null && principalCap < seg.principal ? principalCap : seg.principal;
    totalNum += seg.principal * input.annualRate * d;
    if (eligible) {
      subsidyBase += subsidisedPrincipal * d * seg.share.n * (shareDen / seg.share.d);
      subsidyDays += seg.days;
    }
    return { seg, eligible, subsidisedPrincipal };
  });
  const totalExact = rat(totalNum, totalDen);
  const subsidyExact = rat(subsidyBase * s.n, basis * 100n * shareDen * s.d);

  const totalInterest = roundHalfUp(totalExact);
  const subsidy = roundHalfUp(subsidyExact);
  const firstShare = segments[0].share;
  const subsidyRate = mul(terms.subsidyRate, firstShare);
  const result: Omit<InterestResult, 'trace'> = {
    regime: terms.code,
    ruleSet: ruleSetRef(set),
    referenceRateKind: reference.kind,
    lpr: reference.rate,
    lprEffectiveFrom: reference.effectiveFrom,
    rateCap: terms.rateCap,
    annualRate: input.annualRate,
    subsidyRate,
    borrowerRate: sub(rat(input.annualRate, RATE_UNITS_PER_PERCENT), subsidyRate),
    days: toDay(input.periodEnd) - toDay(input.periodStart) + 1,
    subsidyDays,
    totalInterest,
    subsidy,
    borrowerInterest: totalInterest - subsidy,
    payee: params.interest.payee,
    subsidyWindowLastDay: windowEndExclusive ? addDays(windowEndExclusive, -1) : null,
    exclusions,
  };
  const trace = buildInterestTrace({ set, terms, reference, input, principalCap, segmentResults, totalExact, subsidyExact, totalInterest, subsidy, basis });
  return { ...result, trace };
}

function validate(input: InterestInput): void {
  for (const field of ['contractDate', 'disbursedDate', 'periodStart', 'periodEnd'] as const) toDay(input[field]);
  if (input.principal < 0n) throw invalidInput('本金不能为负数', 'principal');
  if (input.annualRate < 0n) throw invalidInput('利率不能为负数', 'annualRate');
  if (input.disbursedDate < input.contractDate) throw invalidInput('放款日不能早于合同签订日', 'disbursedDate');
  if (input.periodStart < input.disbursedDate) throw invalidInput('计息起日不能早于放款日', 'periodStart');
  if (input.periodEnd < input.periodStart) throw invalidInput('计息止日不能早于计息起日', 'periodEnd');
}

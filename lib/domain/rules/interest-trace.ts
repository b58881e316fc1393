/**
 * The audit trace of an interest result: JSON only (strings, no bigint), with
 * every parameter and intermediate value an auditor needs to recompute the
 * amounts by hand — P × r × d / 360 per segment, the exact sums as fractions
 * of a yuan, and the single rounding step.
 */
import { formatRate, formatYuan } from '../money';
import { type Rational, fractionText, rat, toDecimalText } from '../rational';
import type { InterestInput, InterestResult } from './interest';
import type { ReferenceRate } from './lpr';
import type { RegimeTerms } from './regimes';
import type { RuleSetOf } from './rule-set-schema';
import type { Segment } from './segments';

export interface InterestTrace {
  ruleSet: { id: string; version: number; jurisdiction: string; effectiveFrom: string };
  parameters: Record<string, string | number | boolean | null>;
  reference: { kind: 'LPR' | 'BENCHMARK'; rate: string; effectiveFrom: string | null };
  rateCap: { formula: string; value: string } | null;
  subsidyRate: { formula: string; exactPercent: string };
  exclusions: string[];
  segments: Array<{
    from: string; to: string; days: number; principal: string; subsidisedPrincipal: string;
    contractYearShare: string; inSubsidyWindow: boolean; subsidyEligible: boolean;
    interest: string; subsidy: string;
  }>;
  totalInterest: { exactYuan: string; fraction: string; rounded: string };
  subsidy: { exactYuan: string; fraction: string; rounded: string };
  rounding: string;
}

interface TraceArgs {
  set: RuleSetOf<'loan'>;
  terms: RegimeTerms;
  reference: ReferenceRate;
  input: InterestInput;
  principalCap: bigint | null;
  segmentResults: Array<{ seg: Segment; interest: Rational; subsidy: Rational; eligible: boolean; subsidisedPrincipal: bigint }>;
  totalExact: Rational;
  subsidyExact: Rational;
  result: Omit<InterestResult, 'trace'>;
  basis: bigint;
}

/** Exact fen amount as yuan text with up to 6 decimals, and as a fraction of a yuan. */
const yuanText = (fen: Rational) => toDecimalText(rat(fen.n, fen.d * 100n), 2, 6);
const yuanFraction = (fen: Rational) => fractionText(rat(fen.n, fen.d * 100n));
const pct = (r: Rational) => toDecimalText(r, 2, 6);

export function buildInterestTrace(a: TraceArgs): InterestTrace {
  const r = formatRate(a.input.annualRate);
  const s = pct(a.terms.subsidyRate);
  return {
    ruleSet: { id: a.set.id, version: a.set.version, jurisdiction: a.set.jurisdiction, effectiveFrom: a.set.effectiveFrom },
    parameters: {
      regime: a.terms.code,
      method: a.terms.method,
      annualRate: r,
      dayCountBasis: Number(a.basis),
      principalCap: a.principalCap === null ? null : formatYuan(a.principalCap),
      principalCapRule: a.input.borrowerType === 'individual' ? 'min(balance, individual limit on contract date)' : 'min(balance, approved amount)',
      subsidyMaxMonths: a.terms.subsidyMaxMonths,
      subsidyWindowLastDay: a.result.subsidyWindowLastDay,
      overduePolicy: a.set.params.interest.overduePolicy,
      payee: a.set.params.interest.payee,
    },
    reference: { kind: a.reference.kind, rate: formatRate(a.reference.rate), effectiveFrom: a.reference.effectiveFrom },
    rateCap: a.terms.rateCap === null ? null : { formula: a.terms.rateCapFormula ?? '', value: formatRate(a.terms.rateCap) },
    subsidyRate: { formula: a.terms.subsidyRateFormula, exactPercent: fractionText(a.terms.subsidyRate) },
    exclusions: a.result.exclusions,
    segments: a.segmentResults.map(({ seg, interest, subsidy, eligible, subsidisedPrincipal }) => ({
      from: seg.from,
      to: seg.to,
      days: seg.days,
      principal: formatYuan(seg.principal),
      subsidisedPrincipal: formatYuan(subsidisedPrincipal),
      contractYearShare: fractionText(seg.share),
      inSubsidyWindow: seg.inWindow,
      subsidyEligible: eligible,
      interest: `${formatYuan(seg.principal)} × ${r}% × ${seg.days} / ${a.basis} = ${yuanText(interest)}`,
      subsidy: eligible
        ? `${formatYuan(subsidisedPrincipal)} × ${s}% × ${fractionText(seg.share)} × ${seg.days} / ${a.basis} = ${yuanText(subsidy)}`
        : '0',
    })),
    totalInterest: { exactYuan: yuanText(a.totalExact), fraction: yuanFraction(a.totalExact), rounded: formatYuan(a.result.totalInterest) },
    subsidy: { exactYuan: yuanText(a.subsidyExact), fraction: yuanFraction(a.subsidyExact), rounded: formatYuan(a.result.subsidy) },
    rounding: 'Σ over segments exactly, then half-up to 0.01 yuan once per period; borrower = total − subsidy',
  };
}

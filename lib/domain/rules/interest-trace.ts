/**
 * The audit trace of an interest result: JSON only (strings, no bigint), with
 * every parameter and intermediate value an auditor needs to recompute the
 * amounts by hand:
 *   total   = round(Σ P·r·d / basis)           over all segments
 *   subsidy = round(Σ Pc·s·share·d / basis)    over subsidised segments
 * Segments carry P, Pc (capped principal), d and the contract-year share; the
 * exact sums are given as fractions of a fen and as decimals before the single
 * half-up rounding. Formulas for s and the cap come with the (memoised) regime
 * terms. Kept lean on purpose: batches of 10,000 results must stay fast.
 */
import { formatRate, formatYuan } from '../money';
import { type Rational, fractionText, toDecimalText } from '../rational';
import type { InterestInput } from './interest';
import type { ReferenceRate } from './lpr';
import type { RegimeTerms } from './regimes';
import type { RuleSetOf } from './rule-set-schema';
import type { Segment } from './segments';

export interface InterestTrace {
  ruleSet: { id: string; version: number };
  reference: { kind: 'LPR' | 'BENCHMARK'; rate: string; effectiveFrom: string | null };
  rateCap: string | null;
  subsidyRate: string;
  parameters: { method: string; dayCountBasis: number; principalCap: string | null; principalCapRule: string; subsidyMaxMonths: number | null; overduePolicy: string };
  formula: string;
  segments: Array<{ from: string; to: string; days: number; principal: string; subsidisedPrincipal: string; share: string; subsidised: boolean }>;
  totalInterest: { exactFen: string; exactYuan: string; rounded: string };
  subsidy: { exactFen: string; exactYuan: string; rounded: string };
}

interface TraceArgs {
  set: RuleSetOf<'loan'>;
  terms: RegimeTerms;
  reference: ReferenceRate;
  input: InterestInput;
  principalCap: bigint | null;
  segmentResults: Array<{ seg: Segment; eligible: boolean; subsidisedPrincipal: bigint }>;
  totalExact: Rational;
  subsidyExact: Rational;
  totalInterest: bigint;
  subsidy: bigint;
  basis: bigint;
}

const FORMULA = 'total = roundHalfUp(Σ P·r·d/basis); subsidy = roundHalfUp(Σ Pc·s·share·d/basis) over subsidised segments; borrower = total − subsidy';

/** Exact fen amount as yuan with up to 6 decimals (display; the fraction is exact). */
const yuanText = (fen: Rational) => toDecimalText({ n: fen.n, d: fen.d * 100n }, 2, 6);

export function buildInterestTrace(a: TraceArgs): InterestTrace {
  return {
    ruleSet: { id: a.set.id, version: a.set.version },
    reference: { kind: a.reference.kind, rate: formatRate(a.reference.rate), effectiveFrom: a.reference.effectiveFrom },
    rateCap: a.terms.rateCapFormula,
    subsidyRate: a.terms.subsidyRateFormula,
    parameters: {
      method: a.terms.method,
      dayCountBasis: Number(a.basis),
      principalCap: a.principalCap === null ? null : formatYuan(a.principalCap),
      principalCapRule: a.input.borrowerType === 'individual' ? 'individual limit on contract date' : 'approved amount',
      subsidyMaxMonths: a.terms.subsidyMaxMonths,
      overduePolicy: a.set.params.interest.overduePolicy,
    },
    formula: FORMULA,
    segments: a.segmentResults.map(({ seg, eligible, subsidisedPrincipal }) => ({
      from: seg.from,
      to: seg.to,
      days: seg.days,
      principal: formatYuan(seg.principal),
      subsidisedPrincipal: formatYuan(subsidisedPrincipal),
      share: fractionText(seg.share),
      subsidised: eligible,
    })),
    totalInterest: { exactFen: fractionText(a.totalExact), exactYuan: yuanText(a.totalExact), rounded: formatYuan(a.totalInterest) },
    subsidy: { exactFen: fractionText(a.subsidyExact), exactYuan: yuanText(a.subsidyExact), rounded: formatYuan(a.subsidy) },
  };
}

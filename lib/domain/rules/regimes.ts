/**
 * The four subsidy methods behind regimes A0/A0-CQ, A1, B and C (rules.md §4).
 * Each turns (regime data, district, borrower type, r, L) into the rate cap and
 * the subsidy rate s, with a formula text for the trace. s is clamped to
 * [0, r] so the subsidy can never exceed the interest, whatever the data says.
 */
import { RATE_UNITS_PER_PERCENT, formatRate, parseRate } from '../money';
import { ONE, ZERO, type Rational, max, min, mul, parseFraction, rat, sub, toDecimalText } from '../rational';
import type { BorrowerType, Regime } from './rule-set-schema';

export interface RegimeTerms {
  code: string;
  method: Regime['method'];
  /** Units of 0.0001 percent; null when the regime checks no cap. */
  rateCap: bigint | null;
  rateCapFormula: string | null;
  /** Percent, before contract-year shares, window and exclusions. */
  subsidyRate: Rational;
  subsidyRateFormula: string;
  /** Share of interest by contract year (CONTRACT_YEAR_SHARES only). */
  yearShares: Rational[] | null;
  subsidyMaxMonths: number | null;
}

const percent = (units: bigint): Rational => rat(units, RATE_UNITS_PER_PERCENT);
const pct = (r: Rational): string => toDecimalText(r, 2, 6);

function rateCapFor(regime: Regime, district: string, reference: bigint): { cap: bigint; formula: string } | null {
  if (!regime.rateCap) return null;
  const tier = regime.rateCap.districtOverrides.find((o) => o.districts.includes(district));
  const spread = parseRate(tier ? tier.spreadAboveReference : regime.rateCap.spreadAboveReference);
  const cap = reference + spread;
  return { cap, formula: `L + ${formatRate(spread)} = ${formatRate(reference)} + ${formatRate(spread)} = ${formatRate(cap)}` };
}

// Batches repeat the same (regime, district, type, r, L) thousands of times; terms are immutable.
const memo = new WeakMap<Regime, Map<string, RegimeTerms>>();
const MEMO_LIMIT = 50_000;

export function regimeTerms(regime: Regime, args: { district: string; borrowerType: BorrowerType; rate: bigint; reference: bigint }): RegimeTerms {
  let cache = memo.get(regime);
  if (!cache) memo.set(regime, (cache = new Map()));
  const key = `${args.district}|${args.borrowerType}|${args.rate}|${args.reference}`;
  let terms = cache.get(key);
  if (!terms) {
    if (cache.size >= MEMO_LIMIT) cache.clear();
    terms = Object.freeze(computeTerms(regime, args));
    cache.set(key, terms);
  }
  return terms;
}

function computeTerms(regime: Regime, args: { district: string; borrowerType: BorrowerType; rate: bigint; reference: bigint }): RegimeTerms {
  const r = percent(args.rate);
  const L = percent(args.reference);
  const capInfo = rateCapFor(regime, args.district, args.reference);
  const base = {
    code: regime.code,
    method: regime.method,
    rateCap: capInfo?.cap ?? null,
    rateCapFormula: capInfo?.formula ?? null,
    subsidyMaxMonths: regime.subsidyMaxMonths,
    yearShares: null,
  };
  const clamp = (s: Rational): Rational => min(max(s, ZERO), r);

  switch (regime.method) {
    case 'CONTRACT_YEAR_SHARES': {
      const tier = regime.districtOverrides.find((o) => o.districts.includes(args.district));
      const shares = (tier ? tier.yearShares : regime.yearShares).map(parseFraction).map((s) => min(max(s, ZERO), ONE));
      return { ...base, subsidyRate: r, subsidyRateFormula: `s = r = ${pct(r)}，按合同年度比例 ${shares.map((s) => toDecimalText(s, 0, 6)).join(' / ')}`, yearShares: shares };
    }
    case 'FULL_RATE': {
      if (args.borrowerType === 'enterprise' && regime.enterpriseCappedAtReference) {
        const s = clamp(min(r, L));
        return { ...base, subsidyRate: s, subsidyRateFormula: `s = min(r, L) = min(${pct(r)}, ${pct(L)}) = ${pct(s)}` };
      }
      return { ...base, subsidyRate: r, subsidyRateFormula: `s = r = ${pct(r)}` };
    }
    case 'ABOVE_REFERENCE_MINUS_SPREAD': {
      const spread = percent(parseRate(regime.borrowerSpreadBelowReference));
      const s = clamp(sub(r, sub(L, spread)));
      return { ...base, subsidyRate: s, subsidyRateFormula: `s = max(0, r − (L − ${pct(spread)})) = max(0, ${pct(r)} − (${pct(L)} − ${pct(spread)})) = ${pct(s)}` };
    }
    case 'SHARE_OF_RATE': {
      const share = rat(parseRate(regime.subsidySharePercent), 100n * RATE_UNITS_PER_PERCENT);
      const s = clamp(mul(share, r));
      return { ...base, subsidyRate: s, subsidyRateFormula: `s = ${toDecimalText(share, 0, 6)} × r = ${toDecimalText(share, 0, 6)} × ${pct(r)} = ${pct(s)}` };
    }
  }
}

import type { WageRefundRecord } from '@/db/schema';
import { formatRate, formatYuan, parseRate, RATE_UNITS_PER_PERCENT } from '@/lib/domain/money';
import { fractionText, rat, toDecimalText } from '@/lib/domain/rational';
import { computeWageRefund, type RuleCatalog, type WageRefundResult } from '@/lib/domain/rules';
import { DEPLOYMENT_DISTRICT } from '@/lib/server/policy/get-rule-catalog';

/** The facts of one enterprise the engine needs (as imported, or as corrected by the enterprise). */
export interface WageRefundFacts {
  policyYear: number;
  sizeClass: 'large' | 'sme';
  avgInsured: number;
  layoffs: number;
  premiumsPaidFen: bigint;
  monthsInsured: number;
  seriousDishonesty: boolean;
  deregistered: boolean;
  abnormalOperation: boolean;
  arrears: boolean;
}

/** The engine's answer as stored in `wage_refund_records.result` (JSON: no bigint). */
export interface StoredWageRefundResult {
  eligible: boolean;
  amountFen: string;
  /** Percent text, e.g. "20.00". */
  ratioPercent: string;
  /** Exact fraction of percent, e.g. "10/3", and its display, "3.33". */
  layoffRate: string;
  layoffRatePercent: string;
  layoffLimitPercent: string;
  reasons: { code: string; message: string }[];
  ruleSet: WageRefundResult['ruleSet'];
  trace: WageRefundResult['trace'];
  jurisdiction: string;
}

export const factsOf = (r: WageRefundRecord): WageRefundFacts => ({
  policyYear: r.policyYear,
  sizeClass: r.sizeClass,
  avgInsured: r.avgInsured,
  layoffs: r.layoffs,
  premiumsPaidFen: r.premiumsPaidFen,
  monthsInsured: r.monthsInsured,
  seriousDishonesty: r.seriousDishonesty,
  deregistered: r.deregistered,
  abnormalOperation: r.abnormalOperation,
  arrears: r.arrears,
});

/** Runs the rules engine for the deployment's district; the stored answer and the two columns derived from it. */
export function computeRecord(f: WageRefundFacts, catalog: RuleCatalog): { eligible: boolean; amountFen: bigint; result: StoredWageRefundResult } {
  const r = computeWageRefund(
    {
      jurisdiction: DEPLOYMENT_DISTRICT,
      policyYear: f.policyYear,
      enterpriseSize: f.sizeClass,
      avgInsured: rat(BigInt(f.avgInsured)),
      layoffs: f.layoffs,
      premiumsPaid: f.premiumsPaidFen,
      monthsInsured: f.monthsInsured,
      seriousDishonesty: f.seriousDishonesty,
      deregistered: f.deregistered,
      abnormalOperation: f.abnormalOperation,
      arrears: f.arrears,
    },
    catalog,
  );
  return {
    eligible: r.eligible,
    amountFen: r.amount,
    result: {
      eligible: r.eligible,
      amountFen: r.amount.toString(),
      ratioPercent: formatRate(r.ratioPercent),
      layoffRate: fractionText(r.layoffRate),
      layoffRatePercent: toDecimalText(r.layoffRate, 2, 2),
      layoffLimitPercent: formatRate(r.layoffLimit),
      reasons: r.reasons.map(({ code, message }) => ({ code, message })),
      ruleSet: r.ruleSet,
      trace: r.trace,
      jurisdiction: DEPLOYMENT_DISTRICT,
    },
  };
}

export const storedResult = (r: WageRefundRecord) => r.result as StoredWageRefundResult;

/** Yuan text of fen, for lists and line columns. */
export const yuan = (fen: bigint) => formatYuan(fen);

/** "20.00" → "20%". */
export const percentText = (p: string) => `${toDecimalText(rat(parseRate(p), RATE_UNITS_PER_PERCENT), 0, 4)}%`;

/** Policy years the rule catalogue has 稳岗返还 ratios for (for this district), newest first, up to `untilYear`. */
export function wageRefundYears(catalog: RuleCatalog, untilYear: number): number[] {
  const years: number[] = [];
  for (let y = untilYear; y >= 2020; y--) {
    try {
      computeRecord({ policyYear: y, sizeClass: 'sme', avgInsured: 1, layoffs: 0, premiumsPaidFen: 0n, monthsInsured: 12, seriousDishonesty: false, deregistered: false, abnormalOperation: false, arrears: false }, catalog);
      years.push(y);
    } catch {
      // no ratios for that year
    }
  }
  return years;
}

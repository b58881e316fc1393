/**
 * 稳岗返还 (rules.md §6): eligibility, layoff rate and amount for a policy
 * year. The rule set is chosen as of 31 December of the policy year; the
 * ratio comes from its per-year table. Comparisons are exact ("不高于" = ≤).
 */
import { iso } from '../dates';
import { RuleError } from '../errors';
import { RATE_UNITS_PER_PERCENT, formatYuan, parseRate } from '../money';
import { type Rational, cmp, fractionText, mul, rat, roundHalfUp, toDecimalText } from '../rational';
import { reason, type Reason } from './reason';
import { ruleSetRef, type RuleCatalog } from './rule-set-schema';
import { selectRuleSet } from './select-rule-set';

export type WageRefundReasonCode =
  | 'MONTHS_INSURED_TOO_FEW' | 'LAYOFF_RATE_TOO_HIGH' | 'SERIOUS_DISHONESTY' | 'DEREGISTERED' | 'ABNORMAL_OPERATION' | 'ARREARS';

export interface WageRefundInput {
  jurisdiction: string;
  policyYear: number;
  enterpriseSize: 'large' | 'sme';
  /** Monthly-average insured contributors of the previous year (may be fractional). */
  avgInsured: Rational;
  layoffs: number;
  /** Fen: previous year's UI premiums actually paid, employer + employee. */
  premiumsPaid: bigint;
  monthsInsured: number;
  seriousDishonesty?: boolean;
  deregistered?: boolean;
  abnormalOperation?: boolean;
  arrears?: boolean;
}

export interface WageRefundResult {
  eligible: boolean;
  /** Percent, exact. */
  layoffRate: Rational;
  /** Percent. */
  layoffLimit: bigint;
  /** Percent of premiums refunded. */
  ratioPercent: bigint;
  amount: bigint;
  reasons: Reason<WageRefundReasonCode>[];
  ruleSet: ReturnType<typeof ruleSetRef>;
  trace: Record<string, string | number | boolean>;
}

export function computeWageRefund(input: WageRefundInput, catalog: RuleCatalog): WageRefundResult {
  const set = selectRuleSet(catalog.ruleSets, 'wage-refund', input.jurisdiction, iso(input.policyYear, 12, 31));
  const p = set.params;
  const row = p.ratiosByYear.find((r) => r.policyYear === input.policyYear);
  if (!row) throw new RuleError('NO_RULE_SET', `${input.policyYear} 年度没有稳岗返还比例`, { policyYear: String(input.policyYear) });
  if (input.avgInsured.n <= 0n) throw new RuleError('INVALID_INPUT', '月均参保人数必须大于0', { field: 'avgInsured' });

  const small = cmp(input.avgInsured, rat(BigInt(p.smallEnterprise.maxInsured))) <= 0;
  const layoffLimit = parseRate(small ? p.smallEnterprise.layoffLimitPercent : p.layoffLimitPercent);
  const layoffRate = mul(rat(BigInt(input.layoffs) * 100n), rat(input.avgInsured.d, input.avgInsured.n));
  const reasons: Reason<WageRefundReasonCode>[] = [];
  if (input.monthsInsured < p.minMonthsInsured) reasons.push(reason('MONTHS_INSURED_TOO_FEW', `足额缴纳失业保险不满 ${p.minMonthsInsured} 个月`));
  if (cmp(layoffRate, rat(layoffLimit, RATE_UNITS_PER_PERCENT)) > 0) {
    reasons.push(reason('LAYOFF_RATE_TOO_HIGH', `裁员率 ${toDecimalText(layoffRate, 2, 4)}% 高于 ${toDecimalText(rat(layoffLimit, RATE_UNITS_PER_PERCENT), 2, 4)}%`));
  }
  if (input.seriousDishonesty) reasons.push(reason('SERIOUS_DISHONESTY', '属于严重违法失信企业'));
  if (input.deregistered) reasons.push(reason('DEREGISTERED', '企业已注销或被吊销'));
  if (input.abnormalOperation) reasons.push(reason('ABNORMAL_OPERATION', '企业被列入经营异常名录'));
  if (input.arrears) reasons.push(reason('ARREARS', '企业存在欠缴社会保险费'));

  const ratioPercent = parseRate(input.enterpriseSize === 'large' ? row.largePercent : row.smePercent);
  const eligible = reasons.length === 0;
  const exact = rat(input.premiumsPaid * ratioPercent, 100n * RATE_UNITS_PER_PERCENT);
  const amount = eligible ? roundHalfUp(exact) : 0n;
  return {
    eligible,
    layoffRate,
    layoffLimit,
    ratioPercent,
    amount,
    reasons,
    ruleSet: ruleSetRef(set),
    trace: {
      ruleSetId: set.id,
      policyYear: input.policyYear,
      smallEnterpriseRule: `avgInsured ${fractionText(input.avgInsured)} ${small ? '≤' : '>'} ${p.smallEnterprise.maxInsured}`,
      layoffRate: `${input.layoffs} / ${fractionText(input.avgInsured)} = ${fractionText(layoffRate)}%`,
      layoffLimitPercent: small ? p.smallEnterprise.layoffLimitPercent : p.layoffLimitPercent,
      ratioPercent: input.enterpriseSize === 'large' ? row.largePercent : row.smePercent,
      amount: eligible ? `${formatYuan(input.premiumsPaid)} × ${toDecimalText(rat(ratioPercent, RATE_UNITS_PER_PERCENT), 0, 4)}% = ${toDecimalText(rat(exact.n, exact.d * 100n), 2, 6)} → ${formatYuan(amount)}` : '0 (not eligible)',
    },
  };
}

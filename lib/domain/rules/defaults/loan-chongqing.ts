/**
 * Chongqing loan rule sets (rules.md §4–§5), one full snapshot per change of
 * limits or regime, plus Kaizhou's own copies from regime B on (its "贴息2年"
 * window). Other districts fall back to the province set; the 14-district
 * tier is data inside it.
 */
import type { LoanParams, RuleSetOf } from '../rule-set-schema';
import { BASE_ASSUMED, BASE_INTEREST, BASE_LOAN_PARAMS } from './common-loan-params';
import { CHONGQING_HIGH_TIER_DISTRICTS, CHONGQING_PROVINCE_CODE, KAIZHOU_CODE } from './districts';

type LoanSet = RuleSetOf<'loan'>;

const CAP_B = { spreadAboveReference: '1.50', districtOverrides: [{ districts: [...CHONGQING_HIGH_TIER_DISTRICTS], spreadAboveReference: '2.50' }] };

const A0_CQ: LoanParams['interest']['regime'] = {
  method: 'CONTRACT_YEAR_SHARES', code: 'A0-CQ', rateCap: null, subsidyMaxMonths: null,
  yearShares: ['1', '1', '0'],
  districtOverrides: [{ districts: [...CHONGQING_HIGH_TIER_DISTRICTS], yearShares: ['1', '1', '1'] }],
};
const A1: LoanParams['interest']['regime'] = { method: 'FULL_RATE', code: 'A1', rateCap: null, subsidyMaxMonths: null, enterpriseCappedAtReference: true };
const B: LoanParams['interest']['regime'] = { method: 'ABOVE_REFERENCE_MINUS_SPREAD', code: 'B', rateCap: CAP_B, subsidyMaxMonths: null, borrowerSpreadBelowReference: '1.50' };
const C: LoanParams['interest']['regime'] = {
  method: 'SHARE_OF_RATE', code: 'C', rateCap: { spreadAboveReference: '0.50', districtOverrides: [] }, subsidyMaxMonths: null, subsidySharePercent: '50',
};

function cq(effectiveFrom: string, title: string, limits: LoanParams['limits'], regime: LoanParams['interest']['regime'], extra: { assumed?: string[]; sources?: string[]; guaranteeFee?: string } = {}): LoanSet {
  return {
    id: `loan/${CHONGQING_PROVINCE_CODE}/${effectiveFrom}`,
    version: 1,
    kind: 'loan',
    jurisdiction: CHONGQING_PROVINCE_CODE,
    effectiveFrom,
    title,
    sources: extra.sources ?? [],
    assumed: [...BASE_ASSUMED, ...(extra.assumed ?? [])],
    params: {
      ...BASE_LOAN_PARAMS,
      limits,
      interest: { ...BASE_INTEREST, regime },
      guaranteeFeeSubsidy: extra.guaranteeFee ? { maxRatePercentPerYear: extra.guaranteeFee } : null,
    },
  };
}

const partnership110 = (perPartner: string) => ({ perPartner, upliftPercent: '110', max: null });

export const CHONGQING_LOAN_SETS: LoanSet[] = [
  cq('2015-01-01', '重庆 A0-CQ（2018年12月31日前签订）', { individual: '100000.00', partnership: null, enterprise: null }, A0_CQ,
    { sources: ['S29'], assumed: ['effectiveFrom'] }),
  cq('2019-01-01', '重庆 A1（2019–2020年签订，个人全额贴息）', { individual: '150000.00', partnership: partnership110('150000.00'), enterprise: { perHire: null, max: '3000000.00' } }, A1,
    { sources: ['S24', 'S31'] }),
  cq('2020-04-15', '重庆 A1，个人额度20万元（财金〔2020〕21号）', { individual: '200000.00', partnership: partnership110('200000.00'), enterprise: { perHire: '200000.00', max: '3000000.00' } }, A1,
    { sources: ['S1', 'S24'] }),
  cq('2021-01-01', '重庆 B（LPR−150BP以下由借款人承担）', { individual: '200000.00', partnership: partnership110('200000.00'), enterprise: { perHire: '200000.00', max: '3000000.00' } }, B,
    { sources: ['S19', 'S27'] }),
  cq('2024-05-12', '重庆 2024 额度30万元/400万元', { individual: '300000.00', partnership: { perPartner: '330000.00', upliftPercent: '100', max: '4000000.00' }, enterprise: { perHire: null, max: '4000000.00' } }, B,
    { sources: ['S20', 'S21'], assumed: ['effectiveFrom'] }),
  cq('2025-06-03', '重庆 C（渝人社规〔2025〕11号，贴息50%，LPR+50BP）', { individual: '500000.00', partnership: { perPartner: '550000.00', upliftPercent: '100', max: '6000000.00' }, enterprise: { perHire: null, max: '6000000.00' } }, C,
    { sources: ['S22', 'S23'], assumed: ['effectiveFrom'], guaranteeFee: '0.50' }),
];

/** Kaizhou "创业担保贷款贴息2年": subsidyMaxMonths = 24 (ASSUMED) on every set from regime B on. */
const KAIZHOU_SUBSIDY_MAX_MONTHS = 24;

export const KAIZHOU_LOAN_SETS: LoanSet[] = CHONGQING_LOAN_SETS.filter((s) => s.effectiveFrom >= '2021-01-01').map((s) => ({
  ...s,
  id: `loan/${KAIZHOU_CODE}/${s.effectiveFrom}`,
  jurisdiction: KAIZHOU_CODE,
  title: `开州区：${s.title}，贴息2年`,
  assumed: [...s.assumed, 'params.interest.regime.subsidyMaxMonths'],
  params: { ...s.params, interest: { ...s.params.interest, regime: { ...s.params.interest.regime, subsidyMaxMonths: KAIZHOU_SUBSIDY_MAX_MONTHS } } },
}));

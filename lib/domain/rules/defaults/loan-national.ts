/**
 * National fallback loan rule sets, for districts without a set of their own
 * (policy-research §2.1, §2.5). The 2019–2020 regime and the post-2021 cap
 * were not found in an official text: ASSUMED, see each set's `assumed`.
 */
import type { LoanParams, RuleSetOf } from '../rule-set-schema';
import { BASE_ASSUMED, BASE_INTEREST, BASE_LOAN_PARAMS } from './common-loan-params';

type LoanSet = RuleSetOf<'loan'>;

/** National tiered A0: year 1 100%, year 2 2/3, year 3 1/3; poverty areas (listed by administrators) 100%. */
const A0: LoanParams['interest']['regime'] = {
  method: 'CONTRACT_YEAR_SHARES', code: 'A0', rateCap: null, subsidyMaxMonths: null,
  yearShares: ['1', '2/3', '1/3'],
  districtOverrides: [],
};
const A1: LoanParams['interest']['regime'] = { method: 'FULL_RATE', code: 'A1', rateCap: null, subsidyMaxMonths: null, enterpriseCappedAtReference: true };
const B: LoanParams['interest']['regime'] = {
  method: 'ABOVE_REFERENCE_MINUS_SPREAD', code: 'B', rateCap: { spreadAboveReference: '1.50', districtOverrides: [] }, subsidyMaxMonths: null, borrowerSpreadBelowReference: '1.50',
};

function national(effectiveFrom: string, title: string, limits: LoanParams['limits'], regime: LoanParams['interest']['regime'], sources: string[], assumed: string[] = []): LoanSet {
  return {
    id: `loan/national/${effectiveFrom}`,
    version: 1,
    kind: 'loan',
    jurisdiction: 'national',
    effectiveFrom,
    title,
    sources,
    assumed: [...BASE_ASSUMED, ...assumed],
    params: { ...BASE_LOAN_PARAMS, limits, interest: { ...BASE_INTEREST, regime }, guaranteeFeeSubsidy: null },
  };
}

export const NATIONAL_LOAN_SETS: LoanSet[] = [
  national('2016-01-01', '全国 A0（个人10万元，逐年递减贴息）', { individual: '100000.00', partnership: null, enterprise: { perHire: null, max: '2000000.00' } }, A0,
    ['S5', 'S6', 'S7'], ['params.interest.regime.districtOverrides']),
  national('2018-11-16', '全国 A0（个人15万元，小微企业300万元）', { individual: '150000.00', partnership: null, enterprise: { perHire: null, max: '3000000.00' } }, A0,
    ['S9'], ['params.interest.regime.districtOverrides']),
  national('2019-01-01', '全国 2019–2020（按重庆A1处理）', { individual: '150000.00', partnership: null, enterprise: { perHire: null, max: '3000000.00' } }, A1,
    ['S24'], ['params.interest.regime']),
  national('2020-04-15', '全国 财金〔2020〕21号（个人20万元，合伙110%）', { individual: '200000.00', partnership: { perPartner: '200000.00', upliftPercent: '110', max: null }, enterprise: { perHire: null, max: '3000000.00' } }, A1,
    ['S1', 'S3'], ['params.interest.regime']),
  national('2021-01-01', '全国 B（LPR−150BP以下由借款人承担）', { individual: '200000.00', partnership: { perPartner: '200000.00', upliftPercent: '110', max: null }, enterprise: { perHire: null, max: '3000000.00' } }, B,
    ['S10', 'S19'], ['params.interest.regime.rateCap']),
];

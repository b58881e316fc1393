/** Default 稳岗返还, hiring, skills and Kaizhou returnee-package rule sets (rules.md §6–§7). */
import type { RuleSetOf } from '../rule-set-schema';
import { CHONGQING_PROVINCE_CODE, KAIZHOU_CODE } from './districts';

const WAGE_COMMON = { minMonthsInsured: 12, layoffLimitPercent: '5.5', smallEnterprise: { maxInsured: 30, layoffLimitPercent: '20' } };
const NATIONAL_RATIOS = [
  { policyYear: 2021, largePercent: '30', smePercent: '60' },
  { policyYear: 2022, largePercent: '50', smePercent: '90' },
  { policyYear: 2023, largePercent: '30', smePercent: '60' },
  { policyYear: 2024, largePercent: '30', smePercent: '60' },
  { policyYear: 2025, largePercent: '30', smePercent: '60' },
];

export const WAGE_REFUND_SETS: RuleSetOf<'wage-refund'>[] = [
  {
    id: 'wage-refund/national/2021-01-01', version: 1, kind: 'wage-refund', jurisdiction: 'national', effectiveFrom: '2021-01-01',
    title: '全国稳岗返还（人社部发〔2021〕29号起）', sources: ['W1', 'W2', 'W3', 'W5', 'W7', 'W11'], assumed: [],
    params: { ...WAGE_COMMON, ratiosByYear: NATIONAL_RATIOS },
  },
  {
    id: `wage-refund/${CHONGQING_PROVINCE_CODE}/2021-01-01`, version: 1, kind: 'wage-refund', jurisdiction: CHONGQING_PROVINCE_CODE, effectiveFrom: '2021-01-01',
    title: '重庆稳岗返还（2025年渝人社规〔2025〕10号：大型10%、中小微20%）', sources: ['W14'],
    assumed: ['params.ratiosByYear[2021..2024]'],
    params: { ...WAGE_COMMON, ratiosByYear: [...NATIONAL_RATIOS.filter((r) => r.policyYear < 2025), { policyYear: 2025, largePercent: '10', smePercent: '20' }] },
  },
];

const absorbCategories = [
  { category: 'graduate' as const, amount: '2000.00', minContractMonths: 12, minInsuredMonths: 6 },
  { category: 'youth-unemployed' as const, amount: '2000.00', minContractMonths: 12, minInsuredMonths: 6 },
  { category: 'long-term-unemployed' as const, amount: '2000.00', minContractMonths: 12, minInsuredMonths: 6 },
  { category: 'hardship' as const, amount: '6000.00', minContractMonths: 12, minInsuredMonths: 6 },
];
const expandScheme = {
  scheme: 'expand' as const, label: '一次性扩岗补助', fromYear: 2022, toYear: 2025,
  categories: [
    { category: 'graduate' as const, amount: '1500.00', minContractMonths: 1, minInsuredMonths: 3 },
    { category: 'youth-unemployed' as const, amount: '1500.00', minContractMonths: 1, minInsuredMonths: 3 },
  ],
};

export const HIRING_SETS: RuleSetOf<'hiring-subsidy'>[] = [
  {
    id: 'hiring-subsidy/national/2022-01-01', version: 1, kind: 'hiring-subsidy', jurisdiction: 'national', effectiveFrom: '2022-01-01',
    title: '一次性扩岗补助（全国2022–2025）', sources: ['O3', 'O4'], assumed: [],
    params: { schemes: [expandScheme] },
  },
  {
    id: `hiring-subsidy/${CHONGQING_PROVINCE_CODE}/2020-01-01`, version: 1, kind: 'hiring-subsidy', jurisdiction: CHONGQING_PROVINCE_CODE, effectiveFrom: '2020-01-01',
    title: '重庆一次性吸纳就业补贴（2,000/6,000元）与扩岗补助', sources: ['O1', 'O9', 'O3'],
    assumed: ['params.schemes[absorb].categories[hardship].minContractMonths', 'params.schemes[absorb].categories[hardship].minInsuredMonths'],
    params: { schemes: [{ scheme: 'absorb', label: '一次性吸纳就业补贴', fromYear: 2020, toYear: null, categories: absorbCategories }, expandScheme] },
  },
];

export const SKILLS_SETS: RuleSetOf<'skills-subsidy'>[] = [
  {
    id: 'skills-subsidy/national/2024-01-01', version: 1, kind: 'skills-subsidy', jurisdiction: 'national', effectiveFrom: '2024-01-01',
    title: '技能提升补贴（人社部发〔2024〕40号）', sources: ['W7'], assumed: [],
    params: { amounts: { junior: '1000.00', intermediate: '1500.00', senior: '2000.00' }, maxClaimsPerYear: 3 },
  },
];

export const RETURNEE_SETS: RuleSetOf<'returnee-package'>[] = [
  {
    id: `returnee-package/${KAIZHOU_CODE}/2021-01-01`, version: 1, kind: 'returnee-package', jurisdiction: KAIZHOU_CODE, effectiveFrom: '2021-01-01',
    title: '开州区返乡创业“三免两贴两推荐”', sources: [],
    assumed: ['effectiveFrom', 'params.eligibility', 'params.rentWaiverMonths', 'params.loanSubsidyMonths', 'params.unemploymentInsuranceScheme'],
    params: {
      eligibility: { requireLocalHukou: true, requireWorkedOutside: true, requireBusinessInDistrict: true },
      rentWaiverMonths: { min: 3, max: 6 },
      loanSubsidyMonths: 24,
      unemploymentInsuranceScheme: 'wage-refund',
      items: [
        { code: 'FREE_SKILLS_TRAINING', label: '免技能培训费用', kind: 'waiver' },
        { code: 'FREE_BUSINESS_REGISTRATION_FEES', label: '免企业开办手续费', kind: 'waiver' },
        { code: 'STATE_ASSET_RENT_WAIVER', label: '免国有资产租金3–6个月', kind: 'waiver' },
        { code: 'LOAN_INTEREST_SUBSIDY', label: '创业担保贷款贴息2年', kind: 'subsidy' },
        { code: 'UNEMPLOYMENT_INSURANCE_SUBSIDY', label: '失业保险补贴', kind: 'subsidy' },
        { code: 'RECOMMEND_INDUSTRY_PROJECT', label: '推荐产业项目', kind: 'recommendation' },
        { code: 'RECOMMEND_JOB', label: '推荐就业岗位', kind: 'recommendation' },
      ],
    },
  },
];

/** Loan parameters shared by the national and Chongqing defaults (rules.md §5). */
import type { LoanParams } from '../rule-set-schema';

export const ELIGIBLE_CATEGORIES: LoanParams['eligibleCategories'] = [
  { code: 'registered-unemployed', label: '城镇登记失业人员' },
  { code: 'employment-difficulty', label: '就业困难人员' },
  { code: 'veteran', label: '复员转业退役军人' },
  { code: 'released-prisoner', label: '刑满释放人员' },
  { code: 'graduate', label: '高校毕业生（含大学生村官、留学回国学生）' },
  { code: 'overcapacity-worker', label: '化解过剩产能企业职工和失业人员' },
  { code: 'returning-migrant-worker', label: '返乡创业农民工' },
  { code: 'online-merchant', label: '网络商户' },
  { code: 'poverty-alleviated', label: '脱贫人口' },
  { code: 'rural-entrepreneur', label: '农村自主创业农民' },
];

/** Everything except limits and the interest regime, which change by version. */
export const BASE_LOAN_PARAMS: Omit<LoanParams, 'limits' | 'interest' | 'guaranteeFeeSubsidy'> = {
  hiringThreshold: { minRatioPercent: '15', largeStaffAbove: 100, largeMinRatioPercent: '8' },
  maxTermMonths: { individual: 36, partnership: 36, enterprise: 24 },
  extension: { maxCount: 1, maxMonths: 12, subsidised: false },
  maxLoansTotal: 3,
  refuseIfPriorOverdue: true,
  counterGuaranteeExemptMax: '100000.00',
  eligibleCategories: ELIGIBLE_CATEGORIES,
  otherLoans: { exemptKinds: ['student', 'poverty-relief', 'housing', 'car'], consumerExemptBelow: '50000.00' },
  // Statutory ages before the 2025 gradual-retirement reform; ASSUMED, see assumed[].
  age: { min: 16, retirementAge: { male: 60, female: 55 } },
};

export const BASE_INTEREST = {
  overduePolicy: 'PERIOD',
  payee: 'BORROWER',
  dayCountBasis: 360,
  accrueOnRepaymentDay: false,
} as const satisfies Omit<LoanParams['interest'], 'regime'>;

export const BASE_ASSUMED = [
  'params.counterGuaranteeExemptMax',
  'params.interest.overduePolicy',
  'params.interest.payee',
  'params.interest.accrueOnRepaymentDay',
  'params.age.retirementAge',
  'params.hiringThreshold',
];

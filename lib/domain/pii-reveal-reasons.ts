/**
 * Why a reviewer needs to see a personal number in full. Every unmask names one of these and
 * says more in its own words; both go into the audit row, and the auditor reads them back.
 */
export const PII_REVEAL_REASONS = {
  identity_check: '核验申请人身份（与证件原件或公安核查结果比对）',
  contact_applicant: '电话联系申请人（补正、面谈、回访）',
  credit_check: '查询征信或银行内部系统',
  contract_signing: '签订借款或担保合同、办理放款',
  counter_guarantee: '核实反担保人或共同借款人',
  complaint: '处理投诉、信访或举报',
  other: '其他（在说明中写明）',
} as const;

export type PiiRevealReason = keyof typeof PII_REVEAL_REASONS;

export const PII_REVEAL_REASON_CODES = Object.keys(PII_REVEAL_REASONS) as [PiiRevealReason, ...PiiRevealReason[]];

/** The fields a reviewer may reveal, with how the audit trail names them. */
export const PII_REVEAL_FIELDS = {
  'applicant.idNumber': '申请人身份证号',
  'applicant.mobile': '申请人手机号',
  'applicant.spouseIdNumber': '配偶身份证号',
  'partners.idNumber': '合伙人身份证号',
} as const;

export type PiiRevealField = keyof typeof PII_REVEAL_FIELDS;

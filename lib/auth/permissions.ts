import type { Role } from '@/db/schema/users';
import type { AdminRequestKind } from '@/lib/domain/workflow/admin-request';

/**
 * Every permission in the system. A use-case names the one it needs; nothing compares
 * roles directly. Grow this list as capabilities land.
 */
export const PERMISSIONS = [
  'portal:access', // applicant portal
  'application:create',
  'application:read_own',
  'review:access', // reviewer console
  'review:hr', // HR eligibility review, benefit decisions, claim verification
  'review:guarantee', // guarantee review, counter-guarantee, compensation
  'review:bank', // credit review, contract, disbursement, repayments (own bank only)
  'finance:access',
  'finance:approve_batch',
  'finance:export',
  'finance:reconcile', // payment results back from the bank, re-issue of failed lines
  'admin:access',
  'admin:view_users', // the user and organisation lists the two administrators work from
  'admin:users', // system administrator: request and approve new staff accounts; disable / enable
  'admin:roles', // security administrator: request and approve role grants and changes
  'admin:credentials', // security administrator: request and approve staff password resets
  'admin:policy',
  'audit:access',
  'audit:read_log',
  'audit:anchor', // anchor the audit chain's head outside the database, on demand; download anchors
  'pii:unmask',
  'catalog:manage', // training courses, industry projects, jobs HR recommends
  'scorecard:view', // the district's annual scorecard (成绩单)
  'targets:manage', // annual targets of the scorecard
  'admin:api_tokens', // security administrator: request and approve issuing / revoking partner-bank API tokens
  'subsidy:import_insurance_data', // 稳岗返还: import social-insurance data, compute, notify, prepare the year's batch
  'subsidy:review_wage_refund_change', // 稳岗返还 待人社复核: accept or reject a confirmation that changes the size class or payee account
  'subsidy:file_hiring', // 一次性吸纳就业补贴: an enterprise contact files its hires
  'subsidy:decide_hiring', // HR approves or rejects hiring filings and prepares the year's batch
  'batch:report_payments', // a bank reports the transfers it made for its own bank's exported batch
  'identity:transfer_id_number', // HR, at the counter after an in-person check: move a squatted 身份证号 to its owner
] as const;

export type Permission = (typeof PERMISSIONS)[number];

/** The one role → permission table. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  applicant: ['portal:access', 'application:create', 'application:read_own', 'subsidy:file_hiring'],
  hr_reviewer: ['review:access', 'review:hr', 'pii:unmask', 'catalog:manage', 'subsidy:import_insurance_data', 'subsidy:review_wage_refund_change', 'subsidy:decide_hiring', 'scorecard:view', 'identity:transfer_id_number'],
  guarantee_reviewer: ['review:access', 'review:guarantee', 'pii:unmask'],
  bank_officer: ['review:access', 'review:bank', 'pii:unmask', 'batch:report_payments'],
  finance_officer: ['finance:access', 'finance:approve_batch', 'finance:export', 'finance:reconcile', 'subsidy:import_insurance_data', 'scorecard:view'],
  // Separation of duties: administrators approve no business item, and administration itself is
  // split (三权分立) — the system administrator manages accounts, organisations, catalogues and
  // policy proposals; the security administrator grants roles, resets passwords and holds bank tokens.
  admin: ['admin:access', 'admin:view_users', 'admin:users', 'admin:policy', 'catalog:manage', 'scorecard:view', 'targets:manage'],
  security_admin: ['admin:access', 'admin:view_users', 'admin:roles', 'admin:credentials', 'admin:api_tokens'],
  // The auditor reads masked data only: it sees who revealed what and why, never the numbers.
  auditor: ['audit:access', 'audit:read_log', 'audit:anchor', 'scorecard:view'],
};

/**
 * Which administrator makes and checks each kind of administration request: a second holder of
 * the same permission approves. So a system administrator cannot approve a security request and
 * the security administrator cannot approve a new account.
 */
export const ADMIN_REQUEST_PERMISSION: Record<AdminRequestKind, Permission> = {
  create_user: 'admin:users',
  change_role: 'admin:roles',
  reset_password: 'admin:credentials',
  reset_mfa: 'admin:credentials',
  issue_api_token: 'admin:api_tokens',
  revoke_api_token: 'admin:api_tokens',
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** The areas of the UI, each guarded by one permission. */
export const AREAS = {
  portal: { path: '/portal', permission: 'portal:access', label: '申请人服务' },
  review: { path: '/review', permission: 'review:access', label: '审核工作台' },
  finance: { path: '/finance', permission: 'finance:access', label: '财政拨付' },
  admin: { path: '/admin', permission: 'admin:access', label: '系统管理' },
  audit: { path: '/audit', permission: 'audit:access', label: '审计监督' },
  stats: { path: '/stats', permission: 'scorecard:view', label: '统计成绩单' },
} as const satisfies Record<string, { path: string; permission: Permission; label: string }>;

export type Area = keyof typeof AREAS;

/** Where a role lands after login. */
export function homeAreaOf(role: Role): Area {
  const area = (Object.keys(AREAS) as Area[]).find((a) => hasPermission(role, AREAS[a].permission));
  if (!area) throw new Error(`role ${role} has no area`);
  return area;
}

export const ROLE_LABELS: Record<Role, string> = {
  applicant: '申请人',
  hr_reviewer: '人社审核员',
  guarantee_reviewer: '担保机构审核员',
  bank_officer: '经办银行客户经理',
  finance_officer: '财政局经办人',
  admin: '系统管理员',
  security_admin: '安全管理员',
  auditor: '审计管理员',
};

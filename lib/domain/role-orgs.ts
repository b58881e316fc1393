import type { Role } from './roles';

/** What an organisation does; it decides which roles its staff may hold. The database enum is built from this list. */
export const ORG_KINDS = [
  'hr_bureau', // 人力资源和社会保障局 / 就业和人才中心
  'guarantee_fund', // 担保基金运营机构
  'bank', // 经办银行
  'finance_bureau', // 财政局
  'operator', // 系统运维
  'oversight', // 审计
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

/** Which kind of organisation each staff role belongs to (a bank officer works at a bank, …). */
export const ORG_KIND_OF_ROLE: Record<Exclude<Role, 'applicant'>, readonly string[]> = {
  hr_reviewer: ['hr_bureau'],
  guarantee_reviewer: ['guarantee_fund'],
  bank_officer: ['bank'],
  finance_officer: ['finance_bureau'],
  admin: ['operator'],
  security_admin: ['operator'],
  auditor: ['oversight'],
};

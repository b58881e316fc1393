import type { Role } from './roles';

/** Which kind of organisation each staff role belongs to (a bank officer works at a bank, …). */
export const ORG_KIND_OF_ROLE: Record<Exclude<Role, 'applicant'>, readonly string[]> = {
  hr_reviewer: ['hr_bureau'],
  guarantee_reviewer: ['guarantee_fund'],
  bank_officer: ['bank'],
  finance_officer: ['finance_bureau'],
  admin: ['operator'],
  auditor: ['oversight'],
};

/**
 * The roles of product.md. The database enum and the permission table are built from this list.
 * Administration is split three ways (三权分立): `admin` is the system administrator (users,
 * organisations, catalogues, policy proposals), `security_admin` the security administrator (role
 * grants, password resets, bank API tokens) and `auditor` the audit administrator.
 */
export const ROLES = [
  'applicant',
  'hr_reviewer',
  'guarantee_reviewer',
  'bank_officer',
  'finance_officer',
  'admin',
  'security_admin',
  'auditor',
] as const;

export type Role = (typeof ROLES)[number];

/**
 * Staff roles (everyone but applicants) prove a second factor (TOTP) at every login and
 * keep their passwords under a maximum age; applicants prove their mobile by SMS instead.
 */
export const isStaffRole = (role: Role): boolean => role !== 'applicant';

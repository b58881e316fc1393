/** The roles of product.md. The database enum and the permission table are built from this list. */
export const ROLES = [
  'applicant',
  'hr_reviewer',
  'guarantee_reviewer',
  'bank_officer',
  'finance_officer',
  'admin',
  'auditor',
] as const;

export type Role = (typeof ROLES)[number];

import type { Role } from '@/lib/domain/roles';
import type { ApplicationState } from '@/lib/domain/workflow/application-states';

/** The states whose applications wait in a role's to-do queue. */
export const QUEUE_STATES: Partial<Record<Role, readonly ApplicationState[]>> = {
  hr_reviewer: ['pending_hr'],
  guarantee_reviewer: ['pending_guarantee', 'defaulted'],
  bank_officer: ['pending_bank', 'approved', 'contracted'],
};

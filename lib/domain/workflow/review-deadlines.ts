import type { ApplicationState } from './application-states';

/**
 * Working days each stage has before it is overdue (ASSUMED: Chongqing promises the whole
 * process in ≤ 4 working days in 2024-25; these per-stage figures are a parameter).
 */
export const DEFAULT_STAGE_DEADLINE_WORKING_DAYS: Partial<Record<ApplicationState, number>> = {
  pending_hr: 5,
  pending_guarantee: 3,
  pending_bank: 5,
  approved: 5,
  contracted: 3,
};

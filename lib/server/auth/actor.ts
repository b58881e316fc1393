import type { Role } from '@/db/schema/users';

/** Who is acting: resolved from the server-side session on every request, never from the client. */
export interface Actor {
  userId: string;
  role: Role;
  orgId: number | null;
  realName: string;
  sessionId: string;
  /** Set for accounts created with a temporary password: nothing but the password change is allowed. */
  mustChangePassword?: boolean;
  /** The password is past STAFF_PASSWORD_MAX_DAYS (then mustChangePassword is set too). */
  passwordExpired?: boolean;
  /** Staff without an enrolled second factor: nothing but the TOTP enrolment is allowed. */
  mustEnrolMfa?: boolean;
}

export const auditActor = (a: Actor) => ({ id: a.userId, role: a.role });

/**
 * The scheduled worker acting on its own (no person, no session): it may take only the
 * transitions the table gives `actsAs` (e.g. the bank's `mark_overdue`), and its rows record no
 * user (audit actor null, event actor role 'system').
 */
export interface SystemActor {
  system: true;
  actsAs: Role;
}

export const systemActor = (actsAs: Role): SystemActor => ({ system: true, actsAs });
export const isSystemActor = (a: Actor | SystemActor): a is SystemActor => 'system' in a;

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

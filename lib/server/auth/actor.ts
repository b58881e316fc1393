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
}

export const auditActor = (a: Actor) => ({ id: a.userId, role: a.role });

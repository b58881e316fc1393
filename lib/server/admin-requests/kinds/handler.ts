import type { Tx } from '@/db/client';
import type { AdminRequest } from '@/db/schema';
import type { AuditEntry } from '@/lib/server/audit/write-audit-log';
import type { Actor } from '@/lib/server/auth/actor';

/** What a request stores when it is made: the subject, the account it is about, and the change with its "before". */
export interface PreparedRequest {
  subject: string;
  targetUserId: string | null;
  payload: Record<string, unknown>;
  summary: string;
}

/** What applying an approved request did: its audit row, the account it concerned, and anything shown once to the approver. */
export interface AppliedRequest {
  audit: Pick<AuditEntry, 'event' | 'objectType' | 'objectId' | 'detail'>;
  targetUserId?: string;
  /** Shown once to the approving administrator (a bank API token). Never a user's password. */
  shownOnce?: { token: string };
}

/**
 * One kind of administration request: `prepare` checks and describes it when the maker asks;
 * `apply` re-checks against the current state and makes the change when the checker approves,
 * inside the decision's transaction.
 */
export interface AdminRequestHandler<I> {
  prepare(tx: Tx, actor: Actor, input: I): Promise<PreparedRequest>;
  apply(tx: Tx, request: AdminRequest, at: Date): Promise<AppliedRequest>;
}

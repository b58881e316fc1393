import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ADMIN_REQUEST_KINDS, ADMIN_REQUEST_STATES } from '@/lib/domain/workflow/admin-request';
import { users } from './users';

/**
 * Administration under maker-checker: a request to create a staff account, grant or change a
 * role, reset a staff password, or issue / revoke a bank API token. It changes nothing until a
 * second administrator of the same kind approves it; the approval applies the change in the
 * same transaction.
 */
export const adminRequests = pgTable(
  'admin_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ADMIN_REQUEST_KINDS }).notNull(),
    status: text('status', { enum: ADMIN_REQUEST_STATES }).notNull(),
    /** What the request is about (`user:<id>`, `username:<name>`, `bank:<code>`, `token:<id>`): one open request per subject. */
    subject: text('subject').notNull(),
    /** The account the request is about — nobody decides a request about their own account. Set on approval for a new account. */
    targetUserId: uuid('target_user_id').references(() => users.id),
    /** The change, with the values before it where there are any (shown to the checker). Never a secret. */
    payload: jsonb('payload').notNull(),
    summary: text('summary').notNull(),
    reason: text('reason').notNull(),
    proposedBy: uuid('proposed_by').notNull().references(() => users.id),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionNote: text('decision_note'),
  },
  (t) => [
    index('admin_requests_status_idx').on(t.status, t.kind),
    uniqueIndex('admin_requests_open_subject_key').on(t.subject).where(sql`${t.status} = 'proposed'`),
  ],
);

export type AdminRequest = typeof adminRequests.$inferSelect;

import { bigint, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * Policy administration under maker-checker: one administrator proposes a new LPR row or
 * a new rule-set version with its effective date; another approves it. Only approved
 * changes reach the rules engine; results already approved keep the version they used.
 */
export const policyChanges = pgTable(
  'policy_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['lpr_rate', 'rule_set'] }).notNull(),
    /** An LPR row {effectiveFrom, ratePercent}, or a whole rule set (validated by the engine's schema). */
    payload: jsonb('payload').notNull(),
    summary: text('summary').notNull(),
    effectiveFrom: text('effective_from').notNull(),
    status: text('status', { enum: ['proposed', 'approved', 'rejected'] }).notNull(),
    proposedBy: uuid('proposed_by').notNull().references(() => users.id),
    proposedAt: timestamp('proposed_at', { withTimezone: true }).notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    reason: text('reason'),
  },
  (t) => [index('policy_changes_status_idx').on(t.status, t.kind)],
);

/** Annual targets of the district's scorecard (成绩单), by metric. */
export const annualTargets = pgTable(
  'annual_targets',
  {
    year: integer('year').notNull(),
    metric: text('metric').notNull(),
    /** Fen for money metrics, a count otherwise. */
    target: bigint('target', { mode: 'bigint' }).notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.metric] })],
);

export type PolicyChange = typeof policyChanges.$inferSelect;

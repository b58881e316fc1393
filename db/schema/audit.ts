import { sql } from 'drizzle-orm';
import { bigserial, boolean, check, index, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained audit log. A trigger (migration 0001) refuses UPDATE,
 * DELETE and TRUNCATE, and the app's database role may only INSERT and SELECT; each row's
 * hash covers the previous row's hash and its own content.
 * `hash_version` 1: SHA-256, the rows written before the chain was keyed (kept as they were);
 * 2: HMAC-SHA-256 under AUDIT_KEY (not in the database) over the chain's id as well.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    event: text('event').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    result: text('result', { enum: ['success', 'failure'] }).notNull(),
    detail: jsonb('detail').notNull().default({}),
    ip: text('ip'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    hashVersion: smallint('hash_version').notNull().default(2),
  },
  (t) => [index('audit_log_event_idx').on(t.event), index('audit_log_actor_idx').on(t.actorId)],
);

export type AuditRow = typeof auditLog.$inferSelect;

/**
 * The chain's identity: one row, made by the migration, read-only to the app. Every keyed
 * hash covers it, so it cannot be swapped to orphan the chain from its anchors (which are
 * filed under it).
 */
export const auditChain = pgTable(
  'audit_chain',
  {
    singleton: boolean('singleton').primaryKey().default(true),
    id: uuid('id').notNull().defaultRandom(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('audit_chain_one_row', sql`${t.singleton}`)],
);

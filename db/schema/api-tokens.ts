import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations } from './organisations';
import { users } from './users';

/**
 * Partner-bank API tokens. Only the SHA-256 of a token is stored; the token is shown once
 * when issued. Each token acts as its bank's API service account (a bank_officer user of
 * that bank), so the API goes through exactly the same use-cases and scoping as the UI.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bankOrgId: integer('bank_org_id').notNull().references(() => organisations.id),
    serviceUserId: uuid('service_user_id').notNull().references(() => users.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The first characters, to recognise a token in lists and logs. */
    prefix: text('prefix').notNull(),
    createdBy: uuid('created_by').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** After this the token is refused (401); set at issue to API_TOKEN_TTL_DAYS ahead. */
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** When not empty, only client addresses inside one of these CIDR blocks (IPv4 or IPv6) may use the token (else 403). */
    allowedCidrs: text('allowed_cidrs').array().notNull().default([]),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    /** The client address of the last accepted call. */
    lastUsedIp: text('last_used_ip'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
  },
  (t) => [uniqueIndex('api_tokens_hash_key').on(t.tokenHash), index('api_tokens_bank_idx').on(t.bankOrgId)],
);

export type ApiToken = typeof apiTokens.$inferSelect;

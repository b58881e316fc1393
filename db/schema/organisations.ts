import { pgEnum, pgTable, serial, text, timestamp, integer } from 'drizzle-orm/pg-core';
import { ORG_KINDS } from '@/lib/domain/role-orgs';

/** What an organisation does decides which roles its staff may hold. */
export const orgKind = pgEnum('org_kind', ORG_KINDS);

export const organisations = pgTable('organisations', {
  id: serial('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  kind: orgKind('kind').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** 镇街: the towns, townships and sub-districts of the district, as reference data. */
export const towns = pgTable('towns', {
  code: text('code').primaryKey(),
  name: text('name').notNull().unique(),
  kind: text('kind', { enum: ['street', 'town', 'township'] }).notNull(),
  sortOrder: integer('sort_order').notNull(),
});

export type Organisation = typeof organisations.$inferSelect;
export type Town = typeof towns.$inferSelect;

import { boolean, index, jsonb, pgTable, serial, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { applications } from './applications';
import { users } from './users';

/** Catalogues HR maintains: training courses, industry projects and jobs it can recommend. */
export const catalogItems = pgTable(
  'catalog_items',
  {
    id: serial('id').primaryKey(),
    kind: text('kind', { enum: ['training_course', 'industry_project', 'job'] }).notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    active: boolean('active').notNull().default(true),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('catalog_items_kind_name_key').on(t.kind, t.name)],
);

/**
 * HR's decision on each 三免两贴两推荐 item an applicant asked for (item by item): granted
 * or not, with its details (months of rent waived, the course, the recommended projects/jobs).
 */
export const benefitDecisions = pgTable(
  'benefit_decisions',
  {
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    item: text('item').notNull(),
    granted: boolean('granted').notNull(),
    detail: jsonb('detail').$type<{ rentMonths?: number; waivedAmount?: string; catalogItemIds?: number[]; note?: string }>().notNull(),
    decidedBy: uuid('decided_by').notNull().references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('benefit_decisions_key').on(t.applicationId, t.item), index('benefit_decisions_app_idx').on(t.applicationId)],
);

export type CatalogItem = typeof catalogItems.$inferSelect;
export type BenefitDecision = typeof benefitDecisions.$inferSelect;

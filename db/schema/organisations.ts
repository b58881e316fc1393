import { pgEnum, pgTable, serial, text, timestamp, integer } from 'drizzle-orm/pg-core';

/** What an organisation does decides which roles its staff may hold. */
export const orgKind = pgEnum('org_kind', [
  'hr_bureau', // 人力资源和社会保障局 / 就业和人才中心
  'guarantee_fund', // 担保基金运营机构
  'bank', // 经办银行
  'finance_bureau', // 财政局
  'operator', // 系统运维
  'oversight', // 审计
]);

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

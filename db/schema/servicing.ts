import { sql } from 'drizzle-orm';
import { bigint, bigserial, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { applications } from './applications';
import { organisations } from './organisations';
import { users } from './users';

/** An uploaded data file (repayments, social-insurance data, bank payment results). A file is applied whole or not at all. */
export const dataImports = pgTable(
  'data_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['repayments', 'social_insurance', 'payment_results'] }).notNull(),
    orgId: integer('org_id').references(() => organisations.id),
    uploadedBy: uuid('uploaded_by').notNull().references(() => users.id),
    fileName: text('file_name').notNull(),
    /** The same file imported twice is recognised and refused. */
    sha256: text('sha256').notNull(),
    rowCount: integer('row_count').notNull(),
    status: text('status', { enum: ['applied', 'rejected'] }).notNull(),
    /** Every error, by row and column, when rejected. */
    errors: jsonb('errors').$type<{ row: number; column: string; message: string }[]>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('data_imports_applied_key').on(t.kind, t.orgId, t.sha256).where(sql`${t.status} = 'applied'`)],
);

/** A repayment on a loan, entered by the bank officer, imported from a file, or sent through the bank API. */
export const repayments = pgTable(
  'repayments',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    repaidOn: date('repaid_on', { mode: 'string' }).notNull(),
    principalFen: bigint('principal_fen', { mode: 'bigint' }).notNull(),
    interestFen: bigint('interest_fen', { mode: 'bigint' }).notNull(),
    /** The bank's own transaction reference: the same repayment is never recorded twice. */
    bankRef: text('bank_ref').notNull(),
    source: text('source', { enum: ['manual', 'import', 'api'] }).notNull(),
    importId: uuid('import_id').references(() => dataImports.id),
    recordedBy: uuid('recorded_by').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('repayments_bank_ref_key').on(t.applicationId, t.bankRef), index('repayments_app_idx').on(t.applicationId, t.repaidOn)],
);

/**
 * Servicing facts with their effective dates (the application's state says where the loan
 * is now; these say since when): overdue and cured, extension, settlement, default, compensation.
 */
export const loanEvents = pgTable(
  'loan_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    kind: text('kind', { enum: ['overdue', 'cured', 'extended', 'settled', 'defaulted', 'compensated'] }).notNull(),
    effectiveDate: date('effective_date', { mode: 'string' }).notNull(),
    /** Extension: the new maturity date. */
    newMaturityDate: date('new_maturity_date', { mode: 'string' }),
    /** Compensation (代偿) amount paid by the guarantee fund. */
    amountFen: bigint('amount_fen', { mode: 'bigint' }),
    note: text('note'),
    /** Null: the scheduled worker's overdue check (no person). */
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('loan_events_app_idx').on(t.applicationId, t.effectiveDate)],
);

export type Repayment = typeof repayments.$inferSelect;
export type LoanEvent = typeof loanEvents.$inferSelect;
export type DataImport = typeof dataImports.$inferSelect;

import { sql } from 'drizzle-orm';
import { type AnyPgColumn, bigint, bigserial, check, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { applications } from './applications';
import { organisations } from './organisations';
import { users } from './users';

/**
 * A batch of subsidy payments: a bank's quarterly 贴息 claim, a year's 稳岗返还 list, or
 * hiring subsidies. prepared → verified (HR) → approved (finance) → exported (frozen) →
 * reconciled. Whoever prepared it can never approve or export it.
 */
export const subsidyBatches = pgTable(
  'subsidy_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    kind: text('kind', { enum: ['interest', 'wage_refund', 'hiring'] }).notNull(),
    /** '2026Q3' for interest claims, '2025' for yearly schemes. */
    period: text('period').notNull(),
    bankOrgId: integer('bank_org_id').references(() => organisations.id),
    /** 0 for the first batch of a period; re-issues of failed lines count up. */
    round: integer('round').notNull().default(0),
    status: text('status', { enum: ['building', 'prepared', 'verified', 'approved', 'exported', 'reconciled', 'failed'] }).notNull(),
    lineCount: integer('line_count').notNull().default(0),
    totalFen: bigint('total_fen', { mode: 'bigint' }).notNull().default(sql`0`),
    preparedBy: uuid('prepared_by').references(() => users.id),
    verifiedBy: uuid('verified_by').references(() => users.id),
    approvedBy: uuid('approved_by').references(() => users.id),
    exportedBy: uuid('exported_by').references(() => users.id),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    /** Frozen export: the files are stored and re-served byte for byte; their hashes are recorded. */
    exportedAt: timestamp('exported_at', { withTimezone: true }),
    exportXlsxKey: text('export_xlsx_key'),
    exportXlsxSha256: text('export_xlsx_sha256'),
    exportCsvKey: text('export_csv_key'),
    exportCsvSha256: text('export_csv_sha256'),
    /** Job progress while the batch is built. */
    progressDone: integer('progress_done').notNull().default(0),
    progressTotal: integer('progress_total').notNull().default(0),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('subsidy_batches_number_key').on(t.number),
    // One claim per kind, period, bank and round: running the job twice cannot create two.
    uniqueIndex('subsidy_batches_period_key').on(t.kind, t.period, sql`coalesce(${t.bankOrgId}, 0)`, t.round),
  ],
);

/**
 * One payee line. `subjectKey` names what is paid (loan + period, enterprise + year, hire):
 * the partial unique index lets a subject be pending or paid in one line only, so nothing
 * is ever paid twice — enforced by the database.
 */
export const subsidyLines = pgTable(
  'subsidy_lines',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    batchId: uuid('batch_id').notNull().references(() => subsidyBatches.id),
    seq: integer('seq').notNull(),
    subjectKey: text('subject_key').notNull(),
    applicationId: uuid('application_id').references(() => applications.id),
    payeeName: text('payee_name').notNull(),
    payeeIdMasked: text('payee_id_masked'),
    payeeIdEnc: text('payee_id_enc'),
    payeeAccountMasked: text('payee_account_masked'),
    payeeAccountEnc: text('payee_account_enc'),
    payeeBankName: text('payee_bank_name'),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    /**
     * 'payment': a period's subsidy claimed in its own quarter; 'supplement' (补报): a period
     * found missing after its quarter's batch; 'correction' (追回/冲抵 or 补差): the difference
     * between what a paid line paid (`beforeFen`) and what the engine gives today (`afterFen`),
     * linked to the line it corrects. Only a correction may be negative.
     */
    lineKind: text('line_kind', { enum: ['payment', 'supplement', 'correction'] }).notNull().default('payment'),
    correctsLineId: bigint('corrects_line_id', { mode: 'number' }).references((): AnyPgColumn => subsidyLines.id),
    beforeFen: bigint('before_fen', { mode: 'bigint' }),
    afterFen: bigint('after_fen', { mode: 'bigint' }),
    /** The interest period an interest line pays (null for yearly schemes): no two active lines of a loan overlap. */
    periodStart: date('period_start', { mode: 'string' }),
    periodEnd: date('period_end', { mode: 'string' }),
    /** Every column of the disbursement list and the engine's trace for this amount. */
    detail: jsonb('detail').notNull(),
    status: text('status', { enum: ['pending', 'paid', 'failed', 'excluded'] }).notNull().default('pending'),
    bankTxnRef: text('bank_txn_ref'),
    failureReason: text('failure_reason'),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('subsidy_lines_batch_seq_key').on(t.batchId, t.seq),
    uniqueIndex('subsidy_lines_subject_active_key').on(t.subjectKey).where(sql`${t.status} in ('pending', 'paid')`),
    index('subsidy_lines_app_idx').on(t.applicationId),
    // One active correction per corrected line: a later change corrects the correction (a chain).
    uniqueIndex('subsidy_lines_corrects_active_key').on(t.correctsLineId).where(sql`${t.status} in ('pending', 'paid') and ${t.correctsLineId} is not null`),
    check('subsidy_lines_amount_nonnegative', sql`${t.lineKind} = 'correction' or ${t.amountFen} >= 0`),
    check(
      'subsidy_lines_correction_consistent',
      sql`(${t.lineKind} = 'correction') = (${t.correctsLineId} is not null) and (${t.lineKind} <> 'correction' or (${t.beforeFen} >= 0 and ${t.afterFen} >= 0 and ${t.amountFen} <> 0 and ${t.amountFen} = ${t.afterFen} - ${t.beforeFen}))`,
    ),
    check('subsidy_lines_period_order', sql`(${t.periodStart} is null) = (${t.periodEnd} is null) and (${t.periodStart} is null or ${t.periodStart} <= ${t.periodEnd})`),
    // (The exclusion constraint on overlapping periods and the batch triggers: migration 0020.)
  ],
);

export type SubsidyBatch = typeof subsidyBatches.$inferSelect;
export type SubsidyLine = typeof subsidyLines.$inferSelect;

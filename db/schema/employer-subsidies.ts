import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { WAGE_REFUND_STATUSES } from '@/lib/domain/workflow/wage-refund-workflow';
import { dataImports } from './servicing';
import { users } from './users';

/**
 * 稳岗返还 免申即享: one row per enterprise and policy year, built from the imported
 * social-insurance data and computed by the rules engine; the enterprise confirms its
 * size class and account (through a one-time code sent to its contact mobile); then it
 * goes into a batch.
 */
export const wageRefundRecords = pgTable(
  'wage_refund_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    policyYear: integer('policy_year').notNull(),
    uscc: text('uscc').notNull(),
    enterpriseName: text('enterprise_name').notNull(),
    /** As imported; the enterprise may correct it when confirming. */
    sizeClass: text('size_class', { enum: ['large', 'sme'] }).notNull(),
    avgInsured: integer('avg_insured').notNull(),
    layoffs: integer('layoffs').notNull(),
    premiumsPaidFen: bigint('premiums_paid_fen', { mode: 'bigint' }).notNull(),
    monthsInsured: integer('months_insured').notNull(),
    seriousDishonesty: boolean('serious_dishonesty').notNull().default(false),
    deregistered: boolean('deregistered').notNull().default(false),
    abnormalOperation: boolean('abnormal_operation').notNull().default(false),
    arrears: boolean('arrears').notNull().default(false),
    contactMobile: text('contact_mobile'),
    accountName: text('account_name'),
    accountNoEnc: text('account_no_enc'),
    accountNoMasked: text('account_no_masked'),
    accountBank: text('account_bank'),
    /** The engine's answer (eligible, ratio, amount, reasons, trace) for the confirmed facts. */
    eligible: boolean('eligible').notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
    result: jsonb('result').notNull(),
    status: text('status', { enum: WAGE_REFUND_STATUSES }).notNull(),
    /** Compare-and-set token: every state change bumps it; a review decision names the version it saw. */
    version: integer('version').notNull().default(0),
    /**
     * 待人社复核: what the enterprise's confirmation would change (size class → amount, payee
     * account), kept beside the current values until a second HR reviewer accepts or rejects it.
     */
    pendingChange: jsonb('pending_change'),
    changeReviewedBy: uuid('change_reviewed_by').references(() => users.id),
    changeReviewedAt: timestamp('change_reviewed_at', { withTimezone: true }),
    changeReviewReason: text('change_review_reason'),
    /** HMAC of the one-time confirmation code, with its expiry and attempts (rate limit). */
    confirmCodeHash: text('confirm_code_hash'),
    confirmCodeExpiresAt: timestamp('confirm_code_expires_at', { withTimezone: true }),
    confirmAttempts: integer('confirm_attempts').notNull().default(0),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    importId: uuid('import_id').references(() => dataImports.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('wage_refund_year_uscc_key').on(t.policyYear, t.uscc), index('wage_refund_status_idx').on(t.policyYear, t.status)],
);

/** 一次性吸纳就业补贴: an enterprise files its qualifying hires; HR approves; the engine computes. */
export const hiringFilings = pgTable(
  'hiring_filings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    policyYear: integer('policy_year').notNull(),
    scheme: text('scheme', { enum: ['absorb', 'expand'] }).notNull(),
    uscc: text('uscc').notNull(),
    enterpriseName: text('enterprise_name').notNull(),
    filedBy: uuid('filed_by').notNull().references(() => users.id),
    accountName: text('account_name').notNull(),
    accountNoEnc: text('account_no_enc').notNull(),
    accountNoMasked: text('account_no_masked').notNull(),
    accountBank: text('account_bank').notNull(),
    status: text('status', { enum: ['submitted', 'approved', 'rejected', 'batched'] }).notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decisionReason: text('decision_reason'),
    amountFen: bigint('amount_fen', { mode: 'bigint' }),
    result: jsonb('result'),
    version: integer('version').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('hiring_filings_number_key').on(t.number), index('hiring_filings_status_idx').on(t.status)],
);

/** One hired person of a filing. The person is identified by a blind index, so a person is never subsidised twice. */
export const hiringFilingHires = pgTable(
  'hiring_filing_hires',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    filingId: uuid('filing_id').notNull().references(() => hiringFilings.id),
    name: text('name').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    category: text('category', { enum: ['graduate', 'youth-unemployed', 'long-term-unemployed', 'hardship'] }).notNull(),
    contractMonths: integer('contract_months').notNull(),
    insuredMonths: integer('insured_months').notNull(),
    amountFen: bigint('amount_fen', { mode: 'bigint' }),
  },
  (t) => [uniqueIndex('hiring_hires_person_key').on(t.filingId, t.idNumberHash)],
);

/**
 * The enterprise register a 一次性吸纳就业补贴 filing is checked against: its registered name and
 * its legal representative (法定代表人), known by the 身份证号's blind index (the same kind as
 * users'), so a filer whose own 身份证号 matches is the enterprise's registered contact.
 */
export const enterprises = pgTable('enterprises', {
  uscc: text('uscc').primaryKey(),
  name: text('name').notNull(),
  legalRepName: text('legal_rep_name'),
  legalRepIdHash: text('legal_rep_id_hash'),
  legalRepIdMasked: text('legal_rep_id_masked'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

/** A contact HR has confirmed for an enterprise (e.g. with a 授权委托书 checked at the counter). */
export const enterpriseContacts = pgTable(
  'enterprise_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    uscc: text('uscc').notNull(),
    userId: uuid('user_id').notNull().references(() => users.id),
    confirmedBy: uuid('confirmed_by').notNull().references(() => users.id),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('enterprise_contacts_key').on(t.uscc, t.userId)],
);

export type Enterprise = typeof enterprises.$inferSelect;
export type WageRefundRecord = typeof wageRefundRecords.$inferSelect;
export type HiringFiling = typeof hiringFilings.$inferSelect;
export type HiringFilingHire = typeof hiringFilingHires.$inferSelect;

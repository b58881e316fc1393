import { sql } from 'drizzle-orm';
import { bigint, boolean, date, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { applications } from './applications';
import { organisations } from './organisations';
import { users } from './users';

/**
 * The loan an approved application becomes: contract terms recorded by the bank (the
 * rules engine checks the rate against the cap in force on the contract date), then
 * the disbursement. Its life-cycle state is the application's state.
 */
export const loans = pgTable(
  'loans',
  {
    applicationId: uuid('application_id').primaryKey().references(() => applications.id),
    bankOrgId: integer('bank_org_id').notNull().references(() => organisations.id),
    contractNo: text('contract_no').notNull(),
    /** Contract annual rate in 0.0001 % units (4.65 % → 46500). */
    annualRateUnits: bigint('annual_rate_units', { mode: 'bigint' }).notNull(),
    principalFen: bigint('principal_fen', { mode: 'bigint' }).notNull(),
    termMonths: integer('term_months').notNull(),
    contractDate: date('contract_date', { mode: 'string' }).notNull(),
    maturityDate: date('maturity_date', { mode: 'string' }).notNull(),
    /** The engine's check at contract time: regime, LPR, cap, rule-set version. */
    rateCheck: jsonb('rate_check').notNull(),
    disbursedDate: date('disbursed_date', { mode: 'string' }),
    disbursedFen: bigint('disbursed_fen', { mode: 'bigint' }),
    /** 借据号. */
    drawdownNo: text('drawdown_no'),
    /**
     * The borrower's account the loan was paid into (放款账户), recorded by the bank at
     * disbursement: 贴息 paid to the borrower goes there. Encrypted; masked copy for lists.
     */
    payoutAccountEnc: text('payout_account_enc'),
    payoutAccountMasked: text('payout_account_masked'),
    recordedBy: uuid('recorded_by').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('loans_contract_no_key').on(t.bankOrgId, t.contractNo),
    // Repayment files and the bank API find a loan by its 借据号: it must name one loan per bank.
    uniqueIndex('loans_drawdown_no_key').on(t.bankOrgId, t.drawdownNo).where(sql`${t.drawdownNo} is not null`),
  ],
);

/** Public holidays and adjusted working days (调休); every other weekday is a working day. */
export const calendarDays = pgTable('calendar_days', {
  date: date('date', { mode: 'string' }).primaryKey(),
  isWorkingDay: boolean('is_working_day').notNull(),
  note: text('note').notNull(),
});

export type Loan = typeof loans.$inferSelect;

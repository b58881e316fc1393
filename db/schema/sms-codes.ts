import { index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const SMS_CODE_PURPOSES = ['register', 'reset_password'] as const;
export type SmsCodePurpose = (typeof SMS_CODE_PURPOSES)[number];

/**
 * One-time codes sent by SMS to prove a mobile (registration) or to reset an applicant's
 * password. Neither the code nor the mobile is stored: the mobile by its blind index, the code
 * as an HMAC (PII_INDEX_KEY) bound to the row. A code is valid for SMS_CODE_TTL_MINUTES and
 * SMS_CODE_MAX_ATTEMPTS wrong entries; a newer code for the same mobile and purpose voids it.
 */
export const smsCodes = pgTable(
  'sms_codes',
  {
    id: uuid('id').primaryKey(),
    purpose: text('purpose', { enum: SMS_CODE_PURPOSES }).notNull(),
    mobileHash: text('mobile_hash').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Redeemed, or voided by a newer code. */
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sms_codes_mobile_idx').on(t.mobileHash, t.purpose)],
);

export type SmsCode = typeof smsCodes.$inferSelect;

import { sql } from 'drizzle-orm';
import {
  boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import { ROLES } from '@/lib/domain/roles';
import { organisations } from './organisations';

export const userRole = pgEnum('user_role', ROLES);

export const userStatus = pgEnum('user_status', ['active', 'disabled']);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** NFKC-normalised, lower-case: two names differing only in case or width collide. */
    username: text('username').notNull(),
    /**
     * Plaintext mobile from before mobiles were encrypted: only ever read and emptied by the
     * migration step that seals it (db/migrate-data.ts). Nothing writes it.
     */
    legacyMobile: text('mobile'),
    /** AES-256-GCM ciphertext of the mobile (PII_KEY). */
    mobileEnc: text('mobile_enc'),
    /** Blind index of the mobile (HMAC, PII_INDEX_KEY): uniqueness and login by mobile. */
    mobileHash: text('mobile_hash'),
    /** 138****0001: what lists show. */
    mobileMasked: text('mobile_masked'),
    realName: text('real_name').notNull(),
    role: userRole('role').notNull(),
    orgId: integer('org_id').references(() => organisations.id),
    status: userStatus('status').notNull().default('active'),
    passwordHash: text('password_hash').notNull(),
    /** HMAC of the 身份证号: uniqueness and look-up without storing it in clear. */
    idNumberHash: text('id_number_hash'),
    /** AES-256-GCM ciphertext of the 身份证号, for the few roles that may unmask it. */
    idNumberEnc: text('id_number_enc'),
    idNumberMasked: text('id_number_masked'),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /** When the password was last set: staff passwords expire after STAFF_PASSWORD_MAX_DAYS. */
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    /** The TOTP secret (AES-256-GCM, like the 身份证号); null until the second factor is enrolled. */
    totpSecretEnc: text('totp_secret_enc'),
    /** A secret shown on the enrolment page and not yet confirmed with a code. */
    totpPendingEnc: text('totp_pending_enc'),
    /** The last TOTP time step accepted: a code of that step or earlier is never accepted again (no replay). */
    totpLastStep: integer('totp_last_step'),
    totpEnrolledAt: timestamp('totp_enrolled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('users_username_key').on(t.username),
    uniqueIndex('users_mobile_hash_key').on(t.mobileHash).where(sql`${t.mobileHash} is not null`),
    uniqueIndex('users_id_number_hash_key').on(t.idNumberHash).where(sql`${t.idNumberHash} is not null`),
  ],
);

/**
 * Server-side sessions. The next-auth JWT only carries the session id; every request
 * re-reads this row and the user, so logout, disable and role change take effect at once.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ip: text('ip'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Ten single-use recovery codes per enrolled user; only their SHA-256 is stored. */
export const mfaRecoveryCodes = pgTable(
  'mfa_recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id),
    codeHash: text('code_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('mfa_recovery_codes_hash_key').on(t.userId, t.codeHash)],
);

export type User = typeof users.$inferSelect;
export type { Role } from '@/lib/domain/roles';
export type Session = typeof sessions.$inferSelect;

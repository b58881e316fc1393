import { sql } from 'drizzle-orm';
import {
  bigint, bigserial, boolean, index, integer, jsonb, pgSequence, pgTable, text, timestamp, uniqueIndex, uuid,
} from 'drizzle-orm/pg-core';
import type { ApplicationState, ReviewStage } from '@/lib/domain/workflow/application-states';
import type { ApplicationAction } from '@/lib/domain/workflow/application-workflow';
import { organisations } from './organisations';
import { users } from './users';

export const applicationNumberSeq = pgSequence('application_number_seq', { startWith: 1 });

/**
 * One application (and, after approval, its loan). The full form is stored encrypted
 * (`formEnc`); the columns beside it are the few facts lists, search, routing and the
 * scorecard need, with personal data masked or hashed.
 */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Assigned at submission, e.g. KZ2026000123. */
    number: text('number'),
    applicantId: uuid('applicant_id').notNull().references(() => users.id),
    loanType: text('loan_type', { enum: ['individual', 'partnership', 'enterprise'] }).notNull(),
    state: text('state').$type<ApplicationState>().notNull().default('draft'),
    /** The review stage that returned it for supplement; resubmission goes back there. */
    returnedFrom: text('returned_from').$type<ReviewStage>(),
    /** Items the applicant must fix (一次性告知), while returned. */
    returnItems: jsonb('return_items').$type<ReturnItem[]>(),
    /** The partner bank the application is routed to. */
    bankOrgId: integer('bank_org_id').references(() => organisations.id),
    formEnc: text('form_enc').notNull(),
    /** The form exactly as last submitted: a resubmission may change only the returned items. */
    submittedFormEnc: text('submitted_form_enc'),
    /** Last completed wizard step, to resume a draft where the applicant left it. */
    draftStep: integer('draft_step').notNull().default(0),
    applicantName: text('applicant_name').notNull(),
    idNumberMasked: text('id_number_masked'),
    idNumberHash: text('id_number_hash'),
    businessName: text('business_name'),
    townCode: text('town_code'),
    category: text('category'),
    requestedAmountFen: bigint('requested_amount_fen', { mode: 'bigint' }),
    termMonths: integer('term_months'),
    jobsCreated: integer('jobs_created'),
    isReturnee: boolean('is_returnee').notNull().default(false),
    /** The rules engine's answer at submission (limit, eligibility, reasons, trace). */
    engineResult: jsonb('engine_result'),
    /** The form facts the loan limit depends on (partners, staff, hires, category, prior loans). */
    limitFacts: jsonb('limit_facts').$type<Record<string, unknown>>(),
    /** Optimistic concurrency: every state change bumps it. */
    version: integer('version').notNull().default(0),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    /** When the application entered its current state: review deadlines count from here. */
    stageEnteredAt: timestamp('stage_entered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('applications_number_key').on(t.number).where(sql`${t.number} is not null`),
    index('applications_applicant_idx').on(t.applicantId),
    index('applications_state_idx').on(t.state),
    index('applications_bank_idx').on(t.bankOrgId),
  ],
);

export interface ReturnItem {
  /** The form field or document kind to fix, e.g. `business.address` or `document:business_licence`. */
  field: string;
  /** What is wrong, in the reviewer's words. */
  note: string;
}

/** The timeline: every state change with who, when, why. Written with the change, in one transaction. */
export const applicationEvents = pgTable(
  'application_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id').references(() => users.id),
    actorRole: text('actor_role').notNull(),
    action: text('action').$type<ApplicationAction | 'create'>().notNull(),
    fromState: text('from_state').$type<ApplicationState>(),
    toState: text('to_state').$type<ApplicationState>().notNull(),
    reason: text('reason'),
    items: jsonb('items').$type<ReturnItem[]>(),
  },
  (t) => [index('application_events_app_idx').on(t.applicationId)],
);

export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    applicationId: uuid('application_id').notNull().references(() => applications.id),
    ownerId: uuid('owner_id').notNull().references(() => users.id),
    kind: text('kind', { enum: ['id_card', 'business_licence', 'category_proof', 'other'] }).notNull(),
    originalName: text('original_name').notNull(),
    mime: text('mime', { enum: ['image/jpeg', 'image/png', 'application/pdf'] }).notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    /** Path under the storage root; never derived from the uploaded name. */
    storageKey: text('storage_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
  },
  (t) => [index('documents_app_idx').on(t.applicationId)],
);

export type Application = typeof applications.$inferSelect;
export type ApplicationEvent = typeof applicationEvents.$inferSelect;
export type DocumentRow = typeof documents.$inferSelect;

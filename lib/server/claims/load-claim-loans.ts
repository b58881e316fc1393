import { and, asc, count, desc, eq, gt, inArray, isNotNull, lt, lte, ne, notInArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { applicationEvents, applications, loanEvents, loans, organisations, repayments, subsidyBatches, subsidyLines, towns, users, type Application } from '@/db/schema';
import type { ExistingLine } from '@/lib/domain/subsidy-batches/late-lines';
import { parseQuarter } from '@/lib/domain/subsidy-batches/quarter';
import { ACTIVE_LINE_STATUSES } from '@/lib/domain/workflow/money-workflow';
import type { IsoDate } from '@/lib/domain/dates';
import type { RuleCatalog } from '@/lib/domain/rules';
import { todayInChina } from '@/lib/server/clock';
import type { LoanFacts } from '@/lib/server/servicing/loan-facts';

/**
 * Reads for the claim job (not a use-case): a bank's disbursed loans in keyset pages of
 * application id, each with its principal repayments and servicing events — the
 * `LoanFacts` that `loadLoanFacts` gives one loan, less the interest-only repayments that
 * `scheduleInputOf` ignores — so the claim and the loan's own schedule come from the one
 * `scheduleInputOf` + `computeSchedule`. Four queries per page, not per loan.
 */

export interface ClaimLoan {
  app: Pick<Application, 'id' | 'number' | 'loanType' | 'applicantName' | 'businessName' | 'townCode' | 'category'> & { formEnc: string | null };
  facts: LoanFacts;
  applicant: { idNumberEnc: string | null; idNumberMasked: string | null };
  /** The borrower's account the loan was paid into (null for loans recorded before it was asked). */
  payout: { accountEnc: string | null; accountMasked: string | null };
  guaranteeReview: { by: string; on: IsoDate } | null;
}

export interface ClaimReferences {
  bankName: string;
  bankCode: string;
  townName: Map<string, string>;
  categoryLabel: Map<string, string>;
}

const FIRST_ID = '00000000-0000-0000-0000-000000000000';

const scope = (bankOrgId: number, until: IsoDate) =>
  and(eq(loans.bankOrgId, bankOrgId), isNotNull(loans.disbursedDate), isNotNull(loans.disbursedFen), lte(loans.disbursedDate, until));

/** How many loans the job will walk (the progress total). */
export async function countClaimLoans(db: DbOrTx, bankOrgId: number, until: IsoDate): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(loans).where(scope(bankOrgId, until));
  return Number(n);
}

export async function loadClaimReferences(db: DbOrTx, bankOrgId: number, catalog: RuleCatalog): Promise<ClaimReferences> {
  const [[bank], townRows] = await Promise.all([
    db.select({ name: organisations.name, code: organisations.code }).from(organisations).where(eq(organisations.id, bankOrgId)),
    db.select({ code: towns.code, name: towns.name }).from(towns),
  ]);
  const categoryLabel = new Map<string, string>();
  for (const set of catalog.ruleSets) if (set.kind === 'loan') for (const c of set.params.eligibleCategories) if (!categoryLabel.has(c.code)) categoryLabel.set(c.code, c.label);
  return { bankName: bank?.name ?? '', bankCode: bank?.code ?? String(bankOrgId), townName: new Map(townRows.map((t) => [t.code, t.name])), categoryLabel };
}

/**
 * The bank's 贴息 quarters before `period` whose claim was built (not building, not failed):
 * a period of those found without a line is a 补报. `since`: the first day of the earliest.
 */
export async function loadClaimedQuarters(db: DbOrTx, bankOrgId: number, period: string): Promise<{ claimedQuarters: Set<string>; since: IsoDate | null }> {
  const rows = await db
    .selectDistinct({ period: subsidyBatches.period })
    .from(subsidyBatches)
    .where(and(eq(subsidyBatches.kind, 'interest'), eq(subsidyBatches.bankOrgId, bankOrgId), lt(subsidyBatches.period, period), notInArray(subsidyBatches.status, ['building', 'failed'])));
  const claimedQuarters = new Set(rows.map((r) => r.period).filter((p) => parseQuarter(p)));
  const firsts = [...claimedQuarters].map((p) => parseQuarter(p)!.firstDay).sort();
  return { claimedQuarters, since: firsts[0] ?? null };
}

/** The loans' active (pending or paid) lines in other batches than `batchId`, with their batch's number. */
export async function loadExistingLines(db: DbOrTx, batchId: string, applicationIds: string[]): Promise<Map<string, ExistingLine[]>> {
  const out = new Map<string, ExistingLine[]>();
  if (applicationIds.length === 0) return out;
  const rows = await db
    .select({
      applicationId: subsidyLines.applicationId, id: subsidyLines.id, subjectKey: subsidyLines.subjectKey, batchNumber: subsidyBatches.number, lineKind: subsidyLines.lineKind,
      correctsLineId: subsidyLines.correctsLineId, periodStart: subsidyLines.periodStart, amountFen: subsidyLines.amountFen, afterFen: subsidyLines.afterFen, status: subsidyLines.status, detail: subsidyLines.detail,
    })
    .from(subsidyLines)
    .innerJoin(subsidyBatches, eq(subsidyBatches.id, subsidyLines.batchId))
    .where(and(inArray(subsidyLines.applicationId, applicationIds), inArray(subsidyLines.status, ACTIVE_LINE_STATUSES), ne(subsidyLines.batchId, batchId), eq(subsidyBatches.kind, 'interest')))
    .orderBy(asc(subsidyLines.id));
  for (const { applicationId, ...l } of rows) {
    if (!applicationId) continue;
    const list = out.get(applicationId);
    if (list) list.push(l);
    else out.set(applicationId, [l]);
  }
  return out;
}

/** The next page of loans after `after` (an application id; '' for the first page). */
export async function loadClaimLoanPage(db: DbOrTx, q: { bankOrgId: number; until: IsoDate; after: string; limit: number }): Promise<ClaimLoan[]> {
  const rows = await db
    .select({
      loan: loans,
      app: {
        id: applications.id, number: applications.number, loanType: applications.loanType, applicantName: applications.applicantName,
        businessName: applications.businessName, townCode: applications.townCode, category: applications.category,
        // Only an enterprise's form is opened (for its 统一社会信用代码); the others are never read here.
        formEnc: sql<string | null>`case when ${applications.loanType} = 'enterprise' then ${applications.formEnc} end`,
      },
      idNumberEnc: users.idNumberEnc,
      idNumberMasked: users.idNumberMasked,
    })
    .from(loans)
    .innerJoin(applications, eq(applications.id, loans.applicationId))
    .innerJoin(users, eq(users.id, applications.applicantId))
    .where(and(scope(q.bankOrgId, q.until), gt(loans.applicationId, q.after || FIRST_ID)))
    .orderBy(asc(loans.applicationId))
    .limit(q.limit);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.loan.applicationId);
  const [reps, events, reviews] = await Promise.all([
    // Only principal repayments change the schedule (scheduleInputOf leaves interest-only ones out).
    db
      .select()
      .from(repayments)
      .where(and(inArray(repayments.applicationId, ids), gt(repayments.principalFen, 0n)))
      .orderBy(asc(repayments.applicationId), asc(repayments.repaidOn), asc(repayments.id)),
    db.select().from(loanEvents).where(inArray(loanEvents.applicationId, ids)).orderBy(asc(loanEvents.applicationId), asc(loanEvents.effectiveDate), asc(loanEvents.id)),
    db
      .select({ applicationId: applicationEvents.applicationId, at: applicationEvents.at, by: users.realName })
      .from(applicationEvents)
      .innerJoin(users, eq(users.id, applicationEvents.actorId))
      .where(and(inArray(applicationEvents.applicationId, ids), eq(applicationEvents.fromState, 'pending_guarantee'), eq(applicationEvents.action, 'approve')))
      .orderBy(desc(applicationEvents.at)),
  ]);
  const group = <T extends { applicationId: string }>(xs: T[]) => {
    const m = new Map<string, T[]>();
    for (const x of xs) {
      const list = m.get(x.applicationId);
      if (list) list.push(x);
      else m.set(x.applicationId, [x]);
    }
    return m;
  };
  const repsOf = group(reps);
  const eventsOf = group(events);
  const reviewOf = new Map<string, { by: string; on: IsoDate }>();
  for (const r of reviews) if (!reviewOf.has(r.applicationId)) reviewOf.set(r.applicationId, { by: r.by, on: todayInChina(r.at) });
  return rows.map((r) => ({
    app: r.app,
    facts: { loan: r.loan as LoanFacts['loan'], repayments: repsOf.get(r.loan.applicationId) ?? [], events: eventsOf.get(r.loan.applicationId) ?? [] },
    applicant: { idNumberEnc: r.idNumberEnc, idNumberMasked: r.idNumberMasked },
    payout: { accountEnc: r.loan.payoutAccountEnc, accountMasked: r.loan.payoutAccountMasked },
    guaranteeReview: reviewOf.get(r.loan.applicationId) ?? null,
  }));
}

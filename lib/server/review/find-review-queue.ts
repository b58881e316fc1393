import { and, asc, desc, eq, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { applications, towns } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { maskName } from '@/lib/domain/mask';
import { validateIdCard } from '@/lib/domain/validators';
import { addWorkingDays, subtractWorkingDays } from '@/lib/domain/working-days';
import type { ApplicationState } from '@/lib/domain/workflow/application-states';
import { DEFAULT_STAGE_DEADLINE_WORKING_DAYS } from '@/lib/domain/workflow/review-deadlines';
import { AppError } from '@/lib/errors/app-error';
import { applicationScope } from '@/lib/server/applications/application-scope';
import type { Actor } from '@/lib/server/auth/actor';
import { loadCalendar } from '@/lib/server/calendar/load-calendar';
import { now as clock, todayInChina } from '@/lib/server/clock';
import { blindIndex } from '@/lib/server/crypto/pii';
import { QUEUE_STATES } from './review-stages';

export interface ReviewQueueInput {
  tab?: 'todo' | 'all';
  q?: string;
  loanType?: 'individual' | 'partnership' | 'enterprise';
  townCode?: string;
  overdueOnly?: boolean;
  sort?: 'deadline' | 'submitted_desc' | 'amount_desc';
  page?: number;
  pageSize?: number;
}

const OVERSIGHT_STATES = Object.keys(DEFAULT_STAGE_DEADLINE_WORKING_DAYS) as ApplicationState[];

const likeEscape = (s: string) => s.replace(/[%_\\]/g, (c) => `\\${c}`);

/**
 * The four searched columns as one text, joined by U+001F (which no search text contains):
 * exactly the expression of the trigram index applications_search_trgm_idx (migration 0011).
 */
const SEARCH_TEXT = sql`(coalesce(${applications.number}, '') || chr(31) || ${applications.applicantName} || chr(31) || coalesce(${applications.businessName}, '') || chr(31) || coalesce(${applications.idNumberMasked}, ''))`;

/**
 * Counting every match costs as much as reading them; past this many the list says "more
 * than" instead (the pager still offers the next page while there is one).
 */
export const QUEUE_COUNT_CAP = 10_000;

/**
 * A reviewer's queue: applications in the actor's scope (a bank sees its own only) and,
 * on the to-do tab, in the actor's stage; searchable by name, application number,
 * full or partial 身份证号; filtered, sorted, paged; each with its working-day deadline.
 */
export async function findReviewQueue(db: Db, actor: Actor, input: ReviewQueueInput, opts: { countCap?: number } = {}) {
  const countCap = opts.countCap ?? QUEUE_COUNT_CAP;
  const reviewer = hasPermission(actor.role, 'review:access');
  if (!reviewer && !hasPermission(actor.role, 'audit:access')) throw new AppError('FORBIDDEN');
  const scope = applicationScope(actor);
  // The auditor oversees every stage, read-only: no to-do tab, and every stage's deadline counts.
  const states = reviewer ? QUEUE_STATES[actor.role] : OVERSIGHT_STATES;
  if (!scope || !states) throw new AppError('FORBIDDEN');
  const tab = reviewer ? (input.tab ?? 'todo') : 'all';
  const calendar = await loadCalendar(db);
  const today = todayInChina(clock());
  const pageSize = Math.min(Math.max(input.pageSize ?? 20, 1), 100);
  const page = Math.max(input.page ?? 1, 1);

  const where: SQL[] = [scope];
  if (tab === 'todo') where.push(inArray(applications.state, [...states]));
  const q = input.q?.trim();
  if (q) {
    const id = validateIdCard(q);
    if (id.valid) where.push(eq(applications.idNumberHash, blindIndex('id', id.normalized)));
    else {
      where.push(sql`${SEARCH_TEXT} ilike ${`%${likeEscape(q)}%`}`);
    }
  }
  if (input.loanType) where.push(eq(applications.loanType, input.loanType));
  if (input.townCode) where.push(eq(applications.townCode, input.townCode));
  if (input.overdueOnly) {
    // Overdue: entered the stage before the last day that still leaves the stage's working days.
    const overdue = states
      .filter((s) => DEFAULT_STAGE_DEADLINE_WORKING_DAYS[s])
      .map((s) => and(eq(applications.state, s), lt(applications.stageEnteredAt, chinaMidnight(subtractWorkingDays(today, DEFAULT_STAGE_DEADLINE_WORKING_DAYS[s]!, calendar))))!);
    where.push(overdue.length ? or(...overdue)! : eq(applications.id, applications.id));
  }
  const order = input.sort === 'submitted_desc' ? desc(applications.submittedAt) : input.sort === 'amount_desc' ? desc(applications.requestedAmountFen) : asc(applications.stageEnteredAt);
  const cond = and(...where);
  const [found, [{ total }]] = await Promise.all([
    db
      .select({
        id: applications.id,
        number: applications.number,
        state: applications.state,
        loanType: applications.loanType,
        applicantName: applications.applicantName,
        idNumberMasked: applications.idNumberMasked,
        businessName: applications.businessName,
        townName: towns.name,
        requestedAmountFen: applications.requestedAmountFen,
        submittedAt: applications.submittedAt,
        stageEnteredAt: applications.stageEnteredAt,
      })
      .from(applications)
      .leftJoin(towns, eq(towns.code, applications.townCode))
      .where(cond)
      .orderBy(order, asc(applications.number))
      // One more than a page: whether a next page exists, even past the count's cap.
      .limit(pageSize + 1)
      .offset((page - 1) * pageSize),
    db.execute(sql`select count(*)::int as total from (select 1 from ${applications} where ${cond} limit ${countCap + 1}) capped`).then(
      (r) => (Array.isArray(r) ? r : (r as unknown as { rows: { total: number }[] }).rows) as { total: number }[],
    ),
  ]);
  const rows = found.slice(0, pageSize);
  return {
    /** Exact up to the cap (QUEUE_COUNT_CAP); `totalCapped` when there are more. */
    total: Math.min(total, countCap),
    totalCapped: total > countCap,
    hasNext: found.length > pageSize,
    page,
    pageSize,
    rows: rows.map((r) => {
      const days = DEFAULT_STAGE_DEADLINE_WORKING_DAYS[r.state];
      const deadline = days && r.stageEnteredAt ? addWorkingDays(todayInChina(r.stageEnteredAt), days, calendar) : null;
      return {
        ...r,
        applicantName: maskName(r.applicantName),
        requestedAmountFen: r.requestedAmountFen?.toString() ?? null,
        deadline,
        overdue: deadline !== null && deadline < today,
      };
    }),
  };
}

/** 00:00 in China on an ISO date, as an instant. */
const chinaMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);

import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { hiringFilingHires, hiringFilings, users, type HiringFiling } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import type { FilingWarning } from '@/lib/domain/hiring-filing-checks';
import { checkHiringFilings } from './check-hiring-filings';
import { hiringFilingStatesFor } from '@/lib/domain/workflow/money-workflow';
import { HIRING_PAGE_SIZE, ZHiringQueueSchema } from '@/lib/validation/hiring';

export interface HiringQueueRow {
  id: string;
  number: string;
  policyYear: number;
  scheme: HiringFiling['scheme'];
  uscc: string;
  enterpriseName: string;
  hireCount: number;
  status: HiringFiling['status'];
  amountFen: string | null;
  filedByName: string;
  createdAt: string;
  /** Warnings from the enterprise register (filer not its contact, payee name differs). */
  warnings: FilingWarning[];
}

/** HR's queue of hiring filings: to do (submitted, oldest first) or all (newest first); search by number, enterprise or USCC; paged. */
export async function findHiringQueue(db: Db, actor: Actor, raw: unknown): Promise<{ rows: HiringQueueRow[]; total: number; page: number; pageSize: number; approvedYears: { year: number; filings: number; amountFen: string }[] }> {
  if (!hasPermission(actor.role, 'subsidy:decide_hiring')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZHiringQueueSchema, raw);
  const f = hiringFilings;
  const filters: SQL[] = [];
  if (input.tab === 'todo') filters.push(inArray(f.status, hiringFilingStatesFor('approve')));
  if (input.policyYear) filters.push(eq(f.policyYear, input.policyYear));
  if (input.q) {
    const like = `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    filters.push(or(ilike(f.number, like), ilike(f.enterpriseName, like), ilike(f.uscc, like))!);
  }
  const where = filters.length ? and(...filters) : undefined;
  const hireCount = db.$with('hc').as(db.select({ filingId: hiringFilingHires.filingId, n: sql<number>`count(*)::int`.as('n') }).from(hiringFilingHires).groupBy(hiringFilingHires.filingId));
  const [[{ total }], rows, approved] = await Promise.all([
    db.select({ total: count() }).from(f).where(where),
    db
      .with(hireCount)
      .select({ f, filedByName: users.realName, n: hireCount.n })
      .from(f)
      .innerJoin(users, eq(users.id, f.filedBy))
      .leftJoin(hireCount, eq(hireCount.filingId, f.id))
      .where(where)
      .orderBy(input.tab === 'todo' ? asc(f.createdAt) : desc(f.createdAt), asc(f.number))
      .limit(HIRING_PAGE_SIZE)
      .offset((input.page - 1) * HIRING_PAGE_SIZE),
    db
      .select({ year: f.policyYear, filings: count(), amountFen: sql<string>`coalesce(sum(${f.amountFen}), 0)::text` })
      .from(f)
      .where(inArray(f.status, hiringFilingStatesFor('batch')))
      .groupBy(f.policyYear)
      .orderBy(desc(f.policyYear)),
  ]);
  const checks = await checkHiringFilings(db, rows.map((r) => r.f));
  return {
    total: Number(total),
    page: input.page,
    pageSize: HIRING_PAGE_SIZE,
    rows: rows.map(({ f: r, filedByName, n }) => ({
      id: r.id, number: r.number, policyYear: r.policyYear, scheme: r.scheme, uscc: r.uscc, enterpriseName: r.enterpriseName, hireCount: Number(n ?? 0),
      status: r.status, amountFen: r.amountFen?.toString() ?? null, filedByName, createdAt: r.createdAt.toISOString(), warnings: checks.get(r.id)?.warnings ?? [],
    })),
    approvedYears: approved.map((a) => ({ year: a.year, filings: Number(a.filings), amountFen: a.amountFen })),
  };
}

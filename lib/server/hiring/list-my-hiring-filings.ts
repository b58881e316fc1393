import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { hiringFilingHires, hiringFilings, type HiringFiling } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';

export interface MyHiringFiling {
  id: string;
  number: string;
  policyYear: number;
  scheme: HiringFiling['scheme'];
  enterpriseName: string;
  hireCount: number;
  status: HiringFiling['status'];
  amountFen: string | null;
  decisionReason: string | null;
  createdAt: string;
}

/** The applicant's own hiring filings, newest first. */
export async function listMyHiringFilings(db: Db, actor: Actor): Promise<MyHiringFiling[]> {
  if (!hasPermission(actor.role, 'subsidy:file_hiring')) throw new AppError('FORBIDDEN');
  const rows = await db
    // Qualified by hand: inside a one-table select drizzle writes columns unqualified.
    .select({ f: hiringFilings, n: sql<number>`(select count(*)::int from ${hiringFilingHires} h where h.filing_id = "hiring_filings"."id")` })
    .from(hiringFilings)
    .where(eq(hiringFilings.filedBy, actor.userId))
    .orderBy(desc(hiringFilings.createdAt))
    .limit(200);
  return rows.map(({ f, n }) => ({
    id: f.id, number: f.number, policyYear: f.policyYear, scheme: f.scheme, enterpriseName: f.enterpriseName, hireCount: Number(n),
    status: f.status, amountFen: f.amountFen?.toString() ?? null, decisionReason: f.decisionReason, createdAt: f.createdAt.toISOString(),
  }));
}

import { desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { applications } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';

/** The applicant's applications, newest first (an applicant has few: no paging needed). */
export async function listMyApplications(db: Db, actor: Actor) {
  if (!hasPermission(actor.role, 'application:read_own')) throw new AppError('FORBIDDEN');
  const rows = await db
    .select({
      id: applications.id,
      number: applications.number,
      loanType: applications.loanType,
      state: applications.state,
      businessName: applications.businessName,
      requestedAmountFen: applications.requestedAmountFen,
      updatedAt: applications.updatedAt,
      createdAt: applications.createdAt,
    })
    .from(applications)
    .where(eq(applications.applicantId, actor.userId))
    .orderBy(desc(applications.createdAt))
    .limit(50);
  return rows.map((r) => ({ ...r, requestedAmountFen: r.requestedAmountFen?.toString() ?? null }));
}

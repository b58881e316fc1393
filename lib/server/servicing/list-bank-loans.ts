import { and, asc, eq, gt, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { applications, loans } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { LOAN_STATES } from '@/lib/domain/workflow/application-states';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';

/** The bank's own disbursed loans (keyset-paged by 借据号), for its systems' reconciliation. */
export async function listBankLoans(db: Db, actor: Actor, input: { after?: string; limit?: number }) {
  if (!hasPermission(actor.role, 'review:bank') || actor.orgId === null) throw new AppError('FORBIDDEN');
  const limit = Math.min(Math.max(input.limit ?? 100, 1), 1000);
  const rows = await db
    .select({
      number: applications.number,
      state: applications.state,
      contractNo: loans.contractNo,
      drawdownNo: loans.drawdownNo,
      principalFen: loans.principalFen,
      annualRateUnits: loans.annualRateUnits,
      contractDate: loans.contractDate,
      disbursedDate: loans.disbursedDate,
      maturityDate: loans.maturityDate,
    })
    .from(loans)
    .innerJoin(applications, eq(applications.id, loans.applicationId))
    .where(and(eq(loans.bankOrgId, actor.orgId), inArray(applications.state, [...LOAN_STATES]), input.after ? gt(loans.drawdownNo, input.after) : undefined))
    .orderBy(asc(loans.drawdownNo))
    .limit(limit);
  // Amounts leave as fen strings: bankApiRoute serialises every bigint.
  return rows;
}

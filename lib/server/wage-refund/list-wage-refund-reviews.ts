import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { dataImports, users, wageRefundRecords, type WageRefundRecord } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { zPolicyYear } from '@/lib/validation/wage-refund';
import { pendingChangeOf } from './pending-change';
import { storedResult } from './wage-refund-engine';

export interface WageRefundSide {
  sizeClass: WageRefundRecord['sizeClass'];
  eligible: boolean;
  ratioPercent: string;
  amountFen: string;
  accountName: string | null;
  accountNoMasked: string | null;
  accountBank: string | null;
}

export interface WageRefundReviewRow {
  id: string;
  version: number;
  uscc: string;
  enterpriseName: string;
  confirmedAt: string | null;
  importedBy: string | null;
  sizeClassChanged: boolean;
  accountChanged: boolean;
  /** As on file (imported) and as the enterprise's confirmation would make it. */
  before: WageRefundSide;
  after: WageRefundSide;
  /** The actor may decide: an HR reviewer who did not import this enterprise's data. */
  canDecide: boolean;
  ownImport: boolean;
}

const MAX_ROWS = 200;

/** 待人社复核 of a year: each record with its values before and after the enterprise's change, side by side. */
export async function listWageRefundReviews(db: Db, actor: Actor, raw: { policyYear: unknown }): Promise<WageRefundReviewRow[]> {
  if (!hasPermission(actor.role, 'subsidy:import_insurance_data') && !hasPermission(actor.role, 'subsidy:review_wage_refund_change')) throw new AppError('FORBIDDEN');
  const policyYear = parseOrThrow(zPolicyYear, raw.policyYear);
  const w = wageRefundRecords;
  const rows = await db
    .select({ r: w, importedById: dataImports.uploadedBy, importedBy: users.realName })
    .from(w)
    .leftJoin(dataImports, eq(dataImports.id, w.importId))
    .leftJoin(users, eq(users.id, dataImports.uploadedBy))
    .where(and(eq(w.policyYear, policyYear), eq(w.status, 'pending_review')))
    .orderBy(asc(w.confirmedAt), asc(w.uscc))
    .limit(MAX_ROWS);
  const mayReview = hasPermission(actor.role, 'subsidy:review_wage_refund_change');
  return rows.flatMap(({ r, importedById, importedBy }) => {
    const c = pendingChangeOf(r);
    if (!c) return [];
    const ownImport = importedById === actor.userId;
    return [{
      id: r.id,
      version: r.version,
      uscc: r.uscc,
      enterpriseName: r.enterpriseName,
      confirmedAt: r.confirmedAt?.toISOString() ?? null,
      importedBy,
      sizeClassChanged: c.sizeClassChanged,
      accountChanged: c.accountChanged,
      before: { sizeClass: r.sizeClass, eligible: r.eligible, ratioPercent: storedResult(r).ratioPercent, amountFen: r.amountFen.toString(), accountName: r.accountName, accountNoMasked: r.accountNoMasked, accountBank: r.accountBank },
      after: { sizeClass: c.sizeClass, eligible: c.eligible, ratioPercent: c.result.ratioPercent, amountFen: c.amountFen, accountName: c.accountName, accountNoMasked: c.accountNoMasked, accountBank: c.accountBank },
      canDecide: mayReview && !ownImport,
      ownImport,
    }];
  });
}

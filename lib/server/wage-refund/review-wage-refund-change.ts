import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { dataImports, wageRefundRecords, type WageRefundRecord } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { decideWageRefundTransition } from '@/lib/domain/workflow/wage-refund-workflow';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { updateIfUnchanged } from '@/lib/server/workflow/update-if-unchanged';
import { ZWageRefundReviewSchema } from '@/lib/validation/wage-refund';
import { changeColumns, pendingChangeOf } from './pending-change';

export const OWN_IMPORT_MESSAGE = '该企业数据由您导入，须由其他人社审核员复核';

/**
 * 待人社复核: an HR reviewer accepts (the change is written onto the record, which becomes
 * 'confirmed' and so goes into the year's batch) or rejects (with a reason: the record keeps its
 * values, the change is dropped, and a new code may be sent) what an enterprise's confirmation
 * would change — on the version the reviewer saw. The one who imported the enterprise's data
 * (and so chose the contact mobile the code went to) may not decide: refused and audited.
 */
export async function reviewWageRefundChange(db: Db, actor: Actor, raw: unknown): Promise<WageRefundRecord> {
  if (!hasPermission(actor.role, 'subsidy:review_wage_refund_change')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZWageRefundReviewSchema, raw);
  const t = clock();
  const w = wageRefundRecords;
  const outcome = await db.transaction(async (tx): Promise<{ error: AppError } | { record: WageRefundRecord }> => {
    const [r] = await tx.select().from(w).where(eq(w.id, input.recordId)).for('update');
    if (!r) throw new AppError('NOT_FOUND');
    const action = input.decision === 'accept' ? 'accept_change' : 'reject_change';
    const d = decideWageRefundTransition(r.status, action, 'reviewer');
    const change = pendingChangeOf(r);
    if (!d.ok || !change) throw new AppError('CONFLICT', { userMessage: '该记录已不在待人社复核状态，请刷新后重试' });
    if (r.version !== input.version) throw new AppError('CONFLICT');

    const [imported] = r.importId ? await tx.select({ by: dataImports.uploadedBy }).from(dataImports).where(eq(dataImports.id, r.importId)) : [];
    if (imported?.by === actor.userId) {
      await writeAuditLog(tx, {
        actor: auditActor(actor),
        event: `wage_refund.${action}`,
        objectType: 'wage_refund_record',
        objectId: r.id,
        result: 'failure',
        detail: { reason: 'own_import', policyYear: r.policyYear, uscc: r.uscc, version: r.version },
      }, t);
      return { error: new AppError('FORBIDDEN', { userMessage: OWN_IMPORT_MESSAGE }) };
    }

    const review = { pendingChange: null, changeReviewedBy: actor.userId, changeReviewedAt: t, changeReviewReason: input.reason ?? null, updatedAt: t };
    const record = await updateIfUnchanged(tx, {
      table: w,
      expect: [[w.id, r.id], [w.status, r.status], [w.version, r.version]],
      set: { ...review, ...(action === 'accept_change' ? changeColumns(change) : {}), status: d.to, version: r.version + 1 },
      audit: {
        actor: auditActor(actor),
        event: `wage_refund.${action}`,
        objectType: 'wage_refund_record',
        objectId: r.id,
        detail: {
          policyYear: r.policyYear,
          uscc: r.uscc,
          from: r.status,
          to: d.to,
          version: r.version + 1,
          sizeClass: { from: r.sizeClass, to: change.sizeClass },
          amountFen: { from: r.amountFen.toString(), to: change.amountFen },
          accountNoMasked: { from: r.accountNoMasked, to: change.accountNoMasked },
          reason: input.reason ?? null,
        },
      },
      now: t,
    });
    return { record };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.record;
}

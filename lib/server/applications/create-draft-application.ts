import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { applicationEvents, applications, users } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { LOAN_TYPES, LOAN_TYPE_LABELS, type LoanType } from '@/lib/validation/application';
import { sealForm } from './application-form-store';

/** States in which an application is still open: a new one cannot be started beside it. */
const OPEN_STATES = ['draft', 'pending_hr', 'pending_guarantee', 'pending_bank', 'returned', 'approved', 'contracted'] as const;

/** Start an application: an encrypted, nearly empty draft the wizard fills step by step. */
export async function createDraftApplication(db: Db, actor: Actor, input: { loanType: unknown }): Promise<{ applicationId: string }> {
  if (!hasPermission(actor.role, 'application:create')) throw new AppError('FORBIDDEN');
  const loanType = input.loanType as LoanType;
  if (!LOAN_TYPES.includes(loanType)) throw new AppError('INVALID_INPUT', { fieldErrors: { loanType: '请选择贷款类型' } });
  const t = clock();
  return db.transaction(async (tx) => {
    const [open] = await tx
      .select({ id: applications.id, state: applications.state })
      .from(applications)
      .where(and(eq(applications.applicantId, actor.userId), inArray(applications.state, [...OPEN_STATES])))
      .limit(1)
      .for('update');
    if (open) {
      throw new AppError('ALREADY_EXISTS', { userMessage: open.state === 'draft' ? '您已有一份未提交的申请草稿，请继续填写' : '您已有一份正在办理的申请，办结后才能再次申请' });
    }
    const [me] = await tx.select().from(users).where(eq(users.id, actor.userId));
    const [app] = await tx
      .insert(applications)
      .values({
        applicantId: actor.userId,
        loanType,
        formEnc: sealForm({ loanType }),
        applicantName: me.realName,
        idNumberMasked: me.idNumberMasked,
        idNumberHash: me.idNumberHash,
        createdAt: t,
        updatedAt: t,
      })
      .returning({ id: applications.id });
    await tx.insert(applicationEvents).values({ applicationId: app.id, at: t, actorId: actor.userId, actorRole: actor.role, action: 'create', toState: 'draft' });
    await writeAuditLog(tx, { actor: auditActor(actor), event: 'application.create', objectType: 'application', objectId: app.id, detail: { loanType, label: LOAN_TYPE_LABELS[loanType] } }, t);
    return { applicationId: app.id };
  });
}

import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { applicationNumberSeq } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { parseYuan } from '@/lib/domain/money';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { ZSubmitApplicationSchema } from '@/lib/validation/application';
import { sealForm } from './application-form-store';
import { loadScopedApplication } from './application-scope';
import { applyTransition } from './apply-transition';
import { checkSubmission } from './check-submission';
import { parseApplicationForm } from './parse-application-form';
import { limitFactsOf } from './preview-loan-terms';

export interface SubmitResult {
  applicationId: string;
  number: string;
  /** True when this call found the application already submitted (a double click). */
  alreadySubmitted: boolean;
}

/**
 * Submit a draft for review. Idempotent: the row is locked, and a second call for an
 * application already submitted answers with the same number instead of failing.
 */
export async function submitApplication(db: Db, actor: Actor, raw: unknown): Promise<SubmitResult> {
  if (!hasPermission(actor.role, 'application:create')) throw new AppError('FORBIDDEN');
  const input = ZSubmitApplicationSchema.safeParse(raw);
  if (!input.success) throw new AppError('INVALID_INPUT');
  const form = parseApplicationForm(input.data.form);
  const t = clock();
  return db.transaction(async (tx) => {
    const app = await loadScopedApplication(tx, actor, input.data.applicationId, { forUpdate: true });
    if (app.applicantId !== actor.userId) throw new AppError('NOT_FOUND');
    if (app.state !== 'draft') {
      if (app.number && app.submittedAt) return { applicationId: app.id, number: app.number, alreadySubmitted: true };
      throw new AppError('CONFLICT', { userMessage: '该申请当前不能提交' });
    }
    if (form.loanType !== app.loanType) throw new AppError('INVALID_INPUT', { fieldErrors: { loanType: '贷款类型与草稿不一致，请刷新' } });
    const { bankOrgId, preview } = await checkSubmission(tx, app, form, t);
    const seq = await tx.execute(sql`select nextval(${sql.raw(`'${applicationNumberSeq.seqName}'`)}) as n`);
    const n = Number((seq as unknown as { rows: { n: string }[] }).rows[0].n);
    const number = `KZ${t.getUTCFullYear()}${String(n).padStart(6, '0')}`;
    await applyTransition(tx, actor, app, 'submit', {
      now: t,
      patch: {
        number,
        formEnc: sealForm(form),
        submittedFormEnc: sealForm(form),
        bankOrgId,
        businessName: form.business.name,
        townCode: form.business.townCode,
        category: form.applicant.category,
        requestedAmountFen: parseYuan(form.loan.amount),
        termMonths: form.loan.termMonths,
        jobsCreated: form.business.jobsCreated,
        isReturnee: form.returnee.isReturnee,
        engineResult: preview,
        limitFacts: limitFactsOf(form),
        submittedAt: t,
      },
    });
    return { applicationId: app.id, number, alreadySubmitted: false };
  });
}

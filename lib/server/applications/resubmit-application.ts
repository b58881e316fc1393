import type { Db } from '@/db/client';
import { hasPermission } from '@/lib/auth/permissions';
import { changedPaths, isWithin } from '@/lib/domain/form-diff';
import { parseYuan } from '@/lib/domain/money';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { ZSubmitApplicationSchema } from '@/lib/validation/application';
import { openForm, sealForm } from './application-form-store';
import { loadScopedApplication } from './application-scope';
import { applyTransition } from './apply-transition';
import { checkSubmission } from './check-submission';
import { parseApplicationForm } from './parse-application-form';
import { limitFactsOf } from './preview-loan-terms';

/**
 * Answer a return for supplement (退回补正): the corrected form goes back to the stage that
 * returned it. Only the listed items may change — anything else would bypass the review
 * already done — and the whole application must still pass the submission checks.
 */
export async function resubmitApplication(db: Db, actor: Actor, raw: unknown): Promise<{ number: string }> {
  if (!hasPermission(actor.role, 'application:create')) throw new AppError('FORBIDDEN');
  const input = ZSubmitApplicationSchema.safeParse(raw);
  if (!input.success) throw new AppError('INVALID_INPUT');
  const form = parseApplicationForm(input.data.form);
  const t = clock();
  return db.transaction(async (tx) => {
    const app = await loadScopedApplication(tx, actor, input.data.applicationId, { forUpdate: true });
    if (app.applicantId !== actor.userId) throw new AppError('NOT_FOUND');
    if (app.state !== 'returned' || !app.submittedFormEnc) throw new AppError('CONFLICT', { userMessage: '该申请当前不需要补正' });
    const allowed = (app.returnItems ?? []).map((i) => i.field).filter((f) => !f.startsWith('document:'));
    const before = parseApplicationForm(openForm(app.submittedFormEnc));
    const outside = changedPaths(before, form).filter((p) => !allowed.some((f) => isWithin(p, f)));
    if (outside.length) {
      throw new AppError('INVALID_INPUT', {
        userMessage: '只能修改退回通知中列出的事项，其他内容请保持不变',
        fieldErrors: Object.fromEntries(outside.map((p) => [p, '此项不在补正范围内，请恢复原填写内容'])),
      });
    }
    const { bankOrgId, preview } = await checkSubmission(tx, app, form, t);
    await applyTransition(tx, actor, app, 'resubmit', {
      now: t,
      patch: {
        formEnc: sealForm(form),
        submittedFormEnc: sealForm(form),
        bankOrgId,
        returnItems: null,
        returnedFrom: null,
        businessName: form.business.name,
        townCode: form.business.townCode,
        category: form.applicant.category,
        requestedAmountFen: parseYuan(form.loan.amount),
        termMonths: form.loan.termMonths,
        jobsCreated: form.business.jobsCreated,
        isReturnee: form.returnee.isReturnee,
        engineResult: preview,
        limitFacts: limitFactsOf(form),
      },
    });
    return { number: app.number! };
  });
}

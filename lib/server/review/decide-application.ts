import type { Db } from '@/db/client';
import type { Application } from '@/db/schema';
import { hasPermission, type Permission } from '@/lib/auth/permissions';
import type { ReviewStage } from '@/lib/domain/workflow/application-states';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';
import { loadScopedApplication } from '@/lib/server/applications/application-scope';
import { applyTransition } from '@/lib/server/applications/apply-transition';
import { now as clock } from '@/lib/server/clock';
import { ZReviewDecisionSchema } from '@/lib/validation/review';
import { BENEFIT_LABELS } from '@/lib/validation/application';
import { listBenefitDecisions } from '@/lib/server/benefits/list-benefit-decisions';

const STAGE_PERMISSION: Record<ReviewStage, Permission> = {
  pending_hr: 'review:hr',
  pending_guarantee: 'review:guarantee',
  pending_bank: 'review:bank',
};

/**
 * A reviewer approves, rejects (with a reason) or returns for supplement (with every
 * missing item at once). The decision applies only to the version the reviewer saw: when
 * two reviewers decide at once, one wins and the other gets CONFLICT.
 */
export async function decideApplication(db: Db, actor: Actor, raw: unknown): Promise<Application> {
  if (!hasPermission(actor.role, 'review:access')) throw new AppError('FORBIDDEN');
  const parsed = ZReviewDecisionSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const i of parsed.error.issues) fieldErrors[i.path.join('.') || '_'] ??= i.message;
    throw new AppError('INVALID_INPUT', { userMessage: Object.values(fieldErrors)[0], fieldErrors });
  }
  const input = parsed.data;
  const t = clock();
  return db.transaction(async (tx) => {
    const app = await loadScopedApplication(tx, actor, input.applicationId, { forUpdate: true });
    const stage = app.state as ReviewStage;
    if (!(stage in STAGE_PERMISSION) || !hasPermission(actor.role, STAGE_PERMISSION[stage])) {
      throw new AppError('CONFLICT', { userMessage: '该申请不在您的审核环节，可能已被他人处理，请刷新' });
    }
    if (app.version !== input.version) throw new AppError('CONFLICT');
    if (stage === 'pending_hr' && input.decision === 'approve') {
      // The 三免两贴两推荐 items are decided one by one before eligibility is approved.
      const open = (await listBenefitDecisions(tx, app)).filter((b) => !b.decision).map((b) => BENEFIT_LABELS[b.item]);
      if (open.length) throw new AppError('INVALID_INPUT', { userMessage: `请先逐项审核三免两贴两推荐事项：${open.join('、')}`, fieldErrors: { benefits: open.join('、') } });
    }
    return applyTransition(tx, actor, app, input.decision, {
      now: t,
      reason: input.reason,
      items: input.items,
      patch: input.decision === 'return' ? { returnedFrom: stage, returnItems: input.items } : {},
    });
  });
}

import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { applicationEvents, applications, notifications, users, type Application, type ReturnItem } from '@/db/schema';
import { STATE_LABELS } from '@/lib/domain/workflow/application-states';
import { ACTION_LABELS, decideTransition, type ApplicationAction } from '@/lib/domain/workflow/application-workflow';
import { AppError } from '@/lib/errors/app-error';
import { auditActor, isSystemActor, type Actor, type SystemActor } from '@/lib/server/auth/actor';
import { enqueueSms } from '@/lib/server/notifications/enqueue-sms';
import { openMobile } from '@/lib/server/crypto/pii';
import { updateIfUnchanged } from '@/lib/server/workflow/update-if-unchanged';

export interface TransitionOptions {
  reason?: string;
  items?: ReturnItem[];
  /** Other columns to write with the state change. */
  patch?: Partial<typeof applications.$inferInsert>;
  now: Date;
}

/**
 * The one way an application changes state: the transition table decides, the update is
 * conditional on the version read (two reviewers at once: one wins, the other gets
 * CONFLICT), and the timeline event, audit row and applicant notification are written in
 * the same transaction.
 */
export async function applyTransition(tx: Tx, actor: Actor | SystemActor, app: Application, action: ApplicationAction, opts: TransitionOptions): Promise<Application> {
  const system = isSystemActor(actor);
  const decision = decideTransition(app.state, action, system ? actor.actsAs : actor.role, app.returnedFrom);
  if (!decision.ok) {
    throw decision.code === 'ROLE_NOT_ALLOWED'
      ? new AppError('FORBIDDEN')
      : new AppError('CONFLICT', { userMessage: `当前状态“${STATE_LABELS[app.state]}”不能${ACTION_LABELS[action]}，请刷新后重试` });
  }
  if (decision.requires.includes('reason') && !opts.reason?.trim()) {
    throw new AppError('INVALID_INPUT', { userMessage: '请填写理由', fieldErrors: { reason: '请填写理由' } });
  }
  if (decision.requires.includes('items') && !opts.items?.length) {
    throw new AppError('INVALID_INPUT', { userMessage: '请列出需要补正的全部事项', fieldErrors: { items: '请至少列出一项需要补正的事项' } });
  }
  const updated = await updateIfUnchanged(tx, {
    table: applications,
    expect: [[applications.id, app.id], [applications.version, app.version], [applications.state, app.state]],
    set: { ...opts.patch, state: decision.to, version: app.version + 1, updatedAt: opts.now, stageEnteredAt: opts.now },
    audit: (row) => ({
      actor: system ? null : auditActor(actor),
      event: `application.${action}`,
      objectType: 'application',
      objectId: app.id,
      detail: { from: app.state, to: decision.to, version: row.version, items: opts.items?.map((i) => i.field) },
    }),
    now: opts.now,
  });

  await tx.insert(applicationEvents).values({
    applicationId: app.id,
    at: opts.now,
    actorId: system ? null : actor.userId,
    actorRole: system ? 'system' : actor.role,
    action,
    fromState: app.state,
    toState: decision.to,
    reason: opts.reason?.trim() || null,
    items: opts.items ?? null,
  });
  if (system || actor.userId !== app.applicantId) {
    const title = `您的申请${updated.number ?? ''}：${STATE_LABELS[decision.to]}`;
    await tx.insert(notifications).values({
      userId: app.applicantId,
      applicationId: app.id,
      title,
      body: opts.reason?.trim() || (opts.items?.length ? `请补正：${opts.items.map((i) => i.note).join('；')}` : ACTION_LABELS[action]),
      createdAt: opts.now,
    });
    // The SMS carries no personal data beyond the number: details are in the portal.
    const [applicant] = await tx.select({ mobileEnc: users.mobileEnc }).from(users).where(eq(users.id, app.applicantId));
    const mobile = openMobile(applicant?.mobileEnc);
    if (mobile) {
      await enqueueSms(tx, { userId: app.applicantId, mobile, body: `【开州就业】${title}，详情请登录服务平台查看。` }, opts.now);
    }
  }
  return updated;
}

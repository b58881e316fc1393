import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { applications } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { LOAN_TYPES, ZDraftSchema, type LoanType } from '@/lib/validation/application';
import { sealForm } from './application-form-store';
import { loadScopedApplication } from './application-scope';

/**
 * Autosave of the wizard. Only the owner, only while the form is editable (a draft, or
 * returned for supplement). Drafts are not audited row by row: nothing is decided yet.
 */
export async function saveDraftApplication(db: Db, actor: Actor, raw: unknown): Promise<{ savedAt: string }> {
  if (!hasPermission(actor.role, 'application:create')) throw new AppError('FORBIDDEN');
  const parsed = ZDraftSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('INVALID_INPUT', { userMessage: parsed.error.issues[0]?.message ?? '草稿内容有误' });
  const { applicationId, step, form } = parsed.data;
  const app = await loadScopedApplication(db, actor, applicationId);
  if (app.applicantId !== actor.userId) throw new AppError('NOT_FOUND');
  if (app.state !== 'draft' && app.state !== 'returned') throw new AppError('CONFLICT', { userMessage: '申请已提交，不能再修改' });
  const loanType = LOAN_TYPES.includes(form.loanType as LoanType) && app.state === 'draft' ? (form.loanType as LoanType) : app.loanType;
  const t = clock();
  const [row] = await db
    .update(applications)
    .set({ formEnc: sealForm({ ...form, loanType }), loanType, draftStep: Math.max(app.draftStep, step), updatedAt: t })
    .where(and(eq(applications.id, app.id), eq(applications.state, app.state)))
    .returning({ id: applications.id });
  if (!row) throw new AppError('CONFLICT', { userMessage: '申请状态已变化，请刷新后重试' });
  return { savedAt: t.toISOString() };
}

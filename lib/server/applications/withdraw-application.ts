import type { Db } from '@/db/client';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { ZApplicationIdSchema } from '@/lib/validation/application';
import { loadScopedApplication } from './application-scope';
import { applyTransition } from './apply-transition';

/** The applicant withdraws before any reviewer has decided (the transition table says when). */
export async function withdrawApplication(db: Db, actor: Actor, raw: unknown): Promise<void> {
  if (!hasPermission(actor.role, 'application:create')) throw new AppError('FORBIDDEN');
  const input = ZApplicationIdSchema.safeParse(raw);
  if (!input.success) throw new AppError('INVALID_INPUT');
  const t = clock();
  await db.transaction(async (tx) => {
    const app = await loadScopedApplication(tx, actor, input.data.applicationId, { forUpdate: true });
    if (app.applicantId !== actor.userId) throw new AppError('NOT_FOUND');
    await applyTransition(tx, actor, app, 'withdraw', { now: t, patch: { returnItems: null } });
  });
}

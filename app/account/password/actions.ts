'use server';

import { type ActionResult, toActionError } from '@/lib/actions/action-result';
import { getActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors/app-error';
import { getDb } from '@/lib/server/db';
import { changePassword } from '@/lib/server/users/change-password';

/** Any signed-in user, including one who must replace a temporary password first. */
export async function changePasswordAction(input: unknown): Promise<ActionResult> {
  try {
    const actor = await getActor();
    if (!actor) throw new AppError('UNAUTHENTICATED');
    await changePassword(await getDb(), actor, input);
    return { ok: true, data: undefined };
  } catch (e) {
    return toActionError(e);
  }
}

'use server';

import { type ActionResult, toActionError } from '@/lib/actions/action-result';
import { getActor } from '@/lib/auth/session';
import { AppError } from '@/lib/errors/app-error';
import { getDb } from '@/lib/server/db';
import { confirmTotpEnrolment } from '@/lib/server/mfa/confirm-totp-enrolment';

/** Any signed-in staff member enrolling their own authenticator (before anything else is allowed). */
export async function confirmTotpAction(input: unknown): Promise<ActionResult<{ recoveryCodes: string[] }>> {
  try {
    const actor = await getActor();
    if (!actor) throw new AppError('UNAUTHENTICATED');
    return { ok: true, data: await confirmTotpEnrolment(await getDb(), actor, input) };
  } catch (e) {
    return toActionError(e);
  }
}

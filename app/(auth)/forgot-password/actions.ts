'use server';

import { type ActionResult, toActionError } from '@/lib/actions/action-result';
import { clientIp } from '@/lib/actions/client-ip';
import { getDb } from '@/lib/server/db';
import { requestPasswordResetCode } from '@/lib/server/users/request-sms-code';
import { resetPasswordBySms } from '@/lib/server/users/reset-password-by-sms';

/** Step 1 (public by design): answered alike whether or not the mobile has an applicant account. */
export async function requestPasswordResetCodeAction(input: unknown): Promise<ActionResult> {
  try {
    await requestPasswordResetCode(await getDb(), input);
    return { ok: true, data: undefined };
  } catch (e) {
    return toActionError(e);
  }
}

/** Step 2 (public by design): the SMS code and the new password. */
export async function resetPasswordBySmsAction(input: unknown): Promise<ActionResult> {
  try {
    await resetPasswordBySms(await getDb(), input, await clientIp());
    return { ok: true, data: undefined };
  } catch (e) {
    return toActionError(e);
  }
}

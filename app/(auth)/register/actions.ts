'use server';

import { type ActionResult, toActionError } from '@/lib/actions/action-result';
import { clientIp } from '@/lib/actions/client-ip';
import { getDb } from '@/lib/server/db';
import { REGISTRATION_REFERRED_MESSAGE, registerApplicant } from '@/lib/server/users/register-applicant';
import { requestRegistrationCode } from '@/lib/server/users/request-sms-code';

/** Step 1 (public by design): a code to the mobile. The use-case parses everything. */
export async function requestRegistrationCodeAction(input: unknown): Promise<ActionResult> {
  try {
    await requestRegistrationCode(await getDb(), input);
    return { ok: true, data: undefined };
  } catch (e) {
    return toActionError(e);
  }
}

/**
 * Step 2 (public by design): the code + details. A clash with an existing account — by 身份证号
 * or mobile alike — is answered with the one neutral message that sends the person to the HR centre.
 */
export async function registerApplicantAction(input: unknown): Promise<ActionResult<{ referred: string | null }>> {
  try {
    const r = await registerApplicant(await getDb(), input, await clientIp());
    return { ok: true, data: { referred: r.outcome === 'referred' ? REGISTRATION_REFERRED_MESSAGE : null } };
  } catch (e) {
    return toActionError(e);
  }
}

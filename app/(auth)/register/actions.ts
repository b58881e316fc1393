'use server';

import { type ActionResult, toActionError } from '@/lib/actions/action-result';
import { clientIp } from '@/lib/actions/client-ip';
import { getDb } from '@/lib/server/db';
import { registerApplicant } from '@/lib/server/users/register-applicant';

/** Public by design (self-registration): the use-case parses and checks everything. */
export async function registerApplicantAction(input: unknown): Promise<ActionResult> {
  try {
    await registerApplicant(await getDb(), input, await clientIp());
    return { ok: true, data: undefined };
  } catch (e) {
    return toActionError(e);
  }
}

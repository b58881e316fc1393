'use server';

import { type ActionResult, toActionError } from '@/lib/actions/action-result';
import { clientIp } from '@/lib/actions/client-ip';
import { getDb } from '@/lib/server/db';
import { confirmWageRefund } from '@/lib/server/wage-refund/confirm-wage-refund';
import { getWageRefundForConfirmation, type WageRefundConfirmationView } from '@/lib/server/wage-refund/get-wage-refund-for-confirmation';

/**
 * Public actions (no session): the USCC + one-time code is the credential, checked by the
 * use-case on every call with its attempt limit. Errors become safe Chinese messages.
 */
async function publicAction<T>(fn: (ip: string | null) => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await fn(await clientIp()) };
  } catch (e) {
    return toActionError(e);
  }
}

export async function openWageRefundAction(input: unknown): Promise<ActionResult<WageRefundConfirmationView>> {
  return publicAction(async (ip) => getWageRefundForConfirmation(await getDb(), input, { ip }));
}

export async function confirmWageRefundAction(input: unknown): Promise<ActionResult<WageRefundConfirmationView>> {
  return publicAction(async (ip) => confirmWageRefund(await getDb(), input, { ip }));
}

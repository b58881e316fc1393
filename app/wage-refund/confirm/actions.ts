'use server';

import { type ActionResult, toActionError } from '@/lib/actions/action-result';
import { clientIp } from '@/lib/actions/client-ip';
import { getDb } from '@/lib/server/db';
import { consumeRateLimit } from '@/lib/server/rate-limit/rate-limiter';
import { confirmWageRefund } from '@/lib/server/wage-refund/confirm-wage-refund';
import { getWageRefundForConfirmation, type WageRefundConfirmationView } from '@/lib/server/wage-refund/get-wage-refund-for-confirmation';

/**
 * Public actions (no session): the USCC + one-time code is the credential, checked by the
 * use-case on every call with its attempt limit. Errors become safe Chinese messages.
 */
async function publicAction<T>(fn: (ip: string | null) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const ip = await clientIp();
    // Every try from one address counts (WAGE_REFUND_CONFIRM_PER_HOUR_PER_ADDRESS), so a script cannot walk the USCCs.
    await consumeRateLimit(await getDb(), 'wage_refund_confirm_address', ip ?? 'unknown');
    return { ok: true, data: await fn(ip) };
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

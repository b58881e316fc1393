import { APP_ERROR_MESSAGES, isAppError, type AppErrorCode } from '@/lib/errors/app-error';
import { logUnexpected } from '@/lib/server/observability/action-log';

/** What every server action returns: data, or a safe code + Chinese message (+ field messages). */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: AppErrorCode; message: string; fieldErrors?: Record<string, string>; retryAfterSeconds?: number };

/** Map any thrown error to a safe result; unknown errors are logged and never shown. */
export function toActionError(e: unknown): Extract<ActionResult<never>, { ok: false }> {
  if (isAppError(e)) {
    const retry = e.retryAfterSeconds !== undefined ? { retryAfterSeconds: e.retryAfterSeconds } : {};
    return { ok: false, code: e.code, message: e.userMessage, fieldErrors: e.fieldErrors, ...retry };
  }
  logUnexpected('action', e);
  return { ok: false, code: 'INTERNAL', message: APP_ERROR_MESSAGES.INTERNAL };
}

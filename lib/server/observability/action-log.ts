import { errorCodeOf, log } from './log';
import { metrics } from './metrics';
import { currentRequest } from './request-context';

/**
 * One log line and one outcome count per server action or route handler: the action's name
 * (its permission or route), the outcome (`ok` or the error's code), the actor's id, the
 * duration and the request id. Never the input, never a message.
 */
export function recordAction(action: string, outcome: string, startedAt: number, actorId?: string | null): void {
  const durationMs = Math.round(performance.now() - startedAt);
  metrics().actionOutcomes.inc({ action, outcome });
  const line = { kind: 'action', action, outcome, actorId: actorId ?? currentRequest()?.actorId, durationMs, requestId: currentRequest()?.requestId };
  if (outcome === 'INTERNAL') log().error(line, 'action');
  else log().info(line, 'action');
}

/** An unexpected error, by code only (a driver's message can quote the query's parameters). */
export function logUnexpected(where: string, e: unknown): void {
  log().error({ kind: 'error', where, errorCode: errorCodeOf(e), requestId: currentRequest()?.requestId, actorId: currentRequest()?.actorId }, 'unexpected error');
}

import { AsyncLocalStorage } from 'node:async_hooks';

/** What the request log line needs from deeper down: the request id, and the actor once the session resolved. */
export interface RequestContext {
  requestId: string;
  actorId?: string;
}

const g = globalThis as { __kzRequestContext?: AsyncLocalStorage<RequestContext> };
export const requestContextStorage = (): AsyncLocalStorage<RequestContext> => (g.__kzRequestContext ??= new AsyncLocalStorage<RequestContext>());

export const currentRequest = (): RequestContext | undefined => requestContextStorage().getStore();

/** Record who acts in this request (its user id — nothing else about the person is logged). */
export function noteActor(userId: string): void {
  const ctx = currentRequest();
  if (ctx) ctx.actorId = userId;
}

import 'server-only';
import type { Db } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import type { Permission } from '@/lib/auth/permissions';
import { APP_ERROR_HTTP_STATUS } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';
import { getDb } from '@/lib/server/db';
import { toActionError } from './action-result';
import { retryAfterHeaders } from './route-helpers';
import { recordAction } from '@/lib/server/observability/action-log';

/** A JSON route handler that re-checks session and permission itself, like every action. */
export function jsonRoute<T>(permission: Permission, fn: (actor: Actor, db: Db, req: Request) => Promise<T>) {
  return async (req: Request): Promise<Response> => {
    const started = performance.now();
    try {
      const actor = await requirePermission(permission);
      const data = await fn(actor, await getDb(), req);
      recordAction(permission, 'ok', started, actor.userId);
      return Response.json({ data });
    } catch (e) {
      const err = toActionError(e);
      recordAction(permission, err.code, started);
      return Response.json({ error: { code: err.code, message: err.message } }, { status: APP_ERROR_HTTP_STATUS[err.code], headers: retryAfterHeaders(err) });
    }
  };
}

import 'server-only';
import type { Db } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import type { Permission } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/server/auth/actor';
import { getDb } from '@/lib/server/db';
import { recordAction } from '@/lib/server/observability/action-log';
import { type ActionResult, toActionError } from './action-result';

/**
 * The body of every protected server action: re-check the session and permission on
 * this request, then run one use-case; errors become safe codes and Chinese messages.
 */
export async function runProtected<T>(permission: Permission, fn: (actor: Actor, db: Db) => Promise<T>): Promise<ActionResult<T>> {
  const started = performance.now();
  let actorId: string | undefined;
  try {
    const actor = await requirePermission(permission);
    actorId = actor.userId;
    const data = await fn(actor, await getDb());
    recordAction(permission, 'ok', started, actorId);
    return { ok: true, data };
  } catch (e) {
    const err = toActionError(e);
    recordAction(permission, err.code, started, actorId);
    return err;
  }
}

import 'server-only';
import type { Db } from '@/db/client';
import { requirePermission } from '@/lib/auth/session';
import type { Permission } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/server/auth/actor';
import { getDb } from '@/lib/server/db';
import { type ActionResult, toActionError } from './action-result';

/**
 * The body of every protected server action: re-check the session and permission on
 * this request, then run one use-case; errors become safe codes and Chinese messages.
 */
export async function runProtected<T>(permission: Permission, fn: (actor: Actor, db: Db) => Promise<T>): Promise<ActionResult<T>> {
  try {
    const actor = await requirePermission(permission);
    return { ok: true, data: await fn(actor, await getDb()) };
  } catch (e) {
    return toActionError(e);
  }
}

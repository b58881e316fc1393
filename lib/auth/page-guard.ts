import 'server-only';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import type { Actor } from '@/lib/server/auth/actor';
import { safeCallbackPath } from '@/lib/domain/safe-callback';
import { siteOrigin } from './site-origin';
import { AREAS, hasPermission, type Area, type Permission } from './permissions';
import { getActor } from './session';

/**
 * For layouts and pages: the actor allowed into `area`. Signed-out users go to login
 * (told when their session expired); users of another role get the refusal page.
 * This is navigation only — every use-case checks permissions again.
 */
export async function requireAreaActor(area: Area): Promise<Actor> {
  const actor = await getActor();
  const path = AREAS[area].path;
  if (!actor) {
    const jar = await cookies();
    const hadSession = jar.getAll().some((c) => c.name.endsWith('next-auth.session-token'));
    redirect(`/login?callbackUrl=${encodeURIComponent(safeCallbackPath(path, siteOrigin()))}${hadSession ? '&expired=1' : ''}`);
  }
  if (actor.mustChangePassword) redirect('/account/password');
  if (actor.mustEnrolMfa) redirect('/account/mfa');
  if (!hasPermission(actor.role, AREAS[area].permission)) redirect(`/forbidden?area=${area}`);
  return actor;
}

/** A page of an area that only some of its roles use (policy is the system administrator's, tokens the security administrator's). */
export async function requirePageActor(area: Area, permission: Permission): Promise<Actor> {
  const actor = await requireAreaActor(area);
  if (!hasPermission(actor.role, permission)) redirect('/forbidden');
  return actor;
}

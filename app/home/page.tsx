import { redirect } from 'next/navigation';
import { getActor } from '@/lib/auth/session';
import { AREAS, homeAreaOf } from '@/lib/auth/permissions';

/** After login: each role lands in its own area. */
export default async function HomeRedirect() {
  const actor = await getActor();
  redirect(actor ? AREAS[homeAreaOf(actor.role)].path : '/login');
}

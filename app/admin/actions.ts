'use server';

import { revalidatePath } from 'next/cache';
import { runProtected } from '@/lib/actions/protected';
import { decideAdminRequest } from '@/lib/server/admin-requests/decide-admin-request';
import { proposeAdminRequest } from '@/lib/server/admin-requests/propose-admin-request';
import { setUserStatus } from '@/lib/server/users/set-user-status';

export async function setUserStatusAction(input: unknown) {
  const result = await runProtected('admin:users', (actor, db) => setUserStatus(db, actor, input));
  if (result.ok) revalidatePath('/admin');
  return result;
}

/** A new account, role change, password reset or bank token: a request another administrator of the kind approves. */
export async function proposeAdminRequestAction(input: unknown) {
  const result = await runProtected('admin:access', (actor, db) => proposeAdminRequest(db, actor, input));
  if (result.ok) revalidatePath('/admin/requests');
  return result;
}

export async function decideAdminRequestAction(input: unknown) {
  const result = await runProtected('admin:access', (actor, db) => decideAdminRequest(db, actor, input));
  if (result.ok) revalidatePath('/admin', 'layout');
  return result;
}

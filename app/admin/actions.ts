'use server';

import { revalidatePath } from 'next/cache';
import { runProtected } from '@/lib/actions/protected';
import { setUserStatus } from '@/lib/server/users/set-user-status';
import { createStaffUser } from '@/lib/server/users/create-staff-user';
import { changeUserRole } from '@/lib/server/users/change-user-role';
import { resetUserPassword } from '@/lib/server/users/reset-user-password';

export async function setUserStatusAction(input: unknown) {
  const result = await runProtected('admin:users', (actor, db) => setUserStatus(db, actor, input));
  if (result.ok) revalidatePath('/admin');
  return result;
}

export async function createStaffUserAction(input: unknown) {
  const result = await runProtected('admin:users', (actor, db) => createStaffUser(db, actor, input));
  if (result.ok) revalidatePath('/admin');
  return result;
}

export async function changeUserRoleAction(input: unknown) {
  const result = await runProtected('admin:users', (actor, db) => changeUserRole(db, actor, input));
  if (result.ok) revalidatePath('/admin');
  return result;
}

export async function resetUserPasswordAction(input: unknown) {
  return runProtected('admin:users', (actor, db) => resetUserPassword(db, actor, input));
}

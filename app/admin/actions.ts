'use server';

import { revalidatePath } from 'next/cache';
import { runProtected } from '@/lib/actions/protected';
import { setUserStatus } from '@/lib/server/users/set-user-status';

export async function setUserStatusAction(input: unknown) {
  const result = await runProtected('admin:users', (actor, db) => setUserStatus(db, actor, input));
  if (result.ok) revalidatePath('/admin');
  return result;
}

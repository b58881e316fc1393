'use server';

import { revalidatePath } from 'next/cache';
import { runProtected } from '@/lib/actions/protected';
import { createOrganisation } from '@/lib/server/organisations/create-organisation';
import { renameOrganisation } from '@/lib/server/organisations/rename-organisation';

export async function createOrganisationAction(input: unknown) {
  const r = await runProtected('admin:users', (actor, db) => createOrganisation(db, actor, input));
  if (r.ok) revalidatePath('/admin/organisations');
  return r;
}

export async function renameOrganisationAction(input: unknown) {
  const r = await runProtected('admin:users', (actor, db) => renameOrganisation(db, actor, input));
  if (r.ok) revalidatePath('/admin/organisations');
  return r;
}

'use server';

import { revalidatePath } from 'next/cache';
import { runProtected } from '@/lib/actions/protected';
import { fileHiringSubsidy } from '@/lib/server/hiring/file-hiring-subsidy';

export async function fileHiringSubsidyAction(input: unknown) {
  const r = await runProtected('subsidy:file_hiring', (actor, db) => fileHiringSubsidy(db, actor, input));
  if (r.ok) revalidatePath('/portal/hiring');
  return r;
}

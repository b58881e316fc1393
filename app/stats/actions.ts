'use server';

import { revalidatePath } from 'next/cache';
import { runProtected } from '@/lib/actions/protected';
import { setAnnualTarget } from '@/lib/server/scorecard/set-annual-target';

export async function setAnnualTargetAction(input: unknown) {
  const r = await runProtected('targets:manage', (actor, db) => setAnnualTarget(db, actor, input));
  if (r.ok) revalidatePath('/stats');
  return r;
}

'use server';

import { revalidatePath } from 'next/cache';
import { runProtected } from '@/lib/actions/protected';
import { confirmEnterpriseContact } from '@/lib/server/hiring/confirm-enterprise-contact';
import { createHiringBatch } from '@/lib/server/hiring/create-hiring-batch';
import { decideHiringFiling } from '@/lib/server/hiring/decide-hiring-filing';

const done = <T extends { ok: boolean }>(r: T) => {
  if (r.ok) revalidatePath('/review/hiring', 'layout');
  return r;
};

export async function decideHiringFilingAction(input: unknown) {
  return done(await runProtected('subsidy:decide_hiring', async (actor, db) => (await decideHiringFiling(db, actor, input)).status));
}

export async function createHiringBatchAction(input: unknown) {
  return done(await runProtected('subsidy:decide_hiring', (actor, db) => createHiringBatch(db, actor, input)));
}

export async function confirmEnterpriseContactAction(input: unknown) {
  return done(await runProtected('subsidy:decide_hiring', (actor, db) => confirmEnterpriseContact(db, actor, input)));
}

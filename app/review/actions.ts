'use server';

import { revalidatePath } from 'next/cache';
import { runProtected } from '@/lib/actions/protected';
import { decideApplication } from '@/lib/server/review/decide-application';
import { recordContract } from '@/lib/server/review/record-contract';
import { recordDisbursement } from '@/lib/server/review/record-disbursement';
import { revealPersonalData } from '@/lib/server/review/reveal-personal-data';
import { decideBenefitItem } from '@/lib/server/benefits/decide-benefit-item';

const done = <T extends { ok: boolean }>(r: T) => {
  if (r.ok) revalidatePath('/review');
  return r;
};

export async function decideApplicationAction(input: unknown) {
  return done(await runProtected('review:access', async (actor, db) => (await decideApplication(db, actor, input)).state));
}

export async function recordContractAction(input: unknown) {
  return done(await runProtected('review:bank', async (actor, db) => (await recordContract(db, actor, input)).state));
}

export async function recordDisbursementAction(input: unknown) {
  return done(await runProtected('review:bank', async (actor, db) => (await recordDisbursement(db, actor, input)).state));
}

export async function revealPersonalDataAction(input: unknown) {
  return runProtected('pii:unmask', (actor, db) => revealPersonalData(db, actor, input));
}

export async function decideBenefitItemAction(input: unknown) {
  return runProtected('review:hr', (actor, db) => decideBenefitItem(db, actor, input));
}

'use server';

import { revalidatePath } from 'next/cache';
import { runProtected } from '@/lib/actions/protected';
import { verifyBatch } from '@/lib/server/batches/verify-batch';
import { requestClaim } from '@/lib/server/claims/request-claim';
import { startClaimJob } from '@/lib/server/claims/run-claim-job';

/** 申报贴息: record the claim, then start its job in this process (the page polls its progress). */
export async function requestClaimAction(input: unknown) {
  const r = await runProtected('review:bank', async (actor, db) => {
    const { batch, created } = await requestClaim(db, actor, input);
    if (batch.status === 'building') startClaimJob(db, batch.id);
    return { id: batch.id, number: batch.number, status: batch.status, created };
  });
  if (r.ok) revalidatePath('/review/claims');
  return r;
}

/** 人社审核. */
export async function verifyBatchAction(input: unknown) {
  const r = await runProtected('review:hr', async (actor, db) => {
    const b = await verifyBatch(db, actor, input);
    return { id: b.id, status: b.status };
  });
  if (r.ok) revalidatePath('/review/claims');
  return r;
}

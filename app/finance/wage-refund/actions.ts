'use server';

import { revalidatePath } from 'next/cache';
import { runProtected } from '@/lib/actions/protected';
import { createWageRefundBatch } from '@/lib/server/wage-refund/create-wage-refund-batch';
import { notifyWageRefunds } from '@/lib/server/wage-refund/notify-wage-refunds';
import { reviewWageRefundChange } from '@/lib/server/wage-refund/review-wage-refund-change';

const done = <T extends { ok: boolean }>(r: T) => {
  if (r.ok) {
    revalidatePath('/finance/wage-refund');
    revalidatePath('/review/wage-refund');
  }
  return r;
};

export async function notifyWageRefundsAction(input: unknown) {
  return done(await runProtected('subsidy:import_insurance_data', (actor, db) => notifyWageRefunds(db, actor, input)));
}

export async function createWageRefundBatchAction(input: unknown) {
  return done(await runProtected('subsidy:import_insurance_data', (actor, db) => createWageRefundBatch(db, actor, input)));
}

export async function reviewWageRefundChangeAction(input: unknown) {
  return done(await runProtected('subsidy:review_wage_refund_change', async (actor, db) => {
    const r = await reviewWageRefundChange(db, actor, input);
    return { status: r.status };
  }));
}

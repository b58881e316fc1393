'use server';

import { revalidatePath } from 'next/cache';
import { runProtected } from '@/lib/actions/protected';
import { declareLoanDefault } from '@/lib/server/servicing/declare-loan-default';
import { detectOverdueLoans } from '@/lib/server/servicing/detect-overdue-loans';
import { extendLoan } from '@/lib/server/servicing/extend-loan';
import { markLoanOverdue } from '@/lib/server/servicing/mark-loan-overdue';
import { recordCompensation } from '@/lib/server/servicing/record-compensation';
import { recordRepayment } from '@/lib/server/servicing/record-repayment';
import { settleLoan } from '@/lib/server/servicing/settle-loan';

const done = <T extends { ok: boolean }>(r: T) => {
  if (r.ok) {
    revalidatePath('/review', 'layout');
    revalidatePath('/portal', 'layout');
  }
  return r;
};

export async function recordRepaymentAction(input: unknown) {
  return done(await runProtected('review:bank', (actor, db) => recordRepayment(db, actor, input)));
}

export async function markLoanOverdueAction(input: unknown) {
  return done(await runProtected('review:bank', (actor, db) => markLoanOverdue(db, actor, input)));
}

export async function extendLoanAction(input: unknown) {
  return done(await runProtected('review:bank', (actor, db) => extendLoan(db, actor, input)));
}

export async function settleLoanAction(input: unknown) {
  return done(await runProtected('review:bank', (actor, db) => settleLoan(db, actor, input)));
}

export async function declareLoanDefaultAction(input: unknown) {
  return done(await runProtected('review:bank', (actor, db) => declareLoanDefault(db, actor, input)));
}

export async function recordCompensationAction(input: unknown) {
  return done(await runProtected('review:guarantee', (actor, db) => recordCompensation(db, actor, input)));
}

export async function detectOverdueLoansAction() {
  return done(await runProtected('review:bank', (actor, db) => detectOverdueLoans(db, actor)));
}

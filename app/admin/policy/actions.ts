'use server';

import { revalidatePath } from 'next/cache';
import { runProtected } from '@/lib/actions/protected';
import { decidePolicyChange } from '@/lib/server/policy/decide-policy-change';
import { proposeLprRate, proposeRuleSet } from '@/lib/server/policy/propose-policy-change';

const done = <T extends { ok: boolean }>(r: T) => {
  if (r.ok) revalidatePath('/admin/policy');
  return r;
};

export async function proposeLprAction(input: unknown) {
  return done(await runProtected('admin:policy', (actor, db) => proposeLprRate(db, actor, input)));
}

export async function proposeRuleSetAction(input: unknown) {
  return done(await runProtected('admin:policy', (actor, db) => proposeRuleSet(db, actor, input)));
}

export async function decidePolicyChangeAction(input: unknown) {
  return done(await runProtected('admin:policy', (actor, db) => decidePolicyChange(db, actor, input)));
}

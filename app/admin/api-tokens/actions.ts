'use server';

import { revalidatePath } from 'next/cache';
import { runProtected } from '@/lib/actions/protected';
import { issueApiToken } from '@/lib/server/api-tokens/issue-api-token';
import { revokeApiToken } from '@/lib/server/api-tokens/revoke-api-token';

export async function issueApiTokenAction(input: unknown) {
  const r = await runProtected('admin:api_tokens', (actor, db) => issueApiToken(db, actor, input));
  if (r.ok) revalidatePath('/admin/api-tokens');
  return r;
}

export async function revokeApiTokenAction(input: unknown) {
  const r = await runProtected('admin:api_tokens', (actor, db) => revokeApiToken(db, actor, input));
  if (r.ok) revalidatePath('/admin/api-tokens');
  return r;
}

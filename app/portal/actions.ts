'use server';

import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { runProtected } from '@/lib/actions/protected';
import { createDraftApplication } from '@/lib/server/applications/create-draft-application';
import { previewApplicationTerms } from '@/lib/server/applications/preview-application-terms';
import { resubmitApplication } from '@/lib/server/applications/resubmit-application';
import { saveDraftApplication } from '@/lib/server/applications/save-draft-application';
import { submitApplication } from '@/lib/server/applications/submit-application';
import { withdrawApplication } from '@/lib/server/applications/withdraw-application';
import { markNotificationsRead } from '@/lib/server/notifications/mark-notifications-read';

export async function createDraftAction(loanType: string) {
  const r = await runProtected('application:create', (actor, db) => createDraftApplication(db, actor, { loanType }));
  if (r.ok) redirect(`/portal/applications/${r.data.applicationId}/edit`);
  return r;
}

export async function saveDraftAction(input: unknown) {
  return runProtected('application:create', (actor, db) => saveDraftApplication(db, actor, input));
}

export async function previewTermsAction(form: unknown) {
  return runProtected('application:create', (actor, db) => previewApplicationTerms(db, actor, form));
}

export async function submitApplicationAction(input: unknown) {
  const r = await runProtected('application:create', (actor, db) => submitApplication(db, actor, input));
  if (r.ok) revalidatePath('/portal');
  return r;
}

export async function resubmitApplicationAction(input: unknown) {
  const r = await runProtected('application:create', (actor, db) => resubmitApplication(db, actor, input));
  if (r.ok) revalidatePath('/portal');
  return r;
}

export async function withdrawApplicationAction(input: unknown) {
  const r = await runProtected('application:create', (actor, db) => withdrawApplication(db, actor, input));
  if (r.ok) revalidatePath('/portal');
  return r;
}

export async function markNotificationsReadAction() {
  return runProtected('portal:access', (actor, db) => markNotificationsRead(db, actor));
}

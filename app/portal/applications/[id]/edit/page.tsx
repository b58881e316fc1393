import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { requiredDocumentKinds } from '@/lib/server/applications/check-submission';
import { getApplicationFormOptions } from '@/lib/server/applications/get-application-form-options';
import { getMyApplication } from '@/lib/server/applications/get-my-application';
import { getDb } from '@/lib/server/db';
import { LOAN_TYPE_LABELS } from '@/lib/validation/application';
import { ApplicationWizard } from './application-wizard';
import { initialFormValues } from './initial-form';
import { getMyProfile } from '@/lib/server/users/get-my-profile';

export const metadata: Metadata = { title: '填写申请' };

export default async function EditApplicationPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAreaActor('portal');
  const { id } = await params;
  const db = await getDb();
  const app = await getMyApplication(db, actor, id).catch(() => null);
  if (!app) redirect('/portal');
  if (app.state !== 'draft' && app.state !== 'returned') redirect(`/portal/applications/${id}`);
  const [options, profile] = await Promise.all([getApplicationFormOptions(db), getMyProfile(db, actor)]);
  const form = initialFormValues(app.form, app.loanType);
  return (
    <div className="space-y-2">
      <h1 className="text-xl font-semibold">{LOAN_TYPE_LABELS[app.loanType]}贷款申请{app.number ? ` ${app.number}` : ''}</h1>
      <ApplicationWizard
        applicationId={app.id}
        mode={app.state === 'returned' ? 'returned' : 'draft'}
        initialForm={form}
        initialStep={app.state === 'returned' ? 1 : Math.min(app.draftStep, 6)}
        options={options}
        profile={profile}
        returnItems={app.returnItems ?? []}
        requiredDocKinds={requiredDocumentKinds(form as Parameters<typeof requiredDocumentKinds>[0])}
      />
    </div>
  );
}

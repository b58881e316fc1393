import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { HiringFilingDetails, HiringStatusBadge } from '@/app/portal/hiring/hiring-view';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { hasPermission } from '@/lib/auth/permissions';
import { getDb } from '@/lib/server/db';
import { getHiringFiling } from '@/lib/server/hiring/get-hiring-filing';
import { HIRING_SCHEME_LABELS } from '@/lib/validation/hiring';
import { HiringDecisionForm } from './decision-form';
import { FilingWarnings } from './filing-warnings';

export const metadata: Metadata = { title: '吸纳就业补贴申报审核' };

export default async function HiringReviewPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAreaActor('review');
  if (!hasPermission(actor.role, 'subsidy:decide_hiring')) redirect('/review');
  const { id } = await params;
  const f = await getHiringFiling(await getDb(), actor, id).catch(() => null);
  if (!f) redirect('/review/hiring');
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">{HIRING_SCHEME_LABELS[f.scheme]} {f.number}</h1>
        <HiringStatusBadge status={f.status} />
      </div>
      <FilingWarnings f={f} />
      <HiringFilingDetails f={f} audience="hr" />
      {f.canDecide && <HiringDecisionForm filingId={f.id} version={f.version} />}
      {f.status === 'submitted' && !f.canDecide && <p className="text-sm text-slate-600">本人提交的申报不能由本人审核。</p>}
      <Link href="/review/hiring" className="btn-secondary">返回审核列表</Link>
    </div>
  );
}

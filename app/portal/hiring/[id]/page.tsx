import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { getDb } from '@/lib/server/db';
import { getHiringFiling } from '@/lib/server/hiring/get-hiring-filing';
import { HIRING_SCHEME_LABELS } from '@/lib/validation/hiring';
import { HiringFilingDetails, HiringStatusBadge } from '../hiring-view';

export const metadata: Metadata = { title: '吸纳就业补贴申报' };

export default async function MyHiringFilingPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ filed?: string }> }) {
  const actor = await requireAreaActor('portal');
  const { id } = await params;
  const { filed } = await searchParams;
  const f = await getHiringFiling(await getDb(), actor, id).catch(() => null);
  if (!f) redirect('/portal/hiring');
  return (
    <div className="space-y-4">
      {filed && <p role="status" className="rounded-md bg-green-50 px-4 py-3 text-sm text-green-800">申报已提交，编号 {f.number}。人社部门审核后会通过站内消息和短信通知您。</p>}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">{HIRING_SCHEME_LABELS[f.scheme]} {f.number}</h1>
        <HiringStatusBadge status={f.status} />
      </div>
      <HiringFilingDetails f={f} audience="filer" />
      <Link href="/portal/hiring" className="btn-secondary">返回我的申报</Link>
    </div>
  );
}

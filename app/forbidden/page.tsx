import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { AppShell } from '@/app/_components/app-shell';
import { getActor } from '@/lib/auth/session';
import { AREAS, ROLE_LABELS, homeAreaOf, type Area } from '@/lib/auth/permissions';

export const metadata: Metadata = { title: '无权访问' };

export default async function ForbiddenPage({ searchParams }: { searchParams: Promise<{ area?: string }> }) {
  const actor = await getActor();
  if (!actor) redirect('/login');
  const { area } = await searchParams;
  const target = area && area in AREAS ? AREAS[area as Area].label : '该页面';
  const home = AREAS[homeAreaOf(actor.role)];
  return (
    <AppShell actor={actor}>
      <div role="alert" className="card border-red-200 bg-red-50">
        <h1 className="text-lg font-semibold text-red-800">无权访问</h1>
        <p className="mt-2 text-sm text-red-700">
          您当前的身份是“{ROLE_LABELS[actor.role]}”，无权访问“{target}”。如需开通，请联系安全管理员。
        </p>
        <Link href={home.path} className="btn-primary mt-4">返回{home.label}</Link>
      </div>
    </AppShell>
  );
}

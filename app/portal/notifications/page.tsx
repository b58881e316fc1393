import type { Metadata } from 'next';
import Link from 'next/link';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { getDb } from '@/lib/server/db';
import { listNotifications } from '@/lib/server/notifications/list-notifications';
import { dateTimeText } from '@/app/portal/_components/format';
import { MarkReadButton } from './mark-read-button';

export const metadata: Metadata = { title: '消息通知' };

export default async function NotificationsPage() {
  const actor = await requireAreaActor('portal');
  const { rows, unread } = await listNotifications(await getDb(), actor);
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-xl font-semibold">消息通知</h1>
        {unread > 0 && <MarkReadButton />}
      </div>
      <ul className="card divide-y divide-slate-100 p-0">
        {rows.map((n) => (
          <li key={n.id} className={`px-4 py-3 ${n.readAt ? '' : 'bg-brand-50'}`}>
            <p className="text-sm font-medium">{n.title}</p>
            <p className="mt-1 text-sm text-slate-600">{n.body}</p>
            <p className="mt-1 text-xs text-slate-500">
              {dateTimeText(n.createdAt)}
              {n.applicationId && <> · <Link className="text-brand-600" href={`/portal/applications/${n.applicationId}`}>查看申请</Link></>}
            </p>
          </li>
        ))}
        {rows.length === 0 && <li className="px-4 py-6 text-center text-sm text-slate-500">暂无消息</li>}
      </ul>
    </div>
  );
}

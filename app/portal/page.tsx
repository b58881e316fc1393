import type { Metadata } from 'next';
import Link from 'next/link';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { FINAL_STATES } from '@/lib/domain/workflow/application-states';
import { listMyApplications } from '@/lib/server/applications/list-my-applications';
import { getDb } from '@/lib/server/db';
import { listNotifications } from '@/lib/server/notifications/list-notifications';
import { LOAN_TYPE_LABELS } from '@/lib/validation/application';
import { dateTimeText, yuanText } from './_components/format';
import { StateBadge } from './_components/state-badge';
import { StartApplication } from './start-application';

export const metadata: Metadata = { title: '申请人服务' };

export default async function PortalHome() {
  const actor = await requireAreaActor('portal');
  const db = await getDb();
  const [apps, notes] = await Promise.all([listMyApplications(db, actor), listNotifications(db, actor, 3)]);
  const hasOpen = apps.some((a) => !FINAL_STATES.includes(a.state) && a.state !== 'settled');
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">您好，{actor.realName}</h1>
      {notes.unread > 0 && (
        <Link href="/portal/notifications" className="block rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">
          您有 {notes.unread} 条未读消息：{notes.rows[0]?.title}
        </Link>
      )}
      <section className="card">
        <div className="flex items-center justify-between">
          <h2 className="font-medium">我的申请</h2>
          <Link href="/portal/notifications" className="text-sm text-brand-600">消息通知</Link>
        </div>
        {apps.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">您还没有提交过申请。创业担保贷款与“三免两贴两推荐”政策可在一份申请中一并办理。</p>
        ) : (
          <ul className="mt-3 divide-y divide-slate-100">
            {apps.map((a) => (
              <li key={a.id}>
                <Link href={a.state === 'draft' ? `/portal/applications/${a.id}/edit` : `/portal/applications/${a.id}`} className="flex flex-wrap items-center justify-between gap-2 py-3 hover:bg-slate-50">
                  <span>
                    <span className="block font-medium">{LOAN_TYPE_LABELS[a.loanType]}贷款 {a.number ?? '（草稿）'}</span>
                    <span className="block text-sm text-slate-500">{a.businessName ?? '经营主体待填写'} · {yuanText(a.requestedAmountFen)} · 更新于 {dateTimeText(a.updatedAt)}</span>
                  </span>
                  <StateBadge state={a.state} />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <Link href="/portal/hiring" className="card block hover:bg-slate-50"><span className="font-medium">一次性吸纳就业补贴</span><span className="block text-sm text-slate-600">企业招用高校毕业生、失业人员等，在线申报补贴并查看审核结果</span></Link>
      {!hasOpen && <StartApplication />}
      <section className="card">
        <h2 className="font-medium">办理须知</h2>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-600">
          <li>准备好身份证、营业执照（如已办理）和人员类别证明材料（如退役证、毕业证等），支持拍照上传。</li>
          <li>申请提交后依次由人社部门、担保机构、经办银行审核，每一步结果都会通知您。</li>
          <li>材料不全时会一次性告知需补正的全部事项。</li>
        </ul>
      </section>
    </div>
  );
}

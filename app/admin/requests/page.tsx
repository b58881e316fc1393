import type { Metadata } from 'next';
import { dateTimeText } from '@/app/portal/_components/format';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import type { Role } from '@/lib/domain/roles';
import { ADMIN_REQUEST_KIND_LABELS, ADMIN_REQUEST_STATE_LABELS } from '@/lib/domain/workflow/admin-request';
import { listAdminRequests } from '@/lib/server/admin-requests/list-admin-requests';
import { getDb } from '@/lib/server/db';
import { RequestActions } from './request-actions';

export const metadata: Metadata = { title: '待审批申请' };

type Side = { role: Role; orgName: string | null };

/** What a request would change: old and new side by side where there is an "old". */
function Change({ kind, payload }: { kind: string; payload: Record<string, unknown> }) {
  if (kind === 'change_role') {
    const { from, to } = payload as { from: Side; to: Side };
    return (
      <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-2 text-xs" data-testid="request-change">
        <dt className="text-slate-500">原</dt><dd>{ROLE_LABELS[from.role]} · {from.orgName ?? '—'}</dd>
        <dt className="text-slate-500">新</dt><dd className="font-medium">{ROLE_LABELS[to.role]} · {to.orgName}</dd>
      </dl>
    );
  }
  return null;
}

export default async function AdminRequestsPage() {
  const actor = await requireAreaActor('admin');
  const { open, decided } = await listAdminRequests(await getDb(), actor);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">待审批申请</h1>
      <p className="text-sm text-slate-600">
        新建账号、授予或调整角色、重置密码、签发或吊销银行接口令牌，都须由同类的另一位管理员批准后才生效；任何人不能审批自己提出的申请或与自己账号有关的申请。临时密码只以短信发送给账号本人。
      </p>
      <section className="card overflow-x-auto p-0">
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-500"><tr><th className="px-3 py-2">申请</th><th className="px-3 py-2">内容</th><th className="px-3 py-2">提出人</th><th className="px-3 py-2">处理</th></tr></thead>
          <tbody>
            {open.map((r) => (
              <tr key={r.id} className="border-t border-slate-100 align-top" data-testid="admin-request">
                <td className="whitespace-nowrap px-3 py-2">{ADMIN_REQUEST_KIND_LABELS[r.kind]}</td>
                <td className="px-3 py-2">{r.summary}<Change kind={r.kind} payload={r.payload} /><span className="block text-xs text-slate-500">理由：{r.reason}</span></td>
                <td className="whitespace-nowrap px-3 py-2">{r.proposedByName}<span className="block text-xs text-slate-500">{dateTimeText(r.proposedAt)}</span></td>
                <td className="px-3 py-2"><RequestActions requestId={r.id} actions={r.actions} /></td>
              </tr>
            ))}
            {open.length === 0 && <tr><td colSpan={4} className="px-3 py-6 text-center text-slate-500">暂无待审批申请</td></tr>}
          </tbody>
        </table>
      </section>
      <section className="card overflow-x-auto p-0">
        <h2 className="px-4 pt-4 font-medium">最近处理</h2>
        <table className="mt-2 w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-500"><tr><th className="px-3 py-2">申请</th><th className="px-3 py-2">内容</th><th className="px-3 py-2">提出人</th><th className="px-3 py-2">结果</th></tr></thead>
          <tbody>
            {decided.map((r) => (
              <tr key={r.id} className="border-t border-slate-100 align-top" data-testid="admin-request-decided">
                <td className="whitespace-nowrap px-3 py-2">{ADMIN_REQUEST_KIND_LABELS[r.kind]}</td>
                <td className="px-3 py-2">{r.summary}{r.decisionNote && <span className="block text-xs text-slate-500">意见：{r.decisionNote}</span>}</td>
                <td className="whitespace-nowrap px-3 py-2">{r.proposedByName}</td>
                <td className="whitespace-nowrap px-3 py-2">{ADMIN_REQUEST_STATE_LABELS[r.status]}<span className="block text-xs text-slate-500">{r.decidedByName} {r.decidedAt && dateTimeText(r.decidedAt)}</span></td>
              </tr>
            ))}
            {decided.length === 0 && <tr><td colSpan={4} className="px-3 py-6 text-center text-slate-500">暂无</td></tr>}
          </tbody>
        </table>
      </section>
    </div>
  );
}

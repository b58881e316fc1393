import type { Metadata } from 'next';
import { dateTimeText } from '@/app/portal/_components/format';
import { requirePageActor } from '@/lib/auth/page-guard';
import { latestRuleSet } from '@/lib/domain/rules';
import { getDb } from '@/lib/server/db';
import { DEPLOYMENT_DISTRICT, getRuleCatalog } from '@/lib/server/policy/get-rule-catalog';
import { listPolicyChanges } from '@/lib/server/policy/list-policy-changes';
import { DecideButtons, ProposeLprForm, ProposeRuleSetForm } from './policy-forms';

export const metadata: Metadata = { title: '政策参数管理' };

const STATUS = { proposed: '待审批', approved: '已生效', rejected: '已驳回' } as const;

export default async function PolicyPage() {
  const actor = await requirePageActor('admin', 'admin:policy');
  const db = await getDb();
  const [data, catalog] = await Promise.all([listPolicyChanges(db, actor), getRuleCatalog(db)]);
  const current = latestRuleSet(catalog.ruleSets, 'loan', DEPLOYMENT_DISTRICT);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">政策参数管理</h1>
      <p className="text-sm text-slate-600">所有变更实行“一人提出、另一人审批”；审批通过后才用于新的计算，已审批的计算结果不追溯变更。</p>
      <section className="card overflow-x-auto p-0">
        <h2 className="px-4 pt-4 font-medium">变更申请</h2>
        <table className="mt-2 w-full text-left text-sm">
          <thead className="bg-slate-50 text-slate-500"><tr><th className="px-3 py-2">内容</th><th className="px-3 py-2">提出人</th><th className="px-3 py-2">状态</th><th className="px-3 py-2">审批</th></tr></thead>
          <tbody>
            {data.rows.map((c) => (
              <tr key={c.id} className="border-t border-slate-100 align-top" data-testid="policy-change">
                <td className="px-3 py-2">{c.summary}{c.reason && <span className="block text-xs text-slate-500">依据/理由：{c.reason}</span>}</td>
                <td className="whitespace-nowrap px-3 py-2">{c.proposedByName}<span className="block text-xs text-slate-500">{dateTimeText(c.proposedAt)}</span></td>
                <td className="px-3 py-2">{STATUS[c.status]}{c.decidedByName && <span className="block text-xs text-slate-500">{c.decidedByName} {dateTimeText(c.decidedAt)}</span>}</td>
                <td className="px-3 py-2">{c.status === 'proposed' ? (c.proposedBy === actor.userId ? <span className="text-xs text-slate-500">待其他管理员审批</span> : <DecideButtons changeId={c.id} />) : '—'}</td>
              </tr>
            ))}
            {data.rows.length === 0 && <tr><td colSpan={4} className="px-3 py-6 text-center text-slate-500">暂无变更申请</td></tr>}
          </tbody>
        </table>
      </section>
      <ProposeLprForm />
      <section className="card">
        <h2 className="font-medium">现行一年期 LPR</h2>
        <ul className="mt-2 grid gap-1 text-sm sm:grid-cols-3" data-testid="lpr-table">
          {data.lprRows.slice(0, 9).map((r) => <li key={r.effectiveFrom}>{r.effectiveFrom} 起：{r.ratePercent}%</li>)}
        </ul>
      </section>
      <ProposeRuleSetForm template={JSON.stringify({ ...current, version: current.version + 1 }, null, 2)} />
    </div>
  );
}

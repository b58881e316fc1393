import type { Metadata } from 'next';
import Link from 'next/link';
import { Pager } from '@/app/_components/pager';
import { yuanText } from '@/app/portal/_components/format';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { BATCH_KIND_LABELS, type BatchStatus } from '@/lib/domain/subsidy-batches/labels';
import { getDb } from '@/lib/server/db';
import { listBatches } from '@/lib/server/batches/list-batches';
import { BatchStatusBadge } from './_components/batch-badge';
import { BatchActions } from './_components/batch-actions';

export const metadata: Metadata = { title: '财政拨付' };

const TABS: { key: string; label: string; statuses?: BatchStatus[] }[] = [
  { key: 'todo', label: '待办', statuses: ['verified', 'approved', 'exported'] },
  { key: 'verified', label: '待审批', statuses: ['verified'] },
  { key: 'approved', label: '待导出', statuses: ['approved'] },
  { key: 'exported', label: '待回盘', statuses: ['exported'] },
  { key: 'reconciled', label: '已对账', statuses: ['reconciled'] },
  { key: 'prepared', label: '人社审核中', statuses: ['building', 'prepared'] },
  { key: 'all', label: '全部' },
];

type SP = Record<string, string | undefined>;

/** Finance's desk: subsidy batches by status, with approval, export, downloads and re-issue. */
export default async function FinanceHome({ searchParams }: { searchParams: Promise<SP> }) {
  const actor = await requireAreaActor('finance');
  const sp = await searchParams;
  const tab = TABS.find((t) => t.key === sp.tab) ?? TABS[0];
  const db = await getDb();
  const list = await listBatches(db, actor, { statuses: tab.statuses, q: sp.q?.slice(0, 50), page: Number(sp.page) || 1 });
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">财政拨付</h1>
      <a href="/finance/wage-refund" className="btn-secondary">稳岗返还（免申即享）：导入参保数据、通知企业确认、生成拨付批次</a>
      <nav aria-label="批次状态" className="flex flex-wrap gap-2 text-sm">
        {TABS.map((t) => (
          <Link key={t.key} href={`/finance?tab=${t.key}`} className={t.key === tab.key ? 'btn-primary' : 'btn-secondary'} aria-current={t.key === tab.key ? 'page' : undefined}>{t.label}</Link>
        ))}
      </nav>
      <form className="flex gap-2" role="search">
        <input type="hidden" name="tab" value={tab.key} />
        <input name="q" defaultValue={sp.q} placeholder="批次号 / 经办银行" aria-label="搜索批次" className="input" />
        <button className="btn-primary shrink-0">查询</button>
      </form>
      <div className="card overflow-x-auto p-0">
        <table className="w-full min-w-[48rem] text-left text-sm" data-testid="batches">
          <thead className="bg-slate-50 text-slate-500">
            <tr><th className="px-3 py-2">批次号</th><th className="px-3 py-2">类型 / 期间</th><th className="px-3 py-2">经办银行</th><th className="px-3 py-2 text-right">笔数</th><th className="px-3 py-2 text-right">金额</th><th className="px-3 py-2">状态</th><th className="px-3 py-2">办理</th></tr>
          </thead>
          <tbody>
            {list.rows.length === 0 && <tr><td colSpan={7} className="px-3 py-6 text-center text-slate-500">当前没有{tab.key === 'todo' ? '待办理的' : '符合条件的'}补贴批次</td></tr>}
            {list.rows.map((b) => (
              <tr key={b.id} className="border-t border-slate-100 align-top" data-batch={b.number}>
                <td className="px-3 py-2"><Link href={`/finance/batches/${b.id}`} className="font-mono text-brand-600 hover:underline">{b.number}</Link></td>
                <td className="px-3 py-2">{BATCH_KIND_LABELS[b.kind]}<span className="block text-xs text-slate-500">{b.period}{b.round ? ` · 第 ${b.round} 次重拨` : ''}</span></td>
                <td className="px-3 py-2">{b.bankName ?? '—'}</td>
                <td className="px-3 py-2 text-right">{b.lineCount}</td>
                <td className="whitespace-nowrap px-3 py-2 text-right">{yuanText(b.totalFen)}</td>
                <td className="px-3 py-2"><BatchStatusBadge status={b.status} /></td>
                <td className="px-3 py-2"><BatchActions actor={actor} batch={b} hasExport={b.hasExport} failedOpen={0} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={list.page} pageSize={list.pageSize} total={list.total} basePath="/finance" params={{ tab: tab.key, q: sp.q }} />
    </div>
  );
}

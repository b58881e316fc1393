import type { Metadata } from 'next';
import Link from 'next/link';
import { Pager } from '@/app/_components/pager';
import { BatchStatusBadge } from '@/app/finance/_components/batch-badge';
import { yuanText } from '@/app/portal/_components/format';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { BATCH_KIND_LABELS, BATCH_STATUS_LABELS, type BatchStatus } from '@/lib/domain/subsidy-batches/labels';
import { listBatches } from '@/lib/server/batches/list-batches';
import { getDb } from '@/lib/server/db';

export const metadata: Metadata = { title: '补贴批次（只读）' };

const STATUSES = Object.keys(BATCH_STATUS_LABELS) as BatchStatus[];

/** Every subsidy batch, read-only, for the auditor: who prepared, verified, approved and exported each is on its page. */
export default async function AuditBatchesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAreaActor('audit');
  const sp = await searchParams;
  const status = STATUSES.find((s) => s === sp.status);
  const list = await listBatches(await getDb(), actor, { statuses: status ? [status] : undefined, q: sp.q?.slice(0, 50), page: Number(sp.page) || 1 });
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">补贴批次（只读）</h1>
      <form className="flex flex-wrap gap-2" role="search">
        <input name="q" defaultValue={sp.q} placeholder="批次号 / 经办银行" aria-label="搜索批次" className="input max-w-xs" />
        <select name="status" defaultValue={status ?? ''} aria-label="批次状态" className="input max-w-[12rem]">
          <option value="">全部状态</option>
          {STATUSES.map((s) => <option key={s} value={s}>{BATCH_STATUS_LABELS[s]}</option>)}
        </select>
        <button className="btn-primary shrink-0">查询</button>
      </form>
      <div className="card overflow-x-auto p-0">
        <table className="w-full min-w-[40rem] text-left text-sm" data-testid="batches">
          <thead className="bg-slate-50 text-slate-500">
            <tr><th className="px-3 py-2">批次号</th><th className="px-3 py-2">类型 / 期间</th><th className="px-3 py-2">经办银行</th><th className="px-3 py-2 text-right">笔数</th><th className="px-3 py-2 text-right">金额</th><th className="px-3 py-2">状态</th></tr>
          </thead>
          <tbody>
            {list.rows.length === 0 && <tr><td colSpan={6} className="px-3 py-6 text-center text-slate-500">没有符合条件的补贴批次</td></tr>}
            {list.rows.map((b) => (
              <tr key={b.id} className="border-t border-slate-100 align-top">
                <td className="px-3 py-2"><Link href={`/audit/batches/${b.id}`} className="font-mono text-brand-600 hover:underline">{b.number}</Link></td>
                <td className="px-3 py-2">{BATCH_KIND_LABELS[b.kind]}<span className="block text-xs text-slate-500">{b.period}{b.round ? ` · 第 ${b.round} 次重拨` : ''}</span></td>
                <td className="px-3 py-2">{b.bankName ?? '—'}</td>
                <td className="px-3 py-2 text-right">{b.lineCount}</td>
                <td className="whitespace-nowrap px-3 py-2 text-right">{yuanText(b.totalFen)}</td>
                <td className="px-3 py-2"><BatchStatusBadge status={b.status} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={list.page} pageSize={list.pageSize} total={list.total} basePath="/audit/batches" params={{ q: sp.q, status }} />
    </div>
  );
}

import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Pager } from '@/app/_components/pager';
import { dateTimeText, yuanText } from '@/app/portal/_components/format';
import { BatchStatusBadge } from '@/app/finance/_components/batch-badge';
import { ClaimProgress } from '@/app/finance/_components/claim-progress';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { hasPermission } from '@/lib/auth/permissions';
import { BATCH_KIND_LABELS, type BatchStatus } from '@/lib/domain/subsidy-batches/labels';
import { latestClosedQuarter, quartersBefore } from '@/lib/domain/subsidy-batches/quarter';
import { listBatches } from '@/lib/server/batches/list-batches';
import { resumeStaleClaimJobs } from '@/lib/server/claims/run-claim-job';
import { todayInChina } from '@/lib/server/clock';
import { getDb } from '@/lib/server/db';
import { RequestClaimForm } from './request-claim-form';

export const metadata: Metadata = { title: '贴息申报与审核' };

type SP = Record<string, string | undefined>;

/**
 * 贴息申报: the bank officer asks for a quarter's claim and follows its generation; HR sees
 * the claims (and the yearly schemes' batches) waiting for verification.
 */
export default async function ClaimsPage({ searchParams }: { searchParams: Promise<SP> }) {
  const actor = await requireAreaActor('review');
  const bank = hasPermission(actor.role, 'review:bank');
  const hr = hasPermission(actor.role, 'review:hr');
  if (!bank && !hr) redirect('/review');
  const sp = await searchParams;
  const db = await getDb();
  // A claim left half-built by a process that died is picked up again by whoever looks.
  await resumeStaleClaimJobs(db);
  const hrTodo = hr && sp.tab !== 'all';
  const statuses: BatchStatus[] | undefined = hrTodo ? ['prepared'] : undefined;
  const list = await listBatches(db, actor, { statuses, kinds: bank ? ['interest'] : undefined, q: sp.q?.slice(0, 50), page: Number(sp.page) || 1 });
  const quarters = quartersBefore(latestClosedQuarter(todayInChina()), 8);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">{bank ? '贴息申报' : '补贴批次审核'}</h1>
        <Link href="/review" className="btn-secondary">返回审核工作台</Link>
      </div>

      {bank && (
        <section className="card space-y-3">
          <h2 className="font-medium">生成季度贴息申报</h2>
          <p className="text-sm text-slate-600">系统按本行每笔已放款贷款的实际计息期，由贴息规则逐笔计算该季度（结息日为 3、6、9、12 月 20 日）已结束计息期的应贴息金额，生成申报明细；贷款较多时在后台生成，可随时查看进度。同一季度只生成一份申报。</p>
          <RequestClaimForm quarters={quarters} />
        </section>
      )}

      {hr && (
        <div className="flex gap-2 text-sm">
          <Link href="/review/claims" className={hrTodo ? 'btn-primary' : 'btn-secondary'}>待审核</Link>
          <Link href="/review/claims?tab=all" className={!hrTodo ? 'btn-primary' : 'btn-secondary'}>全部批次</Link>
        </div>
      )}
      <form className="flex gap-2" role="search">
        {sp.tab && <input type="hidden" name="tab" value={sp.tab} />}
        <input name="q" defaultValue={sp.q} placeholder="批次号 / 经办银行" aria-label="搜索批次" className="input" />
        <button className="btn-primary shrink-0">查询</button>
      </form>

      <div className="card overflow-x-auto p-0">
        <table className="w-full min-w-[44rem] text-left text-sm" data-testid="claims">
          <thead className="bg-slate-50 text-slate-500">
            <tr><th className="px-3 py-2">批次号</th><th className="px-3 py-2">类型 / 期间</th>{!bank && <th className="px-3 py-2">经办银行</th>}<th className="px-3 py-2 text-right">笔数</th><th className="px-3 py-2 text-right">金额</th><th className="px-3 py-2">状态</th><th className="px-3 py-2">更新时间</th></tr>
          </thead>
          <tbody>
            {list.rows.length === 0 && <tr><td colSpan={7} className="px-3 py-6 text-center text-slate-500">{hrTodo ? '没有待审核的批次' : '暂无批次'}</td></tr>}
            {list.rows.map((b) => (
              <tr key={b.id} className="border-t border-slate-100 align-top" data-batch={b.number}>
                <td className="px-3 py-2"><Link href={`/review/claims/${b.id}`} className="font-mono text-brand-600 hover:underline">{b.number}</Link></td>
                <td className="px-3 py-2">{BATCH_KIND_LABELS[b.kind]}<span className="block text-xs text-slate-500">{b.period}{b.round ? ` · 第 ${b.round} 次重拨` : ''}</span></td>
                {!bank && <td className="px-3 py-2">{b.bankName ?? '—'}</td>}
                <td className="px-3 py-2 text-right">{b.status === 'building' ? '—' : b.lineCount}</td>
                <td className="whitespace-nowrap px-3 py-2 text-right">{b.status === 'building' ? '—' : yuanText(b.totalFen)}</td>
                <td className="min-w-40 px-3 py-2">
                  <BatchStatusBadge status={b.status} />
                  {b.status === 'building' && <div className="mt-1"><ClaimProgress batchId={b.id} initial={{ status: b.status, progressDone: b.progressDone, progressTotal: b.progressTotal, lineCount: b.lineCount, error: b.error }} /></div>}
                  {b.status === 'failed' && b.error && <span className="mt-1 block max-w-xs text-xs text-red-700">{b.error}</span>}
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-xs text-slate-500">{dateTimeText(b.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pager page={list.page} pageSize={list.pageSize} total={list.total} basePath="/review/claims" params={{ tab: sp.tab, q: sp.q }} />
    </div>
  );
}

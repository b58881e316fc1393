import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { Pager } from '@/app/_components/pager';
import { dateTimeText, yuanText } from '@/app/portal/_components/format';
import { HiringStatusBadge } from '@/app/portal/hiring/hiring-view';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { hasPermission } from '@/lib/auth/permissions';
import { todayInChina } from '@/lib/server/clock';
import { getDb } from '@/lib/server/db';
import { findHiringQueue } from '@/lib/server/hiring/find-hiring-queue';
import { HIRING_WARNING_SHORT } from '@/lib/domain/hiring-filing-checks';
import { HIRING_SCHEME_LABELS } from '@/lib/validation/hiring';
import { HiringBatchButton } from './batch-button';

export const metadata: Metadata = { title: '吸纳就业补贴审核' };

type SP = Record<string, string | undefined>;

/** HR's hiring-subsidy desk: the queue (to do / all, search, paging) and each year's batch. */
export default async function HiringQueuePage({ searchParams }: { searchParams: Promise<SP> }) {
  const actor = await requireAreaActor('review');
  if (!hasPermission(actor.role, 'subsidy:decide_hiring')) redirect('/review');
  const sp = await searchParams;
  const tab = sp.tab === 'all' ? 'all' : 'todo';
  const year = /^\d{4}$/.test(sp.year ?? '') ? Number(sp.year) : undefined;
  const queue = await findHiringQueue(await getDb(), actor, { tab, q: sp.q?.slice(0, 50), policyYear: year, page: Number(sp.page) || 1 });
  const params = { tab, q: sp.q, year: sp.year };
  const currentYear = Number(todayInChina().slice(0, 4));
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">一次性吸纳就业补贴审核</h1>
        <Link href="/review" className="btn-secondary">返回审核工作台</Link>
      </div>
      <div className="flex gap-2 text-sm">
        <Link href="/review/hiring" className={tab === 'todo' ? 'btn-primary' : 'btn-secondary'}>待审核</Link>
        <Link href="/review/hiring?tab=all" className={tab === 'all' ? 'btn-primary' : 'btn-secondary'}>全部</Link>
      </div>
      <form className="grid gap-2 sm:grid-cols-5" role="search">
        <input type="hidden" name="tab" value={tab} />
        <input name="q" defaultValue={sp.q} placeholder="申报编号 / 单位名称 / 统一社会信用代码" aria-label="搜索申报" className="input sm:col-span-3" />
        <input name="year" defaultValue={sp.year} placeholder="政策年度" aria-label="按政策年度筛选" inputMode="numeric" className="input" />
        <button className="btn-primary">查询</button>
      </form>
      <div className="card overflow-x-auto p-0">
        <table className="w-full text-left text-sm" data-testid="hiring-queue">
          <thead className="bg-slate-50 text-slate-500">
            <tr><th className="px-3 py-2">申报编号</th><th className="px-3 py-2">单位</th><th className="px-3 py-2">项目</th><th className="px-3 py-2 text-right">人数</th><th className="px-3 py-2 text-right">核定金额</th><th className="px-3 py-2">状态</th><th className="px-3 py-2">提交</th></tr>
          </thead>
          <tbody>
            {queue.rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100">
                <td className="px-3 py-2"><Link className="font-mono text-brand-600 hover:underline" href={`/review/hiring/${r.id}`}>{r.number}</Link></td>
                <td className="px-3 py-2">{r.enterpriseName}<span className="block font-mono text-xs text-slate-500">{r.uscc}</span>{r.warnings.length > 0 && <span className="block text-xs text-red-700" title={r.warnings.map((w) => w.message).join('\n')}>⚠ {r.warnings.map((w) => HIRING_WARNING_SHORT[w.code]).join('、')}</span>}</td>
                <td className="px-3 py-2">{HIRING_SCHEME_LABELS[r.scheme]}<span className="block text-xs text-slate-500">{r.policyYear} 年度</span></td>
                <td className="px-3 py-2 text-right">{r.hireCount}</td>
                <td className="whitespace-nowrap px-3 py-2 text-right">{r.amountFen === null ? '—' : yuanText(r.amountFen)}</td>
                <td className="px-3 py-2"><HiringStatusBadge status={r.status} /></td>
                <td className="whitespace-nowrap px-3 py-2">{r.filedByName}<span className="block text-xs text-slate-500">{dateTimeText(r.createdAt)}</span></td>
              </tr>
            ))}
            {queue.rows.length === 0 && <tr><td colSpan={7} className="px-3 py-6 text-center text-slate-500">没有符合条件的申报</td></tr>}
          </tbody>
        </table>
      </div>
      <Pager page={queue.page} pageSize={queue.pageSize} total={queue.total} basePath="/review/hiring" params={params} />

      <section className="card space-y-2">
        <h2 className="font-medium">年度拨付批次</h2>
        {queue.approvedYears.length === 0 ? (
          <p className="text-sm text-slate-500">暂无审核通过、待纳入批次的申报。</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="hiring-approved-years">
            {queue.approvedYears.map((y) => <li key={y.year}>{y.year} 年度：审核通过待拨付 {y.filings} 份申报，合计 {yuanText(y.amountFen)}</li>)}
          </ul>
        )}
        <HiringBatchButton years={[...new Set([...queue.approvedYears.map((y) => y.year), currentYear, currentYear - 1])].sort((a, b) => b - a)} />
        <p className="text-xs text-slate-500">批次生成后，依次由人社复核、财政审批、导出拨付清单；同一人员在待付或已付批次中只能出现一次。</p>
      </section>
    </div>
  );
}

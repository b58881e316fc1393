import type { Metadata } from 'next';
import { yuanText } from '@/app/portal/_components/format';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { hasPermission } from '@/lib/auth/permissions';
import { getDb } from '@/lib/server/db';
import { getApplicationFormOptions } from '@/lib/server/applications/get-application-form-options';
import { computeScorecard } from '@/lib/server/scorecard/compute-scorecard';
import { todayInChina } from '@/lib/server/clock';
import { MonthlyChart } from './monthly-chart';
import { TargetForm } from './target-form';

export const metadata: Metadata = { title: '统计成绩单' };

const show = (unit: string, v: string | null) => (v === null ? '—' : unit === 'fen' ? yuanText(v) : Number(v).toLocaleString('zh-CN'));

export default async function StatsPage({ searchParams }: { searchParams: Promise<{ year?: string }> }) {
  const actor = await requireAreaActor('stats');
  const sp = await searchParams;
  const thisYear = Number(todayInChina().slice(0, 4));
  const year = Number(sp.year) || thisYear;
  const db = await getDb();
  const [card, options] = await Promise.all([computeScorecard(db, actor, year), getApplicationFormOptions(db)]);
  const categoryLabel = (code: string) => options.categories.find((c) => c.code === code)?.label ?? (code || '未填写');
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">{year} 年创业就业工作成绩单</h1>
        <form className="flex gap-2" role="search">
          <select name="year" defaultValue={year} aria-label="年份" className="input w-28">
            {Array.from({ length: 6 }, (_, i) => thisYear - i).map((y) => <option key={y} value={y}>{y} 年</option>)}
          </select>
          <button className="btn-secondary">查看</button>
          <a className="btn-primary" href={`/api/scorecard/export?year=${year}`}>导出 Excel</a>
        </form>
      </div>
      <section className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" aria-label="主要指标">
        {card.metrics.map((m) => (
          <div key={m.key} className="card" data-testid={`metric-${m.key}`}>
            <p className="text-sm text-slate-500">{m.label}</p>
            <p className="mt-1 text-xl font-semibold">{show(m.unit, m.actual)}</p>
            <p className="mt-1 text-xs text-slate-500">
              年度目标 {show(m.unit, m.target)}{m.completion && <>，完成 <span className="font-medium text-brand-700">{m.completion}%</span></>}
            </p>
            {m.completion && <div className="mt-2 h-1.5 rounded bg-slate-100"><div className="h-1.5 rounded bg-brand-600" style={{ width: `${Math.min(100, Number(m.completion))}%` }} /></div>}
          </div>
        ))}
      </section>
      <section className="card">
        <h2 className="font-medium">按月发放贷款</h2>
        <MonthlyChart data={card.byMonth} />
      </section>
      <div className="grid gap-4 lg:grid-cols-2">
        <section className="card overflow-x-auto p-0">
          <h2 className="px-4 pt-4 font-medium">按镇街</h2>
          <table className="mt-2 w-full text-left text-sm" data-testid="by-town">
            <thead className="bg-slate-50 text-slate-500"><tr><th className="px-3 py-2">镇街</th><th className="px-3 py-2">笔数</th><th className="px-3 py-2">金额</th><th className="px-3 py-2">带动就业</th></tr></thead>
            <tbody>{card.byTown.map((r) => <tr key={r.town} className="border-t border-slate-100"><td className="px-3 py-2">{r.town}</td><td className="px-3 py-2">{r.people}</td><td className="px-3 py-2">{yuanText(r.amount)}</td><td className="px-3 py-2">{r.jobs}</td></tr>)}</tbody>
          </table>
        </section>
        <section className="card overflow-x-auto p-0">
          <h2 className="px-4 pt-4 font-medium">按人员类别</h2>
          <table className="mt-2 w-full text-left text-sm" data-testid="by-category">
            <thead className="bg-slate-50 text-slate-500"><tr><th className="px-3 py-2">类别</th><th className="px-3 py-2">人数</th><th className="px-3 py-2">金额</th></tr></thead>
            <tbody>{card.byCategory.map((r) => <tr key={r.category} className="border-t border-slate-100"><td className="px-3 py-2">{categoryLabel(r.category)}</td><td className="px-3 py-2">{r.people}</td><td className="px-3 py-2">{yuanText(r.amount)}</td></tr>)}</tbody>
          </table>
        </section>
      </div>
      {hasPermission(actor.role, 'targets:manage') && <TargetForm year={year} />}
      <p className="text-xs text-slate-500">数据均由系统业务记录实时计算：贷款按放款日期统计，补贴按银行回单确认支付的日期统计。</p>
    </div>
  );
}

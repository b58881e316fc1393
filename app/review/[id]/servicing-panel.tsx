import { yuanStringText, dateTimeText } from '@/app/portal/_components/format';
import type { Actor } from '@/lib/server/auth/actor';
import { todayInChina } from '@/lib/server/clock';
import { getDb } from '@/lib/server/db';
import { getLoanServicing } from '@/lib/server/servicing/get-loan-servicing';
import { LOAN_EVENT_LABELS, PERIOD_STATUS_LABELS, REPAYMENT_SOURCE_LABELS } from '@/lib/validation/servicing';
import { CompensationForm, DefaultForm, ExtensionForm, OverdueForm, RepaymentForm, SettleForm } from './servicing-forms';

function Stat({ k, v, tone }: { k: string; v: React.ReactNode; tone?: string }) {
  return (
    <div className="rounded-md bg-slate-50 px-3 py-2">
      <dt className="text-xs text-slate-500">{k}</dt>
      <dd className={`font-medium ${tone ?? ''}`}>{v}</dd>
    </div>
  );
}

/**
 * 贷后管理 on the reviewer's loan page: the schedule the rules engine computes as of today,
 * repayments, servicing events and outstanding principal; the forms the actor's role may
 * use in the loan's state (the server decides again on submit).
 */
export async function ServicingPanel({ applicationId, actor }: { applicationId: string; actor: Actor }) {
  const view = await getLoanServicing(await getDb(), actor, applicationId);
  if (!view) return null;
  const today = todayInChina();
  const base = { applicationId: view.applicationId, version: view.version, today };
  const can = (a: (typeof view.actions)[number]) => view.actions.includes(a);
  const s = view.schedule;
  return (
    <section className="space-y-4" aria-label="贷后管理">
      <div className="card space-y-3">
        <h2 className="font-medium">贷后管理</h2>
        <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
          <Stat k="未还本金" v={yuanStringText(view.outstanding)} tone={view.outstanding === '0.00' ? 'text-green-700' : ''} />
          <Stat k="已还本金" v={yuanStringText(view.repaidPrincipal)} />
          <Stat k="已还利息" v={yuanStringText(view.repaidInterest)} />
          <Stat k="到期日" v={<>{view.terms.currentMaturityDate}{view.extension.used && <span className="ml-1 text-xs text-amber-700">（已展期，原 {view.terms.maturityDate}）</span>}</>} />
          <Stat k="借据号" v={<span className="font-mono">{view.terms.drawdownNo ?? '—'}</span>} />
          <Stat k="放款" v={`${view.terms.disbursedDate} · ${yuanStringText(view.terms.disbursed)}`} />
          <Stat k="年利率 / 期限" v={`${view.terms.annualRate}% / ${view.terms.termMonths} 个月`} />
          <Stat k="逾期" v={view.overdueSince ? `自 ${view.overdueSince} 起` : '无'} tone={view.overdueSince ? 'text-red-700' : ''} />
        </dl>
      </div>

      <div className="card space-y-2">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h3 className="font-medium">计息与贴息计划</h3>
          <p className="text-xs text-slate-500">截至 {view.asOf} · 按季结息（3/6/9/12 月 20 日），实际天数/360{s.ruleSet ? ` · ${s.ruleSet}` : ''}</p>
        </div>
        <div className="overflow-x-auto">
          <table className="w-full min-w-[40rem] text-left text-sm" data-testid="schedule">
            <thead className="bg-slate-50 text-slate-500">
              <tr><th className="px-2 py-1.5">期次</th><th className="px-2 py-1.5">计息区间</th><th className="px-2 py-1.5 text-right">天数</th><th className="px-2 py-1.5 text-right">期初本金</th><th className="px-2 py-1.5 text-right">利息</th><th className="px-2 py-1.5 text-right">贴息</th><th className="px-2 py-1.5 text-right">借款人承担</th><th className="px-2 py-1.5">状态</th></tr>
            </thead>
            <tbody>
              {s.periods.map((p) => (
                <tr key={p.index} className={`border-t border-slate-100 ${p.status === 'current' ? 'bg-brand-50' : ''}`}>
                  <td className="px-2 py-1.5">{p.index}</td>
                  <td className="whitespace-nowrap px-2 py-1.5">{p.periodStart} ~ {p.periodEnd}</td>
                  <td className="px-2 py-1.5 text-right">{p.days}</td>
                  <td className="whitespace-nowrap px-2 py-1.5 text-right">{yuanStringText(p.openingBalance)}</td>
                  <td className="whitespace-nowrap px-2 py-1.5 text-right">{yuanStringText(p.interest)}</td>
                  <td className="whitespace-nowrap px-2 py-1.5 text-right">{yuanStringText(p.subsidy)}</td>
                  <td className="whitespace-nowrap px-2 py-1.5 text-right">{yuanStringText(p.borrowerInterest)}</td>
                  <td className="whitespace-nowrap px-2 py-1.5">
                    {PERIOD_STATUS_LABELS[p.status]}
                    {p.overdue && <span className="ml-1 text-xs text-red-700">逾期·不贴息</span>}
                    {p.extended && <span className="ml-1 text-xs text-amber-700">展期·不贴息</span>}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot className="border-t border-slate-200 font-medium">
              <tr><td className="px-2 py-1.5" colSpan={4}>合计</td><td className="px-2 py-1.5 text-right">{yuanStringText(s.totals.interest)}</td><td className="px-2 py-1.5 text-right">{yuanStringText(s.totals.subsidy)}</td><td className="px-2 py-1.5 text-right">{yuanStringText(s.totals.borrowerInterest)}</td><td /></tr>
            </tfoot>
          </table>
        </div>
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <div className="card space-y-2">
          <h3 className="font-medium">还款记录</h3>
          {view.repayments.length === 0 ? (
            <p className="text-sm text-slate-500">暂无还款记录</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm" data-testid="repayments">
                <thead className="text-slate-500"><tr><th className="py-1 pr-2">日期</th><th className="py-1 pr-2 text-right">本金</th><th className="py-1 pr-2 text-right">利息</th><th className="py-1 pr-2">流水号</th><th className="py-1">来源</th></tr></thead>
                <tbody>
                  {view.repayments.map((r) => (
                    <tr key={r.id} className="border-t border-slate-100">
                      <td className="whitespace-nowrap py-1 pr-2">{r.repaidOn}</td>
                      <td className="whitespace-nowrap py-1 pr-2 text-right">{yuanStringText(r.principal)}</td>
                      <td className="whitespace-nowrap py-1 pr-2 text-right">{yuanStringText(r.interest)}</td>
                      <td className="py-1 pr-2 font-mono text-xs">{r.bankRef}</td>
                      <td className="py-1 text-xs text-slate-500">{REPAYMENT_SOURCE_LABELS[r.source]}{r.recordedBy ? ` · ${r.recordedBy}` : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
        <div className="card space-y-2">
          <h3 className="font-medium">贷后事件</h3>
          {view.events.length === 0 ? (
            <p className="text-sm text-slate-500">暂无逾期、展期等事件</p>
          ) : (
            <ol className="space-y-1.5 text-sm" data-testid="loan-events">
              {view.events.map((e) => (
                <li key={e.id} className="border-b border-slate-100 pb-1.5">
                  <span className="font-medium">{LOAN_EVENT_LABELS[e.kind]}</span> · {e.effectiveDate}
                  {e.newMaturityDate && <> · 展期至 {e.newMaturityDate}</>}
                  {e.amount && <> · {yuanStringText(e.amount)}</>}
                  {e.note && <p className="text-slate-600">{e.note}</p>}
                  <p className="text-xs text-slate-400">登记于 {dateTimeText(e.createdAt)}</p>
                </li>
              ))}
            </ol>
          )}
        </div>
      </div>

      {can('record_repayment') && <RepaymentForm {...base} outstanding={view.outstanding} />}
      {can('settle') && view.outstanding === '0.00' && <SettleForm {...base} />}
      {can('extend') && !view.extension.used && view.extension.maxCount > 0 && today <= view.terms.maturityDate && (
        <ExtensionForm {...base} maturityDate={view.terms.maturityDate} latestDate={view.extension.latestDate} maxMonths={view.extension.maxMonths} />
      )}
      {can('mark_overdue') && <OverdueForm {...base} />}
      {can('declare_default') && <DefaultForm {...base} />}
      {can('compensate') && <CompensationForm {...base} outstanding={view.outstanding} />}
    </section>
  );
}

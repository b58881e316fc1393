import { dateTimeText, yuanStringText } from '@/app/portal/_components/format';
import { STATE_LABELS } from '@/lib/domain/workflow/application-states';
import type { Actor } from '@/lib/server/auth/actor';
import { getDb } from '@/lib/server/db';
import { getLoanServicing, type LoanServicingView } from '@/lib/server/servicing/get-loan-servicing';
import { LOAN_EVENT_LABELS, PERIOD_STATUS_LABELS } from '@/lib/validation/servicing';

type Period = LoanServicingView['schedule']['periods'][number];

function subsidyNote(p: Period): { text: string; tone: string } {
  if (p.subsidyStatus === 'paid') return { text: '已拨付', tone: 'text-green-700' };
  if (p.subsidyStatus === 'pending') return { text: p.status === 'closed' ? '待拨付' : '预计贴息', tone: 'text-amber-700' };
  if (p.overdue) return { text: '逾期，本期不贴息', tone: 'text-red-700' };
  if (p.extended) return { text: '展期，不贴息', tone: 'text-slate-500' };
  return { text: '不贴息', tone: 'text-slate-500' };
}

function Item({ k, v }: { k: string; v: React.ReactNode }) {
  return (
    <div className="flex justify-between gap-3 border-b border-slate-100 py-1.5 text-sm sm:block sm:border-0 sm:py-0">
      <dt className="text-slate-500 sm:text-xs">{k}</dt>
      <dd className="text-right font-medium sm:text-left">{v}</dd>
    </div>
  );
}

/**
 * The applicant's loan: terms, the quarterly interest schedule with the subsidy (贴息) of
 * each period, repayments, and the subsidies actually paid. Phone first: periods are cards
 * on small screens and a table on wider ones.
 */
export async function LoanSection({ applicationId, actor }: { applicationId: string; actor: Actor }) {
  const view = await getLoanServicing(await getDb(), actor, applicationId).catch(() => null);
  if (!view) return null;
  const s = view.schedule;
  return (
    <section className="space-y-4" aria-label="我的贷款">
      <div className="card space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 className="font-medium">我的贷款</h2>
          <span className="text-sm text-slate-600">{STATE_LABELS[view.state]}</span>
        </div>
        <dl className="grid gap-x-6 sm:grid-cols-4 sm:gap-y-3">
          <Item k="贷款金额" v={yuanStringText(view.terms.disbursed)} />
          <Item k="未还本金" v={yuanStringText(view.outstanding)} />
          <Item k="年利率" v={`${view.terms.annualRate}%`} />
          <Item k="期限" v={`${view.terms.termMonths} 个月`} />
          <Item k="放款日" v={view.terms.disbursedDate} />
          <Item k="到期日" v={view.terms.currentMaturityDate + (view.extension.used ? '（已展期）' : '')} />
          <Item k="合同编号" v={view.terms.contractNo} />
          <Item k="预计贴息合计" v={yuanStringText(s.totals.subsidy)} />
        </dl>
        {view.overdueSince && <p role="note" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">您的贷款自 {view.overdueSince} 起逾期，逾期期间不享受贴息，请尽快联系经办银行还款。</p>}
      </div>

      <div className="card space-y-2">
        <h3 className="font-medium">还款计划与贴息</h3>
        <p className="text-xs text-slate-500">每季度末月 20 日结息，利息 = 本金 × 年利率 × 实际天数 / 360；贴息由财政拨付，您只需负担“个人承担”部分。截至 {view.asOf}。</p>
        <ol className="space-y-2 sm:hidden" data-testid="schedule-cards">
          {s.periods.map((p) => {
            const note = subsidyNote(p);
            return (
              <li key={p.index} className={`rounded-md border p-3 text-sm ${p.status === 'current' ? 'border-brand-300 bg-brand-50' : 'border-slate-200'}`}>
                <div className="flex justify-between"><span className="font-medium">第 {p.index} 期 · {PERIOD_STATUS_LABELS[p.status]}</span><span className="text-slate-500">{p.days} 天</span></div>
                <p className="text-xs text-slate-500">{p.periodStart} ~ {p.periodEnd}</p>
                <div className="mt-1 grid grid-cols-3 gap-1 text-xs">
                  <div><span className="block text-slate-500">利息</span>{yuanStringText(p.interest)}</div>
                  <div><span className="block text-slate-500">贴息</span>{yuanStringText(p.subsidy)}</div>
                  <div><span className="block text-slate-500">个人承担</span>{yuanStringText(p.borrowerInterest)}</div>
                </div>
                <p className={`mt-1 text-xs ${note.tone}`}>{note.text}</p>
              </li>
            );
          })}
        </ol>
        <div className="hidden overflow-x-auto sm:block">
          <table className="w-full text-left text-sm" data-testid="schedule">
            <thead className="bg-slate-50 text-slate-500">
              <tr><th className="px-2 py-1.5">期次</th><th className="px-2 py-1.5">计息区间</th><th className="px-2 py-1.5 text-right">天数</th><th className="px-2 py-1.5 text-right">利息</th><th className="px-2 py-1.5 text-right">贴息</th><th className="px-2 py-1.5 text-right">个人承担</th><th className="px-2 py-1.5">贴息状态</th></tr>
            </thead>
            <tbody>
              {s.periods.map((p) => {
                const note = subsidyNote(p);
                return (
                  <tr key={p.index} className={`border-t border-slate-100 ${p.status === 'current' ? 'bg-brand-50' : ''}`}>
                    <td className="px-2 py-1.5">{p.index}</td>
                    <td className="whitespace-nowrap px-2 py-1.5">{p.periodStart} ~ {p.periodEnd}</td>
                    <td className="px-2 py-1.5 text-right">{p.days}</td>
                    <td className="whitespace-nowrap px-2 py-1.5 text-right">{yuanStringText(p.interest)}</td>
                    <td className="whitespace-nowrap px-2 py-1.5 text-right">{yuanStringText(p.subsidy)}</td>
                    <td className="whitespace-nowrap px-2 py-1.5 text-right">{yuanStringText(p.borrowerInterest)}</td>
                    <td className={`whitespace-nowrap px-2 py-1.5 ${note.tone}`}>{note.text}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot className="border-t border-slate-200 font-medium">
              <tr><td className="px-2 py-1.5" colSpan={3}>合计</td><td className="px-2 py-1.5 text-right">{yuanStringText(s.totals.interest)}</td><td className="px-2 py-1.5 text-right">{yuanStringText(s.totals.subsidy)}</td><td className="px-2 py-1.5 text-right">{yuanStringText(s.totals.borrowerInterest)}</td><td /></tr>
            </tfoot>
          </table>
        </div>
      </div>

      <div className="card space-y-2">
        <h3 className="font-medium">还款记录</h3>
        {view.repayments.length === 0 ? (
          <p className="text-sm text-slate-500">暂无还款记录</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="my-repayments">
            {view.repayments.map((r) => (
              <li key={r.id} className="flex flex-wrap justify-between gap-x-4 py-2">
                <span>{r.repaidOn}</span>
                <span>本金 {yuanStringText(r.principal)} · 利息 {yuanStringText(r.interest)}</span>
              </li>
            ))}
          </ul>
        )}
        <p className="text-xs text-slate-500">已还本金 {yuanStringText(view.repaidPrincipal)}，已还利息 {yuanStringText(view.repaidInterest)}。</p>
      </div>

      <div className="card space-y-2">
        <h3 className="font-medium">已到账贴息</h3>
        {view.subsidiesPaid.length === 0 ? (
          <p className="text-sm text-slate-500">暂无已拨付的贴息。已结息各期的贴息经银行申报、人社审核、财政审批后拨付，标记为“待拨付”的即在办理中。</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="subsidies-paid">
            {view.subsidiesPaid.map((l) => (
              <li key={l.id} className="flex flex-wrap justify-between gap-x-4 py-2">
                <span>{l.periodStart && l.periodEnd ? `${l.periodStart} ~ ${l.periodEnd}` : '贴息'}</span>
                <span className="font-medium text-green-700">{yuanStringText(l.amount)}</span>
                <span className="w-full text-xs text-slate-500">拨付于 {dateTimeText(l.settledAt)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>

      {view.events.length > 0 && (
        <div className="card space-y-2">
          <h3 className="font-medium">贷款变动</h3>
          <ul className="space-y-1 text-sm">
            {view.events.map((e) => (
              <li key={e.id}>
                {e.effectiveDate} · {LOAN_EVENT_LABELS[e.kind]}
                {e.newMaturityDate && `，到期日调整为 ${e.newMaturityDate}`}
                {e.amount && `，金额 ${yuanStringText(e.amount)}`}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

import { dateTimeText, yuanText } from '@/app/portal/_components/format';
import type { HiringFilingView } from '@/lib/server/hiring/get-hiring-filing';
import { HIRE_CATEGORY_LABELS, HIRING_SCHEME_LABELS, HIRING_STATUS_LABELS } from '@/lib/validation/hiring';

const TONE = { submitted: 'bg-brand-50 text-brand-700', approved: 'bg-green-100 text-green-800', rejected: 'bg-red-100 text-red-700', batched: 'bg-green-100 text-green-800' } as const;

export function HiringStatusBadge({ status }: { status: keyof typeof HIRING_STATUS_LABELS }) {
  return <span className={`inline-block rounded-full px-2.5 py-0.5 text-xs font-medium ${TONE[status]}`}>{HIRING_STATUS_LABELS[status]}</span>;
}

/** A filing as the filer and HR see it: enterprise, account (masked), each hire with the engine's amount and reasons. */
export function HiringFilingDetails({ f, audience }: { f: HiringFilingView; audience: 'filer' | 'hr' }) {
  const decided = f.status !== 'submitted';
  return (
    <div className="space-y-4">
      <section className="card grid gap-2 text-sm sm:grid-cols-2">
        <p><span className="text-slate-500">补贴项目：</span>{HIRING_SCHEME_LABELS[f.scheme]}（{f.policyYear} 年度）</p>
        <p><span className="text-slate-500">单位：</span>{f.enterpriseName}<span className="ml-1 font-mono text-xs text-slate-500">{f.uscc}</span></p>
        <p><span className="text-slate-500">收款账户：</span>{f.accountName} · <span className="font-mono">{f.accountNoMasked}</span> · {f.accountBank}</p>
        <p><span className="text-slate-500">申报人：</span>{f.filedByName} · {dateTimeText(f.createdAt)}</p>
        {decided && <p><span className="text-slate-500">审核：</span>{f.decidedByName ?? '—'} · {dateTimeText(f.updatedAt)}</p>}
        {f.decisionReason && <p className={f.status === 'rejected' ? 'text-red-700' : ''}><span className="text-slate-500">审核意见：</span>{f.decisionReason}</p>}
        {f.amountFen !== null && <p className="text-base"><span className="text-slate-500">核定补贴：</span><strong data-testid="filing-amount">{yuanText(f.amountFen)}</strong></p>}
        {f.previewFen !== null && <p className="text-base"><span className="text-slate-500">规则引擎预算（如现在审核通过）：</span><strong data-testid="filing-preview">{yuanText(f.previewFen)}</strong></p>}
      </section>
      <section className="card overflow-x-auto p-0">
        <table className="w-full text-left text-sm" data-testid="filing-hires">
          <thead className="bg-slate-50 text-slate-500">
            <tr><th className="px-3 py-2">姓名</th><th className="px-3 py-2">身份证号</th><th className="px-3 py-2">人员类别</th><th className="px-3 py-2 text-right">合同（月）</th><th className="px-3 py-2 text-right">连续参保（月）</th><th className="px-3 py-2 text-right">补贴</th></tr>
          </thead>
          <tbody>
            {f.hires.map((h) => (
              <tr key={h.id} className="border-t border-slate-100 align-top">
                <td className="px-3 py-2">{h.name}</td>
                <td className="whitespace-nowrap px-3 py-2 font-mono">{h.idNumberMasked}</td>
                <td className="px-3 py-2">{HIRE_CATEGORY_LABELS[h.category]}</td>
                <td className="px-3 py-2 text-right">{h.contractMonths}</td>
                <td className="px-3 py-2 text-right">{h.insuredMonths}</td>
                <td className="whitespace-nowrap px-3 py-2 text-right">
                  {h.amountFen === null ? '待审核' : yuanText(h.amountFen)}
                  {h.reasons.length > 0 && <ul className="mt-1 list-disc pl-4 text-left text-xs text-red-700">{h.reasons.map((r) => <li key={r}>{r}</li>)}</ul>}
                  {audience === 'hr' && h.priorFilings.length > 0 && <span className="block text-xs text-slate-500">已在 {h.priorFilings.join('、')} 中享受</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}

import { Pager } from '@/app/_components/pager';
import { dateTimeText, yuanText } from '@/app/portal/_components/format';
import { formatYuan } from '@/lib/domain/money';
import { HIRING_WARNING_SHORT, type FilingWarning } from '@/lib/domain/hiring-filing-checks';
import { LINE_STATUS_LABELS } from '@/lib/domain/subsidy-batches/labels';
import type { BatchLineRow } from '@/lib/server/batches/list-batch-lines';
import { LineStatusBadge } from './batch-badge';

type SP = Record<string, string | undefined>;

const yuan = (fen: string | null | undefined) => (fen ? `${formatYuan(BigInt(fen))}` : '—');

/** The trace of one line, as the engine wrote it: rule set, rates, segments, exact sums. */
function Trace({ row }: { row: BatchLineRow }) {
  const d = row.detail;
  const t = d.trace;
  if (!t) return null;
  return (
    <details className="mt-1 text-xs text-slate-600">
      <summary className="cursor-pointer text-brand-600">计算过程</summary>
      <div className="mt-1 space-y-1 rounded bg-slate-50 p-2">
        <p>规则：{t.ruleSet.id} v{t.ruleSet.version}（{d.regime}）；参考利率 {t.reference.kind === 'LPR' ? 'LPR' : '基准利率'} {t.reference.rate}%（{t.reference.effectiveFrom ?? '—'} 起）；利率上限 {t.rateCap ?? '不校验'}</p>
        <p>贴息利率 s = {t.subsidyRate}；计息基准 {t.parameters.dayCountBasis} 天；本金上限 {t.parameters.principalCap ?? '无'}；贴息期限 {t.parameters.subsidyMaxMonths ?? '—'} 个月</p>
        <p className="font-mono">{t.formula}</p>
        <table className="w-full text-left">
          <thead><tr><th>起</th><th>止</th><th>天数</th><th>本金</th><th>贴息本金</th><th>比例</th><th>贴息</th></tr></thead>
          <tbody>
            {t.segments.map((s, i) => (
              <tr key={i} className="font-mono"><td>{s.from}</td><td>{s.to}</td><td>{s.days}</td><td>{s.principal}</td><td>{s.subsidisedPrincipal}</td><td>{s.share}</td><td>{s.subsidised ? '是' : '否'}</td></tr>
            ))}
          </tbody>
        </table>
        <p>应计利息：精确 {t.totalInterest.exactYuan} 元 → {t.totalInterest.rounded} 元；应贴息：精确 {t.subsidy.exactYuan} 元 → {t.subsidy.rounded} 元（四舍五入至分）</p>
      </div>
    </details>
  );
}

/**
 * A batch's lines: search by name or number, filter by status, 50 a page. 贴息 lines show
 * the period, interest and the engine's trace; the yearly schemes show their own columns.
 */
/** Warnings the scheme attached to a line when the batch was made (hiring: payee name, filer). */
const lineFlags = (r: BatchLineRow) => ((r.detail as unknown as { flags?: FilingWarning[] }).flags ?? []);

export function BatchLines({ kind, rows, total, page, pageSize, basePath, sp }: { kind: string; rows: BatchLineRow[]; total: number; page: number; pageSize: number; basePath: string; sp: SP }) {
  return (
    <section className="space-y-3" aria-label="批次明细">
      <form className="grid gap-2 sm:grid-cols-5" role="search">
        <input name="q" defaultValue={sp.q} placeholder="姓名 / 受理编号 / 合同编号 / 借据号 / 序号" aria-label="搜索明细" className="input sm:col-span-3" />
        <select name="status" defaultValue={sp.status ?? ''} aria-label="明细状态" className="input">
          <option value="">全部状态</option>
          {Object.entries(LINE_STATUS_LABELS).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
        </select>
        <button className="btn-primary">查询</button>
      </form>
      <div className="card overflow-x-auto p-0">
        <table className="w-full min-w-[56rem] text-left text-sm" data-testid="batch-lines">
          <thead className="bg-slate-50 text-slate-500">
            {kind === 'interest' ? (
              <tr><th className="px-3 py-2">序号</th><th className="px-3 py-2">借款人</th><th className="px-3 py-2">合同 / 借据</th><th className="px-3 py-2">计息期间</th><th className="px-3 py-2 text-right">计息本金</th><th className="px-3 py-2 text-right">应计利息</th><th className="px-3 py-2 text-right">应贴息金额</th><th className="px-3 py-2">状态</th></tr>
            ) : (
              <tr><th className="px-3 py-2">序号</th><th className="px-3 py-2">收款方</th><th className="px-3 py-2">明细</th><th className="px-3 py-2 text-right">金额</th><th className="px-3 py-2">状态</th></tr>
            )}
          </thead>
          <tbody>
            {rows.length === 0 && <tr><td colSpan={8} className="px-3 py-6 text-center text-slate-500">没有符合条件的明细</td></tr>}
            {rows.map((r) =>
              kind === 'interest' ? (
                <tr key={r.id} className="border-t border-slate-100 align-top" data-seq={r.seq}>
                  <td className="px-3 py-2 font-mono">{r.seq}</td>
                  <td className="px-3 py-2">
                    {r.detail.borrowerName}
                    <span className="block font-mono text-xs text-slate-500">{r.payeeIdMasked ?? '—'}</span>
                    <span className="block text-xs text-slate-500">{r.detail.loanType} · {r.detail.town ?? '—'}{r.detail.applicationNumber ? ` · ${r.detail.applicationNumber}` : ''}</span>
                  </td>
                  <td className="px-3 py-2 text-xs"><span className="block font-mono">{r.detail.contractNo}</span><span className="block font-mono text-slate-500">{r.detail.drawdownNo ?? '—'}</span></td>
                  <td className="whitespace-nowrap px-3 py-2 text-xs">{r.detail.periodStart} 至 {r.detail.periodEnd}<span className="block text-slate-500">{r.detail.days} 天 · 贴息利率 {r.detail.subsidyRate}%</span></td>
                  <td className="whitespace-nowrap px-3 py-2 text-right">{yuan(r.detail.principalFen)}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-right">{yuan(r.detail.totalInterestFen)}<span className="block text-xs text-slate-500">借款人 {yuan(r.detail.borrowerInterestFen)}</span></td>
                  <td className="whitespace-nowrap px-3 py-2 text-right font-medium">{yuanText(r.amountFen)}<Trace row={r} /></td>
                  <td className="px-3 py-2">
                    <LineStatusBadge status={r.status} />
                    {r.bankTxnRef && <span className="block font-mono text-xs text-slate-500">{r.bankTxnRef}</span>}
                    {r.failureReason && <span className="block text-xs text-red-700">{r.failureReason}</span>}
                    {r.detail.note && <span className="block max-w-48 text-xs text-slate-500">{r.detail.note}</span>}
                  </td>
                </tr>
              ) : (
                <tr key={r.id} className="border-t border-slate-100 align-top" data-seq={r.seq}>
                  <td className="px-3 py-2 font-mono">{r.seq}</td>
                  <td className="px-3 py-2">
                    {r.payeeName}<span className="block font-mono text-xs text-slate-500">{r.payeeAccountMasked ?? r.payeeIdMasked ?? '—'}</span>
                    {lineFlags(r).map((f) => <span key={f.code} className="block text-xs font-medium text-red-700" data-flag={f.code} title={f.message}>⚠ {HIRING_WARNING_SHORT[f.code] ?? f.message}</span>)}
                  </td>
                  <td className="px-3 py-2 text-xs text-slate-600">
                    {((r.detail as unknown as { columns?: [string, string][] }).columns ?? []).filter(([l]) => !/^(序号|批次号)$/.test(l)).slice(0, 8).map(([l, v]) => `${l}：${v}`).join('；')}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-right font-medium">{yuanText(r.amountFen)}</td>
                  <td className="px-3 py-2"><LineStatusBadge status={r.status} />{r.failureReason && <span className="block text-xs text-red-700">{r.failureReason}</span>}{r.settledAt && <span className="block text-xs text-slate-500">{dateTimeText(r.settledAt)}</span>}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
      <Pager page={page} pageSize={pageSize} total={total} basePath={basePath} params={{ q: sp.q, status: sp.status }} />
    </section>
  );
}

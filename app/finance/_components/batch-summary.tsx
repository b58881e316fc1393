import Link from 'next/link';
import { dateTimeText, yuanText } from '@/app/portal/_components/format';
import { BATCH_KIND_LABELS } from '@/lib/domain/subsidy-batches/labels';
import type { BatchView } from '@/lib/server/batches/get-batch';
import { BatchStatusBadge } from './batch-badge';

/** A batch's header facts: number, kind, period, bank, control totals and sums, who did what, the export hashes. */
export function BatchSummary({ view, linkBase }: { view: BatchView; linkBase: string }) {
  const { batch: b, names, byStatus, sums } = view;
  const item = (label: string, value: React.ReactNode, testId?: string) => (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="break-all text-sm" data-testid={testId}>{value}</dd>
    </div>
  );
  return (
    <section className="card space-y-4" aria-label="批次概况">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="font-mono text-base font-semibold" data-testid="batch-number">{b.number}</h2>
        <BatchStatusBadge status={b.status} />
      </div>
      {view.flaggedLines > 0 && (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="batch-flags">
          ⚠ 本批次有 {view.flaggedLines} 条明细存在风险提示（如收款户名与企业名称不一致、申报人非企业登记联系人），请逐条核实后再审核、审批。
        </p>
      )}
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {item('补贴类型', BATCH_KIND_LABELS[b.kind])}
        {item(b.kind === 'interest' ? '申报季度' : '政策年度', `${b.period}${b.round ? `（第 ${b.round} 次重新拨付）` : ''}`)}
        {item('经办银行', view.bankName ?? '—')}
        {item('明细笔数（控制数）', b.lineCount, 'line-count')}
        {item('拨付金额合计（控制总额）', yuanText(b.totalFen), 'total')}
        {b.kind === 'interest' && item('贷款金额合计', yuanText(sums.loanAmountFen))}
        {b.kind === 'interest' && item('应计利息合计', yuanText(sums.totalInterestFen))}
        {b.kind === 'interest' && item('借款人承担利息合计', yuanText(sums.borrowerInterestFen))}
        {item('申报（制单）', names.preparedBy ? `${names.preparedBy} · ${dateTimeText(b.createdAt)}` : `系统 · ${dateTimeText(b.createdAt)}`)}
        {item('人社审核', names.verifiedBy ? `${names.verifiedBy} · ${dateTimeText(b.verifiedAt)}` : '—')}
        {item('财政审批', names.approvedBy ? `${names.approvedBy} · ${dateTimeText(b.approvedAt)}` : '—')}
        {item('导出', names.exportedBy ? `${names.exportedBy} · ${dateTimeText(b.exportedAt)}` : '—')}
      </dl>
      {(byStatus.paid.count > 0 || byStatus.failed.count > 0) && (
        <p className="text-sm" data-testid="reconciliation">
          对账结果：已支付 {byStatus.paid.count} 笔 {yuanText(byStatus.paid.totalFen)}；支付失败 {byStatus.failed.count} 笔 {yuanText(byStatus.failed.totalFen)}
          {byStatus.pending.count > 0 ? `；待支付 ${byStatus.pending.count} 笔` : ''}
        </p>
      )}
      {b.exportXlsxSha256 && (
        <dl className="space-y-1 rounded-md bg-slate-50 p-3 text-xs">
          <div><dt className="inline text-slate-500">清单 .xlsx SHA-256：</dt><dd className="inline font-mono" data-testid="xlsx-sha256">{b.exportXlsxSha256}</dd></div>
          <div><dt className="inline text-slate-500">清单 .csv SHA-256：</dt><dd className="inline font-mono" data-testid="csv-sha256">{b.exportCsvSha256}</dd></div>
          <p className="text-slate-500">清单已冻结：再次下载得到完全相同的文件，可用上述校验值核对。</p>
        </dl>
      )}
      {view.related.length > 0 && (
        <p className="text-sm text-slate-600">
          同期其他批次：{view.related.map((r) => <Link key={r.id} href={`${linkBase}/${r.id}`} className="mr-3 font-mono text-brand-600 hover:underline">{r.number}</Link>)}
        </p>
      )}
    </section>
  );
}

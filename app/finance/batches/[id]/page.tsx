import type { Metadata } from 'next';
import Link from 'next/link';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { BatchActions } from '../../_components/batch-actions';
import { BatchLines } from '../../_components/batch-lines';
import { BatchSummary } from '../../_components/batch-summary';
import { loadBatchPage } from '../../_components/load-batch-page';

export const metadata: Metadata = { title: '批次详情' };

type SP = Record<string, string | undefined>;

/** One batch for finance: control totals, hashes, actions by status, and its lines with search and paging. */
export default async function FinanceBatchPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SP> }) {
  const actor = await requireAreaActor('finance');
  const { id } = await params;
  const sp = await searchParams;
  const { view, lines } = await loadBatchPage(actor, id, sp);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">批次详情</h1>
        <div className="flex gap-2">
          <Link href={`/finance/batches/${id}/approval-sheet`} className="btn-secondary">打印资金拨付审批表</Link>
          <Link href="/finance" className="btn-secondary">返回批次列表</Link>
        </div>
      </div>
      <BatchSummary view={view} linkBase="/finance/batches" />
      <section className="card space-y-3" aria-label="办理">
        <h2 className="font-medium">办理</h2>
        <BatchActions actor={actor} batch={view.batch} hasExport={view.batch.exportXlsxKey !== null} failedOpen={view.failedOpen} full />
        {view.batch.status === 'prepared' && <p className="text-sm text-slate-600">等待人社部门审核。</p>}
        {view.batch.status === 'building' && <p className="text-sm text-slate-600">银行申报正在生成中。</p>}
        {view.batch.status === 'reconciled' && view.failedOpen === 0 && view.byStatus.failed.count > 0 && <p className="text-sm text-slate-600">支付失败的明细均已重新拨付。</p>}
      </section>
      <BatchLines kind={view.batch.kind} {...lines} basePath={`/finance/batches/${id}`} sp={sp} />
    </div>
  );
}

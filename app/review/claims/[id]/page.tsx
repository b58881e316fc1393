import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { BatchLines } from '@/app/finance/_components/batch-lines';
import { BatchSummary } from '@/app/finance/_components/batch-summary';
import { loadBatchPage } from '@/app/finance/_components/load-batch-page';
import { ClaimProgress } from '@/app/finance/_components/claim-progress';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { hasPermission } from '@/lib/auth/permissions';
import { VerifyBatchButton } from '../verify-button';

export const metadata: Metadata = { title: '贴息申报明细' };

type SP = Record<string, string | undefined>;

/** One claim for the bank (its progress and lines) and for HR (its lines with the engine's trace, and the verification). */
export default async function ClaimPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SP> }) {
  const actor = await requireAreaActor('review');
  const hr = hasPermission(actor.role, 'review:hr');
  if (!hr && !hasPermission(actor.role, 'review:bank')) redirect('/review');
  const { id } = await params;
  const sp = await searchParams;
  const { view, lines } = await loadBatchPage(actor, id, sp);
  const b = view.batch;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">{b.kind === 'interest' ? '贴息申报明细' : '补贴批次明细'}</h1>
        <Link href="/review/claims" className="btn-secondary">返回列表</Link>
      </div>
      {sp.requested === '1' && b.status === 'building' && <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">已提交申报，系统正在后台逐笔计算，完成后自动显示明细。</p>}
      {b.kind === 'interest' && (
        <section className="card space-y-2" aria-label="生成进度">
          <h2 className="font-medium">生成进度</h2>
          <ClaimProgress batchId={b.id} initial={{ status: b.status, progressDone: b.progressDone, progressTotal: b.progressTotal, lineCount: b.lineCount, error: b.error }} />
          {b.status === 'failed' && hasPermission(actor.role, 'review:bank') && <p className="text-sm text-slate-600">核实贷款数据后，在“贴息申报”页再次提交同一季度即可重新生成。</p>}
        </section>
      )}
      <BatchSummary view={view} linkBase="/review/claims" />
      {hr && b.status === 'prepared' && (
        <section className="card space-y-2" aria-label="人社审核">
          <h2 className="font-medium">人社审核</h2>
          <p className="text-sm text-slate-600">请核实每笔明细（借款人身份、是否逾期或展期、计息期间和金额，展开“计算过程”可查看贴息规则和逐段计算）。审核通过后提交财政审批。</p>
          {b.preparedBy === actor.userId ? (
            <p className="text-sm text-amber-700">该批次由您生成，按职责分离要求须由其他人员审核。</p>
          ) : (
            <VerifyBatchButton batchId={b.id} version={b.updatedAt.toISOString()} />
          )}
        </section>
      )}
      {b.status !== 'building' && <BatchLines kind={b.kind} {...lines} basePath={`/review/claims/${id}`} sp={sp} />}
    </div>
  );
}

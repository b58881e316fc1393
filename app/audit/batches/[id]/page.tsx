import type { Metadata } from 'next';
import Link from 'next/link';
import { BatchLines } from '@/app/finance/_components/batch-lines';
import { BatchSummary } from '@/app/finance/_components/batch-summary';
import { loadBatchPage } from '@/app/finance/_components/load-batch-page';
import { requireAreaActor } from '@/lib/auth/page-guard';

export const metadata: Metadata = { title: '批次详情（只读）' };

type SP = Record<string, string | undefined>;

/** One batch for the auditor: control totals, file hashes, who did each step, and every line with its trace. No actions. */
export default async function AuditBatchPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SP> }) {
  const actor = await requireAreaActor('audit');
  const { id } = await params;
  const sp = await searchParams;
  const { view, lines } = await loadBatchPage(actor, id, sp);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">批次详情（只读）</h1>
        <Link href="/audit/batches" className="btn-secondary">返回批次列表</Link>
      </div>
      <BatchSummary view={view} linkBase="/audit/batches" />
      <BatchLines kind={view.batch.kind} {...lines} basePath={`/audit/batches/${id}`} sp={sp} />
    </div>
  );
}

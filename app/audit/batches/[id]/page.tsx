import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { BatchLines } from '@/app/finance/_components/batch-lines';
import { BatchSummary } from '@/app/finance/_components/batch-summary';
import { requireAreaActor } from '@/lib/auth/page-guard';
import { isAppError } from '@/lib/errors/app-error';
import { getBatch } from '@/lib/server/batches/get-batch';
import { listBatchLines } from '@/lib/server/batches/list-batch-lines';
import { getDb } from '@/lib/server/db';

export const metadata: Metadata = { title: '批次详情（只读）' };

type SP = Record<string, string | undefined>;

/** One batch for the auditor: control totals, file hashes, who did each step, and every line with its trace. No actions. */
export default async function AuditBatchPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SP> }) {
  const actor = await requireAreaActor('audit');
  const { id } = await params;
  const sp = await searchParams;
  const db = await getDb();
  let view;
  let lines;
  try {
    view = await getBatch(db, actor, id);
    lines = await listBatchLines(db, actor, { batchId: id, q: sp.q?.slice(0, 50) || undefined, status: sp.status || undefined, page: Number(sp.page) || 1 });
  } catch (e) {
    if (isAppError(e) && (e.code === 'NOT_FOUND' || e.code === 'INVALID_INPUT')) notFound();
    throw e;
  }
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

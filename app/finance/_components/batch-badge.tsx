import { BATCH_STATUS_LABELS, LINE_STATUS_LABELS, type BatchStatus, type LineStatus } from '@/lib/domain/subsidy-batches/labels';

const BATCH_TONE: Record<BatchStatus, string> = {
  building: 'bg-amber-100 text-amber-800',
  prepared: 'bg-brand-50 text-brand-700',
  verified: 'bg-brand-50 text-brand-700',
  approved: 'bg-indigo-100 text-indigo-800',
  exported: 'bg-indigo-100 text-indigo-800',
  reconciled: 'bg-green-100 text-green-800',
  failed: 'bg-red-100 text-red-700',
};

const LINE_TONE: Record<LineStatus, string> = {
  pending: 'bg-slate-100 text-slate-700',
  paid: 'bg-green-100 text-green-800',
  failed: 'bg-red-100 text-red-700',
  excluded: 'bg-slate-100 text-slate-500',
};

export function BatchStatusBadge({ status }: { status: BatchStatus }) {
  return <span className={`inline-block whitespace-nowrap rounded-full px-2.5 py-0.5 text-xs font-medium ${BATCH_TONE[status]}`} data-status={status}>{BATCH_STATUS_LABELS[status]}</span>;
}

export function LineStatusBadge({ status }: { status: LineStatus }) {
  return <span className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${LINE_TONE[status]}`}>{LINE_STATUS_LABELS[status]}</span>;
}

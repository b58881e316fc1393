import type { SubsidyBatch } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/server/auth/actor';
import { ApproveBatchButton, ExportBatchButton, ReissueButton } from './finance-buttons';
import { ResultsUpload } from './results-upload';

type B = Pick<SubsidyBatch, 'id' | 'status' | 'preparedBy' | 'verifiedBy' | 'updatedAt'>;

function Downloads({ batchId }: { batchId: string }) {
  const href = (format: string, variant: string) => `/api/batches/${batchId}/export?format=${format}&variant=${variant}`;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="downloads">
      <a className="btn-secondary" href={href('xlsx', 'masked')} download>下载清单 .xlsx</a>
      <a className="btn-secondary" href={href('csv', 'masked')} download>下载清单 .csv</a>
      <a className="btn-secondary border-amber-300 text-amber-800" href={href('xlsx', 'payment')} download title="含完整证件号码和账号，仅供代发银行；每次下载均记入审计日志">银行代发版 .xlsx</a>
      <a className="btn-secondary border-amber-300 text-amber-800" href={href('csv', 'payment')} download title="含完整证件号码和账号，仅供代发银行；每次下载均记入审计日志">银行代发版 .csv</a>
    </div>
  );
}

/**
 * What finance can do with a batch now, by its status and the separation of duties (the
 * buttons are only a guide: every use-case checks again). `full` adds the result upload.
 */
export function BatchActions({ actor, batch, hasExport, failedOpen, full = false }: { actor: Actor; batch: B; hasExport: boolean; failedOpen: number; full?: boolean }) {
  const p = { batchId: batch.id, version: batch.updatedAt.toISOString() };
  const own = batch.preparedBy === actor.userId || batch.verifiedBy === actor.userId;
  const sod = <p className="text-xs text-amber-700">您参与了该批次的申报或审核，按职责分离要求由其他人员办理。</p>;
  switch (batch.status) {
    case 'verified':
      if (!hasPermission(actor.role, 'finance:approve_batch')) return null;
      return own ? sod : <ApproveBatchButton {...p} />;
    case 'approved':
      if (!hasPermission(actor.role, 'finance:export')) return null;
      return own ? sod : <ExportBatchButton {...p} />;
    case 'exported':
    case 'reconciled':
      return (
        <div className="space-y-3">
          {hasExport && hasPermission(actor.role, 'finance:export') && !own && <Downloads batchId={batch.id} />}
          {batch.status === 'exported' && full && hasPermission(actor.role, 'finance:reconcile') && <ResultsUpload batchId={batch.id} />}
          {batch.status === 'reconciled' && failedOpen > 0 && hasPermission(actor.role, 'finance:reconcile') && <ReissueButton {...p} />}
        </div>
      );
    default:
      return null;
  }
}

'use client';

import { approveBatchAction, exportBatchAction, reissueFailedLinesAction } from '../actions';
import { BatchActionButton } from './batch-action-button';

type Props = { batchId: string; version: string };

export function ApproveBatchButton(p: Props) {
  return <BatchActionButton {...p} label="审批通过" pendingLabel="审批中…" action={approveBatchAction} confirm="确认审批通过该批次？审批后即可导出拨付清单。" />;
}

export function ExportBatchButton(p: Props) {
  return <BatchActionButton {...p} label="导出拨付清单" pendingLabel="正在生成清单…" action={exportBatchAction} done={() => '清单已生成并冻结'} />;
}

export function ReissueButton(p: Props) {
  return (
    <BatchActionButton
      {...p}
      variant="secondary"
      label="失败明细重新拨付"
      pendingLabel="正在生成新批次…"
      action={reissueFailedLinesAction}
      confirm="将支付失败的明细生成新一轮批次（需重新审核、审批、导出），确认？"
      done={(d) => `已生成新批次 ${d.number}（${d.lineCount} 笔）`}
      onDone={(d) => `/finance/batches/${d.id}`}
    />
  );
}

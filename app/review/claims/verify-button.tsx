'use client';

import { BatchActionButton } from '@/app/finance/_components/batch-action-button';
import { verifyBatchAction } from './actions';

export function VerifyBatchButton(p: { batchId: string; version: string }) {
  return <BatchActionButton {...p} label="审核通过" pendingLabel="审核中…" action={verifyBatchAction} confirm="确认已核实本批次明细，审核通过并提交财政审批？" done={() => '已审核通过，已提交财政审批'} />;
}

'use server';

import { revalidatePath } from 'next/cache';
import { runProtected } from '@/lib/actions/protected';
import { approveBatch } from '@/lib/server/batches/approve-batch';
import { exportBatch } from '@/lib/server/batches/export-batch';
import { reissueFailedLines } from '@/lib/server/batches/reissue-failed-lines';

const done = <T extends { ok: boolean }>(r: T) => {
  if (r.ok) revalidatePath('/finance');
  return r;
};

/** 财政审批. */
export async function approveBatchAction(input: unknown) {
  return done(await runProtected('finance:approve_batch', async (actor, db) => {
    const b = await approveBatch(db, actor, input);
    return { id: b.id, status: b.status };
  }));
}

/** 导出拨付清单 (frozen at the first export). */
export async function exportBatchAction(input: unknown) {
  return done(await runProtected('finance:export', async (actor, db) => {
    const { batch, firstExport } = await exportBatch(db, actor, input);
    return { id: batch.id, status: batch.status, firstExport, xlsxSha256: batch.exportXlsxSha256, csvSha256: batch.exportCsvSha256 };
  }));
}

/** 失败重拨: the failed lines into a new round. */
export async function reissueFailedLinesAction(input: unknown) {
  return done(await runProtected('finance:reconcile', async (actor, db) => {
    const { batch, lineCount } = await reissueFailedLines(db, actor, input);
    return { id: batch.id, number: batch.number, lineCount };
  }));
}

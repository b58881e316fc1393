import 'server-only';
import { notFound } from 'next/navigation';
import { isAppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';
import { getBatch } from '@/lib/server/batches/get-batch';
import { listBatchLines } from '@/lib/server/batches/list-batch-lines';
import { getDb } from '@/lib/server/db';

/**
 * What every batch page shows (finance, the bank and HR under /review, the auditor): the batch
 * and the page of lines its search asks for. Out of scope or a bad id is a 404, never a hint.
 */
export async function loadBatchPage(actor: Actor, id: string, sp: Record<string, string | undefined>) {
  const db = await getDb();
  try {
    const [view, lines] = await Promise.all([
      getBatch(db, actor, id),
      listBatchLines(db, actor, { batchId: id, q: sp.q?.slice(0, 50) || undefined, status: sp.status || undefined, page: Number(sp.page) || 1 }),
    ]);
    return { view, lines };
  } catch (e) {
    if (isAppError(e) && (e.code === 'NOT_FOUND' || e.code === 'INVALID_INPUT')) notFound();
    throw e;
  }
}

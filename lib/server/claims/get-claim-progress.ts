import type { Db } from '@/db/client';
import type { BatchStatus } from '@/lib/domain/subsidy-batches/labels';
import type { Actor } from '@/lib/server/auth/actor';
import { loadScopedBatch } from '@/lib/server/batches/batch-scope';
import { leaseIsLive } from '@/lib/server/jobs/batch-lease';
import { isBuilding } from '@/lib/domain/workflow/money-workflow';
import { startClaimJob } from './run-claim-job';

export interface ClaimProgress {
  id: string;
  number: string;
  status: BatchStatus;
  progressDone: number;
  progressTotal: number;
  lineCount: number;
  /** Fen as text (JSON has no bigint). */
  totalFen: string;
  error: string | null;
  updatedAt: string;
}

/**
 * A claim's build progress, for the page that polls it every second. A batch still
 * 'building' whose worker has died (stale lease) or never started is started again here:
 * looking at a stuck claim is enough to resume it.
 */
export async function getClaimProgress(db: Db, actor: Actor, batchId: string): Promise<ClaimProgress> {
  const b = await loadScopedBatch(db, actor, batchId);
  if (isBuilding(b.status) && !leaseIsLive(b)) startClaimJob(db, b.id);
  return {
    id: b.id, number: b.number, status: b.status, progressDone: b.progressDone, progressTotal: b.progressTotal, lineCount: b.lineCount,
    totalFen: b.totalFen.toString(), error: b.error, updatedAt: b.updatedAt.toISOString(),
  };
}

import { asc, gt } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { auditLog } from '@/db/schema';
import { computeAuditHash, GENESIS_HASH } from './audit-hash';

export type ChainVerification =
  | { ok: true; rows: number; headHash: string }
  | { ok: false; rows: number; firstBadSeq: number; reason: 'PREV_HASH_MISMATCH' | 'HASH_MISMATCH' };

/**
 * Recompute the whole chain in order. Reports the first row whose link to its
 * predecessor or whose own content no longer matches its hash.
 */
export async function verifyAuditChain(db: DbOrTx, batchSize = 2000): Promise<ChainVerification> {
  let prevHash = GENESIS_HASH;
  let lastSeq = 0;
  let rows = 0;
  for (;;) {
    const batch = await db.select().from(auditLog).where(gt(auditLog.seq, lastSeq)).orderBy(asc(auditLog.seq)).limit(batchSize);
    for (const r of batch) {
      if (r.prevHash !== prevHash) return { ok: false, rows, firstBadSeq: r.seq, reason: 'PREV_HASH_MISMATCH' };
      const expected = computeAuditHash(prevHash, {
        at: r.at,
        actorId: r.actorId,
        actorRole: r.actorRole,
        event: r.event,
        objectType: r.objectType,
        objectId: r.objectId,
        result: r.result,
        detail: r.detail,
        ip: r.ip,
      });
      if (expected !== r.hash) return { ok: false, rows, firstBadSeq: r.seq, reason: 'HASH_MISMATCH' };
      prevHash = r.hash;
      lastSeq = r.seq;
      rows++;
    }
    if (batch.length < batchSize) return { ok: true, rows, headHash: prevHash };
  }
}

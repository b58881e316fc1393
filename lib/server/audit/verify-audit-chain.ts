import { asc, gt } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { auditLog } from '@/db/schema';
import { computeAuditHash, computeAuditHmac, GENESIS_HASH } from './audit-hash';
import { auditKey } from './audit-key';
import { readChainState } from './chain-state';

export type ChainFailure =
  /** The row does not link to its predecessor (a row before it was removed or changed). */
  | 'PREV_HASH_MISMATCH'
  /** The row's content no longer matches its hash. */
  | 'HASH_MISMATCH'
  /** An unkeyed (version 1) row where only keyed rows may stand: re-hashed by someone without the key. */
  | 'UNKEYED_AFTER_KEYED'
  /** The row the anchor names is not the one anchored. */
  | 'ANCHOR_MISMATCH'
  /** The chain does not hold the anchored row (it ends before it, or skips it): the newest rows were removed. */
  | 'ANCHOR_NOT_REACHED'
  /** The newest anchor file does not carry a valid signature. */
  | 'ANCHOR_INVALID';

export type ChainVerification =
  | { ok: true; rows: number; headHash: string; headSeq: number | null; headAt: Date | null; legacyRows: number; keyedFrom: number | null }
  | { ok: false; rows: number; firstBadSeq: number; reason: ChainFailure };

/** What the chain must reach: an anchor's head (and from which seq on every row was keyed then). */
export interface AnchorPoint {
  seq: number;
  hash: string;
  keyedFrom: number | null;
}

/**
 * Recompute the whole chain in order. Reports the first row whose link to its predecessor or
 * whose own content no longer matches its hash, an unkeyed row after the first keyed one (or
 * at or past where the anchor says keyed rows began), and — given the latest anchor — a chain
 * that does not hold the anchored row with the anchored hash, or ends before it.
 */
export async function verifyAuditChain(db: DbOrTx, opts: { anchor?: AnchorPoint | null; batchSize?: number } = {}): Promise<ChainVerification> {
  const batchSize = opts.batchSize ?? 2000;
  const anchor = opts.anchor ?? null;
  const { chainId } = await readChainState(db);
  const key = auditKey();
  let prevHash = GENESIS_HASH;
  let lastSeq = 0;
  let headAt: Date | null = null;
  let rows = 0;
  let legacyRows = 0;
  let keyedFrom: number | null = null;
  let anchorMet = false;
  const fail = (seq: number, reason: ChainFailure): ChainVerification => ({ ok: false, rows, firstBadSeq: seq, reason });
  for (;;) {
    const batch = await db.select().from(auditLog).where(gt(auditLog.seq, lastSeq)).orderBy(asc(auditLog.seq)).limit(batchSize);
    for (const r of batch) {
      // Past the anchored seq without meeting its row: the row the anchor names is gone.
      if (anchor && !anchorMet && r.seq > anchor.seq) return fail(anchor.seq, 'ANCHOR_NOT_REACHED');
      if (r.prevHash !== prevHash) return fail(r.seq, 'PREV_HASH_MISMATCH');
      const content = {
        at: r.at,
        actorId: r.actorId,
        actorRole: r.actorRole,
        event: r.event,
        objectType: r.objectType,
        objectId: r.objectId,
        result: r.result,
        detail: r.detail,
        ip: r.ip,
      };
      if (r.hashVersion === 1) {
        const keyedBefore = keyedFrom !== null || (anchor?.keyedFrom != null && r.seq >= anchor.keyedFrom);
        if (keyedBefore) return fail(r.seq, 'UNKEYED_AFTER_KEYED');
        if (computeAuditHash(prevHash, content) !== r.hash) return fail(r.seq, 'HASH_MISMATCH');
        legacyRows++;
      } else {
        if (chainId === null || computeAuditHmac(key, chainId, prevHash, content) !== r.hash) return fail(r.seq, 'HASH_MISMATCH');
        keyedFrom ??= r.seq;
      }
      if (anchor && r.seq === anchor.seq) {
        if (r.hash !== anchor.hash) return fail(r.seq, 'ANCHOR_MISMATCH');
        anchorMet = true;
      }
      prevHash = r.hash;
      lastSeq = r.seq;
      headAt = r.at;
      rows++;
    }
    if (batch.length < batchSize) break;
  }
  if (anchor && !anchorMet) return fail(anchor.seq, 'ANCHOR_NOT_REACHED');
  return { ok: true, rows, headHash: prevHash, headSeq: rows ? lastSeq : null, headAt, legacyRows, keyedFrom };
}

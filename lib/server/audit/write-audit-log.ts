import { sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { auditLog } from '@/db/schema';
import { computeAuditHmac, CURRENT_HASH_VERSION, GENESIS_HASH } from './audit-hash';
import { auditKey } from './audit-key';
import { anchorFirstOfDay } from './anchor-first-of-day';
import { readChainState } from './chain-state';

export interface AuditActor {
  id: string;
  role: string;
}

export interface AuditEntry {
  actor?: AuditActor | null;
  event: string;
  objectType?: string;
  objectId?: string;
  result?: 'success' | 'failure';
  /** Reason codes, ids, digests — never raw personal data. */
  detail?: Record<string, unknown>;
  ip?: string | null;
}

// Serialises chain appends across connections and processes; released at commit.
const AUDIT_CHAIN_LOCK = 72707002;

/**
 * Append one row to the audit chain, its hash keyed with the audit key (HMAC-SHA-256). Call it
 * with the transaction that makes the business change, so the change and its audit row commit
 * or fail together. Called outside a transaction, the row is committed on return, so the first
 * such row of a day also anchors the chain's head outside the database (cheap: one small file
 * a day per process).
 */
export async function writeAuditLog(dbOrTx: DbOrTx, entry: AuditEntry, now = new Date()): Promise<void> {
  const written = await dbOrTx.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
    const { chainId, head } = await readChainState(tx);
    if (!chainId) throw new Error('audit chain identity (audit_chain) is missing: refusing to write an unverifiable audit row');
    const prevHash = head?.hash ?? GENESIS_HASH;
    // Millisecond precision, so the value read back hashes exactly as written.
    const row = {
      at: new Date(now.getTime()),
      actorId: entry.actor?.id ?? null,
      actorRole: entry.actor?.role ?? null,
      event: entry.event,
      objectType: entry.objectType ?? null,
      objectId: entry.objectId ?? null,
      result: entry.result ?? 'success',
      detail: entry.detail ?? {},
      ip: entry.ip ?? null,
    } as const;
    const hash = computeAuditHmac(auditKey(), chainId, prevHash, row);
    const [{ seq }] = await tx.insert(auditLog).values({ ...row, prevHash, hash, hashVersion: CURRENT_HASH_VERSION }).returning({ seq: auditLog.seq });
    return { chainId, head: { seq, hash, at: row.at } };
  });
  if (!isTransaction(dbOrTx)) await anchorFirstOfDay(dbOrTx, written.chainId, written.head);
}

// By shape, not `instanceof`: route handlers and pages are separate bundles, each with its own
// copy of drizzle's classes, sharing one database handle (lib/server/db.ts).
const isTransaction = (d: DbOrTx) => typeof (d as { rollback?: unknown }).rollback === 'function';

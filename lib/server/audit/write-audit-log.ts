import { desc, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { auditLog } from '@/db/schema';
import { computeAuditHash, GENESIS_HASH } from './audit-hash';

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
 * Append one row to the audit chain. Call it with the transaction that makes the
 * business change, so the change and its audit row commit or fail together.
 */
export async function writeAuditLog(dbOrTx: DbOrTx, entry: AuditEntry, now = new Date()): Promise<void> {
  await dbOrTx.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
    const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
    const prevHash = last?.hash ?? GENESIS_HASH;
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
    await tx.insert(auditLog).values({ ...row, prevHash, hash: computeAuditHash(prevHash, row) });
  });
}

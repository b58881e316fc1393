import { asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { auditChain, auditLog } from '@/db/schema';

export interface ChainHead {
  seq: number;
  hash: string;
  at: Date;
}

/**
 * The chain's identity and its newest row, in one query (the newest row through the primary
 * key's index). `chainId` is null only if someone removed the identity row.
 */
export async function readChainState(db: DbOrTx): Promise<{ chainId: string | null; head: ChainHead | null }> {
  const [row] = await db
    .select({ chainId: auditChain.id, seq: auditLog.seq, hash: auditLog.hash, at: auditLog.at })
    .from(auditChain)
    .leftJoin(auditLog, sql`${auditLog.seq} = (select max(seq) from audit_log)`)
    .limit(1);
  if (!row) {
    const [last] = await db.select({ seq: auditLog.seq, hash: auditLog.hash, at: auditLog.at }).from(auditLog).orderBy(sql`${auditLog.seq} desc`).limit(1);
    return { chainId: null, head: last ?? null };
  }
  return { chainId: row.chainId, head: row.seq === null || row.hash === null || row.at === null ? null : { seq: row.seq, hash: row.hash, at: row.at } };
}

/** The seq of the first keyed (version 2) row: every row from it on must be keyed. */
export async function firstKeyedSeq(db: DbOrTx): Promise<number | null> {
  const [row] = await db.select({ seq: auditLog.seq }).from(auditLog).where(eq(auditLog.hashVersion, 2)).orderBy(asc(auditLog.seq)).limit(1);
  return row?.seq ?? null;
}

import type { DbOrTx } from '@/db/client';
import type { Db } from '@/db/client';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { anchorKeyFingerprint } from './audit-key';
import { latestAnchor, type AuditAnchor } from './anchor-store';
import { readChainState } from './chain-state';
import { verifyAuditChain, type ChainVerification } from './verify-audit-chain';
import { writeAuditLog } from './write-audit-log';

export interface AnchorSummary {
  name: string;
  seq: number;
  hash: string;
  at: string;
  anchoredAt: string;
  reason: AuditAnchor['reason'];
  signatureValid: boolean;
}

export type ChainCheck = ChainVerification & {
  chainId: string | null;
  /** The newest anchor outside the database, which the chain must reach. */
  anchor: AnchorSummary | null;
  /** Of the anchor key, for the auditor to compare with the one they wrote down. */
  keyFingerprint: string;
};

/**
 * The chain checked against its newest anchor (not a use-case: no actor, no audit row — for
 * the auditor's check, the anchoring job and the command line).
 */
export async function verifyAgainstLatestAnchor(db: DbOrTx): Promise<ChainCheck> {
  const { chainId } = await readChainState(db);
  const stored = chainId ? await latestAnchor(chainId) : null;
  const anchor = stored?.anchor && stored.valid ? stored.anchor : null;
  let result = await verifyAuditChain(db, { anchor });
  // An anchor file that is not this deployment's signed anchor: someone wrote to the anchor store.
  if (result.ok && stored && !stored.valid) result = { ok: false, rows: result.rows, firstBadSeq: stored.anchor?.seq ?? 0, reason: 'ANCHOR_INVALID' };
  const summary: AnchorSummary | null = stored?.anchor
    ? { name: stored.name, seq: stored.anchor.seq, hash: stored.anchor.hash, at: stored.anchor.at, anchoredAt: stored.anchor.anchoredAt, reason: stored.anchor.reason, signatureValid: stored.valid }
    : null;
  return { ...result, chainId, anchor: summary, keyFingerprint: anchorKeyFingerprint() };
}

/** The auditor's chain check: verify first (against the newest anchor), then record that (and what) was verified. */
export async function checkAuditChain(db: Db, actor: Actor): Promise<ChainCheck> {
  if (!hasPermission(actor.role, 'audit:read_log')) throw new AppError('FORBIDDEN');
  const result = await verifyAgainstLatestAnchor(db);
  const anchor = result.anchor ? { seq: result.anchor.seq, name: result.anchor.name } : null;
  await writeAuditLog(db, {
    actor: auditActor(actor),
    event: 'audit.verify_chain',
    result: result.ok ? 'success' : 'failure',
    detail: result.ok ? { rows: result.rows, anchor } : { rows: result.rows, firstBadSeq: result.firstBadSeq, reason: result.reason, anchor },
  });
  return result;
}

import type { Db } from '@/db/client';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { latestAnchor, signAnchor, writeAnchor, type AnchorReason, type AuditAnchor } from './anchor-store';
import { verifyAgainstLatestAnchor, type ChainCheck } from './check-audit-chain';
import { readChainState } from './chain-state';
import { writeAuditLog } from './write-audit-log';

export type AnchorOutcome = { ok: true; name: string; anchor: AuditAnchor } | { ok: false; check: ChainCheck };

/**
 * 锚定审计链: verify the whole chain against the newest anchor, then write a signed checkpoint
 * of the verified head to the anchor store (outside the database) and an audit row naming it.
 * A broken chain is never anchored: the refusal is recorded and returned. `actor` null is the
 * scheduled job; a person needs 'audit:anchor' (the auditor).
 */
export async function anchorAuditChain(db: Db, actor: Actor | null, reason: AnchorReason = 'on_demand'): Promise<AnchorOutcome> {
  if (actor && !hasPermission(actor.role, 'audit:anchor')) throw new AppError('FORBIDDEN');
  const check = await verifyAgainstLatestAnchor(db);
  const who = actor ? auditActor(actor) : null;
  if (!check.ok || !check.chainId) {
    await writeAuditLog(db, { actor: who, event: 'audit.anchor', result: 'failure', detail: { reason, refused: check.ok ? 'CHAIN_ID_MISSING' : check.reason, firstBadSeq: check.ok ? null : check.firstBadSeq } });
    return { ok: false, check };
  }
  if (check.headSeq === null || check.headAt === null) throw new AppError('CONFLICT', { message: 'empty audit log', userMessage: '审计日志为空，无需锚定' });
  const anchor = signAnchor({
    chainId: check.chainId, seq: check.headSeq, hash: check.headHash, at: check.headAt.toISOString(), keyedFrom: check.keyedFrom,
    anchoredAt: clock().toISOString(), reason,
  });
  const name = await writeAnchor(anchor);
  await writeAuditLog(db, { actor: who, event: 'audit.anchor', objectType: 'audit_anchor', objectId: name, detail: { reason, seq: anchor.seq, hash: anchor.hash } });
  return { ok: true, name, anchor };
}

/**
 * For the scheduled worker (call it hourly, say): anchor when the newest anchor is older than
 * `maxAgeHours` (default 24) or there is none. Returns null when nothing was due.
 */
export async function anchorAuditChainIfDue(db: Db, maxAgeHours = 24): Promise<AnchorOutcome | null> {
  const { chainId, head } = await readChainState(db);
  if (!chainId || !head) return null;
  const latest = await latestAnchor(chainId);
  const age = latest?.anchor ? clock().getTime() - Date.parse(latest.anchor.anchoredAt) : Infinity;
  if (latest?.valid && age < maxAgeHours * 3600_000) return null;
  return anchorAuditChain(db, null, 'daily');
}

import type { Db } from '@/db/client';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { ZAuditWitnessSchema } from '@/lib/validation/audit';
import { parseAnchor, anchorSignatureValid } from './anchor-store';
import { verifyAgainstLatestAnchor, type ChainCheck } from './check-audit-chain';
import { readChainState } from './chain-state';
import { verifyAuditChain, type ChainVerification } from './verify-audit-chain';
import { writeAuditLog } from './write-audit-log';

export interface WitnessCheck {
  seq: number;
  hash: string;
  /** For an anchor file: signed by this deployment's anchor key and for this chain. */
  signatureValid: boolean | null;
  /** Does the chain, recomputed now, reach this point with this hash? */
  witness: ChainVerification;
  /** The chain against its newest stored anchor, as on the audit page. */
  chain: ChainCheck;
}

/**
 * 核对留存副本: the auditor holds up a copy kept outside the system — an anchor file, or the
 * chain head printed on an exported list — against the log as it is now. Confirmed when the
 * chain verifies up to that row and the row still has that hash; otherwise where and why not.
 */
export async function verifyAuditWitness(db: Db, actor: Actor, raw: unknown): Promise<WitnessCheck> {
  if (!hasPermission(actor.role, 'audit:read_log')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZAuditWitnessSchema, raw);
  let point: { seq: number; hash: string; keyedFrom: number | null };
  let signatureValid: boolean | null = null;
  if ('anchorText' in input) {
    const anchor = parseAnchor(input.anchorText);
    if (!anchor) throw new AppError('INVALID_INPUT', { userMessage: '不是本系统的审计锚点文件' });
    point = { seq: anchor.seq, hash: anchor.hash, keyedFrom: anchor.keyedFrom };
    const { chainId } = await readChainState(db);
    signatureValid = anchor.chainId === chainId && anchorSignatureValid(anchor);
  } else {
    point = { seq: input.seq, hash: input.hash, keyedFrom: null };
  }
  const [witness, chain] = await Promise.all([verifyAuditChain(db, { anchor: point }), verifyAgainstLatestAnchor(db)]);
  await writeAuditLog(db, {
    actor: auditActor(actor),
    event: 'audit.verify_witness',
    result: witness.ok && signatureValid !== false ? 'success' : 'failure',
    detail: { seq: point.seq, hash: point.hash, kind: 'anchorText' in input ? 'anchor' : 'head', signatureValid, ...(witness.ok ? {} : { firstBadSeq: witness.firstBadSeq, reason: witness.reason }) },
  });
  return { seq: point.seq, hash: point.hash, signatureValid, witness, chain };
}

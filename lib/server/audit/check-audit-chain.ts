import type { Db } from '@/db/client';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { verifyAuditChain } from './verify-audit-chain';
import { writeAuditLog } from './write-audit-log';

/** The auditor's chain check: verify first, then record that (and what) was verified. */
export async function checkAuditChain(db: Db, actor: Actor) {
  if (!hasPermission(actor.role, 'audit:read_log')) throw new AppError('FORBIDDEN');
  const result = await verifyAuditChain(db);
  await writeAuditLog(db, {
    actor: auditActor(actor),
    event: 'audit.verify_chain',
    result: result.ok ? 'success' : 'failure',
    detail: result.ok ? { rows: result.rows } : { rows: result.rows, firstBadSeq: result.firstBadSeq, reason: result.reason },
  });
  return result;
}

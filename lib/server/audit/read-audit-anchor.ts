import type { Db } from '@/db/client';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { ZAnchorNameSchema } from '@/lib/validation/audit';
import { latestAnchor, readAnchor } from './anchor-store';
import { readChainState } from './chain-state';
import { writeAuditLog } from './write-audit-log';

/** 下载锚点: the auditor takes a copy of an anchor file (default: the newest) to keep outside the system. */
export async function readAuditAnchor(db: Db, actor: Actor, raw: unknown): Promise<{ name: string; text: string }> {
  if (!hasPermission(actor.role, 'audit:anchor')) throw new AppError('FORBIDDEN');
  const { name } = parseOrThrow(ZAnchorNameSchema, raw);
  const { chainId } = await readChainState(db);
  const stored = chainId ? await (name ? readAnchor(chainId, name) : latestAnchor(chainId)) : null;
  if (!stored) throw new AppError('NOT_FOUND', { userMessage: '尚无审计锚点' });
  await writeAuditLog(db, { actor: auditActor(actor), event: 'audit.download_anchor', objectType: 'audit_anchor', objectId: stored.name, detail: { seq: stored.anchor?.seq ?? null } });
  return { name: stored.name, text: stored.text };
}

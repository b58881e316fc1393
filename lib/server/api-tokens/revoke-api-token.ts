import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apiTokens } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';

/** Revoke a token: refused from the very next request. */
export async function revokeApiToken(db: Db, actor: Actor, raw: unknown): Promise<void> {
  if (!hasPermission(actor.role, 'admin:api_tokens')) throw new AppError('FORBIDDEN');
  const id = (raw as { tokenId?: unknown })?.tokenId;
  if (typeof id !== 'string' || !/^[0-9a-f-]{36}$/i.test(id)) throw new AppError('INVALID_INPUT');
  const t = clock();
  await db.transaction(async (tx) => {
    const [row] = await tx.update(apiTokens).set({ revokedAt: t, revokedBy: actor.userId }).where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt))).returning({ id: apiTokens.id, prefix: apiTokens.prefix });
    if (!row) throw new AppError('NOT_FOUND');
    await writeAuditLog(tx, { actor: auditActor(actor), event: 'api_token.revoke', objectType: 'api_token', objectId: row.id, detail: { prefix: row.prefix } }, t);
  });
}

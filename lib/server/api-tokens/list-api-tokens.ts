import { desc, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apiTokens, organisations } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';

export async function listApiTokens(db: Db, actor: Actor) {
  if (!hasPermission(actor.role, 'admin:api_tokens')) throw new AppError('FORBIDDEN');
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, prefix: apiTokens.prefix, bankName: organisations.name, createdAt: apiTokens.createdAt, expiresAt: apiTokens.expiresAt, allowedCidrs: apiTokens.allowedCidrs, lastUsedAt: apiTokens.lastUsedAt, lastUsedIp: apiTokens.lastUsedIp, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .innerJoin(organisations, eq(organisations.id, apiTokens.bankOrgId))
    .orderBy(desc(apiTokens.createdAt))
    .limit(200);
}

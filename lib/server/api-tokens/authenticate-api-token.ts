import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apiTokens, users } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { consumeRateLimit } from '@/lib/server/rate-limit/rate-limiter';
import { hashToken } from './hash-token';

/**
 * The actor behind a bearer token: the bank's API service account, with its bank as
 * scope. Unknown, revoked or disabled → UNAUTHENTICATED (the same answer for all three).
 */
export async function authenticateApiToken(db: Db, authorization: string | null): Promise<Actor> {
  const token = /^Bearer\s+(kzb_[A-Za-z0-9_-]{20,100})$/.exec(authorization?.trim() ?? '')?.[1];
  if (!token) throw new AppError('UNAUTHENTICATED', { userMessage: '缺少或无效的接口令牌' });
  const [row] = await db
    .select({ id: apiTokens.id, userId: users.id, role: users.role, orgId: users.orgId, realName: users.realName, status: users.status, bankOrgId: apiTokens.bankOrgId })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.serviceUserId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)));
  if (!row || row.status !== 'active' || row.orgId !== row.bankOrgId) throw new AppError('UNAUTHENTICATED', { userMessage: '缺少或无效的接口令牌' });
  // Per token (API_TOKEN_REQUESTS_PER_MINUTE): a refused call is not a use.
  await consumeRateLimit(db, 'api_token', row.id);
  await db.update(apiTokens).set({ lastUsedAt: clock() }).where(eq(apiTokens.id, row.id));
  return { userId: row.userId, role: row.role, orgId: row.orgId, realName: row.realName, sessionId: `api:${row.id}` };
}

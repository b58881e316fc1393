import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apiTokens, users } from '@/db/schema';
import { addressInCidrs } from '@/lib/domain/cidr';
import { AppError } from '@/lib/errors/app-error';
import type { Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { consumeRateLimit } from '@/lib/server/rate-limit/rate-limiter';
import { hashToken } from './hash-token';

const INVALID = '缺少或无效的接口令牌';

/**
 * The actor behind a bearer token: the bank's API service account, with its bank as
 * scope. Unknown, revoked or disabled → UNAUTHENTICATED (the same answer for all three);
 * past its expiry → UNAUTHENTICATED saying so (401); from a client address outside the
 * token's allowlist, when it has one → FORBIDDEN (403); past API_TOKEN_REQUESTS_PER_MINUTE
 * → RATE_LIMITED (429). Only an accepted call updates the last-used time and address.
 */
export async function authenticateApiToken(db: Db, authorization: string | null, ip: string | null = null): Promise<Actor> {
  const token = /^Bearer\s+(kzb_[A-Za-z0-9_-]{20,100})$/.exec(authorization?.trim() ?? '')?.[1];
  if (!token) throw new AppError('UNAUTHENTICATED', { userMessage: INVALID });
  const t = clock();
  const [row] = await db
    .select({
      id: apiTokens.id, userId: users.id, role: users.role, orgId: users.orgId, realName: users.realName, status: users.status,
      bankOrgId: apiTokens.bankOrgId, expiresAt: apiTokens.expiresAt, allowedCidrs: apiTokens.allowedCidrs,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.serviceUserId))
    .where(and(eq(apiTokens.tokenHash, hashToken(token)), isNull(apiTokens.revokedAt)));
  if (!row || row.status !== 'active' || row.orgId !== row.bankOrgId) throw new AppError('UNAUTHENTICATED', { userMessage: INVALID });
  if (row.expiresAt.getTime() <= t.getTime()) throw new AppError('UNAUTHENTICATED', { message: 'api token expired', userMessage: '接口令牌已过期，请联系开州区人社局安全管理员重新签发' });
  if (row.allowedCidrs.length > 0 && !addressInCidrs(ip, row.allowedCidrs)) {
    throw new AppError('FORBIDDEN', { message: `api token used from ${ip ?? 'unknown'}`, userMessage: '请求来源地址不在该接口令牌允许的范围内' });
  }
  // Per token (API_TOKEN_REQUESTS_PER_MINUTE): a refused call is not a use.
  await consumeRateLimit(db, 'api_token', row.id);
  await db.update(apiTokens).set({ lastUsedAt: t, lastUsedIp: ip }).where(eq(apiTokens.id, row.id));
  return { userId: row.userId, role: row.role, orgId: row.orgId, realName: row.realName, sessionId: `api:${row.id}` };
}

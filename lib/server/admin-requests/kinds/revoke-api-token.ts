import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { apiTokens, organisations } from '@/db/schema';
import { AppError } from '@/lib/errors/app-error';
import type { ProposeAdminRequest } from '@/lib/validation/admin-requests';
import type { AdminRequestHandler } from './handler';

type Input = Extract<ProposeAdminRequest, { kind: 'revoke_api_token' }>;

async function liveToken(tx: Tx, id: string) {
  const [t] = await tx
    .select({ id: apiTokens.id, prefix: apiTokens.prefix, name: apiTokens.name, bankName: organisations.name })
    .from(apiTokens)
    .innerJoin(organisations, eq(organisations.id, apiTokens.bankOrgId))
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)));
  if (!t) throw new AppError('NOT_FOUND', { userMessage: '令牌不存在或已吊销' });
  return t;
}

/** 吊销银行接口令牌 (security administrator): refused from the very next request once approved. */
export const revokeApiTokenRequest: AdminRequestHandler<Input> = {
  async prepare(tx, _actor, input) {
    const t = await liveToken(tx, input.tokenId);
    return { subject: `token:${t.id}`, targetUserId: null, payload: { tokenId: t.id, prefix: t.prefix, name: t.name, bankName: t.bankName }, summary: `吊销 ${t.bankName} 的接口令牌 ${t.prefix}…（${t.name}）` };
  },

  async apply(tx, request, at) {
    const { tokenId } = request.payload as { tokenId: string };
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: at, revokedBy: request.proposedBy })
      .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id, prefix: apiTokens.prefix });
    if (!row) throw new AppError('NOT_FOUND', { userMessage: '令牌不存在或已吊销' });
    return { audit: { event: 'api_token.revoke', objectType: 'api_token', objectId: row.id, detail: { prefix: row.prefix, requestId: request.id, proposedBy: request.proposedBy } } };
  },
};

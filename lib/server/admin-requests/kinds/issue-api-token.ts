import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { apiTokens, organisations, users } from '@/db/schema';
import { parseCidrList } from '@/lib/domain/cidr';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors/app-error';
import { hashToken } from '@/lib/server/api-tokens/hash-token';
import { hashPassword } from '@/lib/server/crypto/password';
import type { ProposeAdminRequest } from '@/lib/validation/admin-requests';
import type { AdminRequestHandler } from './handler';

type Input = Extract<ProposeAdminRequest, { kind: 'issue_api_token' }>;
interface Payload { bankCode: string; bankName: string; name: string; allowedCidrs?: string[]; ttlDays?: number }

async function bankOf(tx: Tx, code: string) {
  const [bank] = await tx.select().from(organisations).where(and(eq(organisations.code, code), eq(organisations.kind, 'bank')));
  if (!bank) throw new AppError('INVALID_INPUT', { userMessage: '请选择银行', fieldErrors: { bankCode: '请选择银行' } });
  return bank;
}

/**
 * 签发银行接口令牌 (security administrator). On approval the token is generated, shown once to the
 * approving administrator to hand to the bank, and only its hash is stored. It acts as the bank's
 * API service account, created on first use, which cannot log in interactively.
 */
export const issueApiTokenRequest: AdminRequestHandler<Input> = {
  async prepare(tx, _actor, input) {
    const bank = await bankOf(tx, input.bankCode);
    const cidrs = parseCidrList(input.allowedCidrs ?? '');
    if (!cidrs.ok) {
      const msg = `以下地址范围无效：${cidrs.bad.join('、')}（示例：203.0.113.0/24、2001:db8::/32）`;
      throw new AppError('INVALID_INPUT', { userMessage: msg, fieldErrors: { allowedCidrs: msg } });
    }
    const ttlDays = env().API_TOKEN_TTL_DAYS;
    const where = cidrs.cidrs.length ? `，仅限来源 ${cidrs.cidrs.join('、')}` : '，来源地址不限';
    return {
      subject: `bank:${bank.code}`,
      targetUserId: null,
      payload: { bankCode: bank.code, bankName: bank.name, name: input.name, allowedCidrs: cidrs.cidrs, ttlDays } satisfies Payload,
      summary: `为 ${bank.name} 签发接口令牌（用途：${input.name}，有效期 ${ttlDays} 天${where}）`,
    };
  },

  async apply(tx, request, at) {
    const p = request.payload as Payload;
    const bank = await bankOf(tx, p.bankCode);
    const token = `kzb_${crypto.randomBytes(32).toString('base64url')}`;
    const username = `api-${bank.code.toLowerCase()}`;
    let [service] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
    if (!service) {
      [service] = await tx
        .insert(users)
        .values({ username, realName: `${bank.name}（接口）`, role: 'bank_officer', orgId: bank.id, passwordHash: await hashPassword(crypto.randomBytes(32).toString('hex')) })
        .returning({ id: users.id });
    }
    const [row] = await tx
      .insert(apiTokens)
      .values({
        bankOrgId: bank.id, serviceUserId: service.id, name: p.name, tokenHash: hashToken(token), prefix: token.slice(0, 12), createdBy: request.proposedBy, createdAt: at,
        // The lifetime runs from the approval (API_TOKEN_TTL_DAYS as it was when asked for).
        expiresAt: new Date(at.getTime() + (p.ttlDays ?? env().API_TOKEN_TTL_DAYS) * 86_400_000),
        allowedCidrs: p.allowedCidrs ?? [],
      })
      .returning({ id: apiTokens.id });
    return { shownOnce: { token }, audit: { event: 'api_token.issue', objectType: 'api_token', objectId: row.id, detail: { bank: bank.code, prefix: token.slice(0, 12), allowedCidrs: p.allowedCidrs ?? [], requestId: request.id, proposedBy: request.proposedBy } } };
  },
};

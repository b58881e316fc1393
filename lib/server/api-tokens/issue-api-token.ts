import crypto from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { apiTokens, organisations, users } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { hashPassword } from '@/lib/server/crypto/password';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { z } from 'zod';

const ZIssueTokenSchema = z.object({ bankCode: z.string().min(1, '请选择银行'), name: z.string().trim().min(2, '请填写用途说明').max(60) }).strict();

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

/**
 * Issue an API token for a partner bank (administrator). The token is returned once and
 * only its hash is stored. It acts as the bank's API service account, created on first use,
 * which cannot log in interactively (its password is random and discarded).
 */
export async function issueApiToken(db: Db, actor: Actor, raw: unknown): Promise<{ id: string; token: string }> {
  if (!hasPermission(actor.role, 'admin:api_tokens')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZIssueTokenSchema, raw);
  const t = clock();
  const token = `kzb_${crypto.randomBytes(32).toString('base64url')}`;
  return db.transaction(async (tx) => {
    const [bank] = await tx.select().from(organisations).where(and(eq(organisations.code, input.bankCode), eq(organisations.kind, 'bank')));
    if (!bank) throw new AppError('INVALID_INPUT', { userMessage: '请选择银行', fieldErrors: { bankCode: '请选择银行' } });
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
      .values({ bankOrgId: bank.id, serviceUserId: service.id, name: input.name, tokenHash: hashToken(token), prefix: token.slice(0, 12), createdBy: actor.userId, createdAt: t })
      .returning({ id: apiTokens.id });
    await writeAuditLog(tx, { actor: auditActor(actor), event: 'api_token.issue', objectType: 'api_token', objectId: row.id, detail: { bank: bank.code, prefix: token.slice(0, 12) } }, t);
    return { id: row.id, token };
  });
}

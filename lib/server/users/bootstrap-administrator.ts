import { asc, count, eq, inArray, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db/client';
import { organisations, users } from '@/db/schema';
import { ORG_KIND_OF_ROLE } from '@/lib/domain/role-orgs';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { sendOneTimePassword } from '@/lib/server/admin-requests/kinds/send-one-time-password';
import { now as clock } from '@/lib/server/clock';
import { hashPassword } from '@/lib/server/crypto/password';
import { mobileHash, sealMobile } from '@/lib/server/crypto/pii';
import { temporaryPassword } from './temporary-password';

/** Administration is maker-checker: two of each kind are needed before /admin/requests can work. */
export const BOOTSTRAP_MAX_PER_ROLE = 2;

const ZBootstrap = z.object({
  username: z.string().regex(/^[a-z][a-z0-9_.-]{2,31}$/, '用户名：3–32 位小写字母、数字、._-，以字母开头'),
  realName: z.string().trim().min(2).max(40),
  mobile: z.string().regex(/^1[3-9]\d{9}$/, '手机号应为 11 位'),
  role: z.enum(['admin', 'security_admin', 'auditor']),
});

export interface BootstrapResult {
  userId: string;
  username: string;
  role: 'admin' | 'security_admin' | 'auditor';
  /** The one-time password — returned only when the caller asked to print it instead of sending it by SMS. */
  password?: string;
}

/**
 * `npm run admin:create`: the first administrators of a new deployment (no demo data): at most
 * two system administrators, two security administrators and two auditors this way — after that,
 * accounts are requests approved by a second administrator (/admin/requests). The account gets a
 * one-time password, to be replaced at the first login, and enrols its authenticator then. The
 * password goes by SMS to the account's own mobile (the outbox; a worker sends it), or — when the
 * operator has no SMS gateway yet — is returned once to the operator's terminal (`print`).
 * Audited as the system (no person is signed in).
 */
export async function bootstrapAdministrator(db: Db, raw: unknown, opts: { print?: boolean } = {}): Promise<BootstrapResult> {
  const parsed = ZBootstrap.safeParse(raw);
  if (!parsed.success) throw new AppError('INVALID_INPUT', { userMessage: parsed.error.issues.map((i) => i.message).join('；') });
  const input = parsed.data;
  const t = clock();
  return db.transaction(async (tx) => {
    const [{ n }] = await tx.select({ n: count() }).from(users).where(eq(users.role, input.role));
    if (n >= BOOTSTRAP_MAX_PER_ROLE) {
      throw new AppError('CONFLICT', { userMessage: `已有 ${n} 个该角色账号：请由管理员在“账号申请”中新建（需另一名管理员批准）` });
    }
    const clash = await tx.select({ id: users.id }).from(users).where(or(eq(users.username, input.username), eq(users.mobileHash, mobileHash(input.mobile))));
    if (clash.length) throw new AppError('ALREADY_EXISTS', { userMessage: '用户名或手机号已被使用' });
    const [org] = await tx.select().from(organisations).where(inArray(organisations.kind, [...ORG_KIND_OF_ROLE[input.role]] as never)).orderBy(asc(organisations.id)).limit(1);
    if (!org) throw new AppError('CONFLICT', { userMessage: '缺少对应机构：请先运行 npm run db:seed（参考数据）' });
    const password = temporaryPassword();
    const [u] = await tx
      .insert(users)
      .values({ username: input.username, realName: input.realName, role: input.role, orgId: org.id, ...sealMobile(input.mobile), passwordHash: await hashPassword(password), mustChangePassword: true, passwordChangedAt: t, createdAt: t })
      .returning({ id: users.id });
    await writeAuditLog(tx, { actor: null, event: 'user.bootstrap', objectType: 'user', objectId: u.id, detail: { username: input.username, role: input.role, orgCode: org.code, delivery: opts.print ? 'terminal' : 'sms' } }, t);
    if (!opts.print) await sendOneTimePassword(tx, { userId: u.id, mobile: input.mobile, username: input.username }, password, 'created', t);
    return { userId: u.id, username: input.username, role: input.role, ...(opts.print ? { password } : {}) };
  });
}

import { eq, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { organisations, users } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { ORG_KIND_OF_ROLE } from '@/lib/domain/role-orgs';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { hashPassword } from '@/lib/server/crypto/password';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { ZCreateStaffUserSchema } from '@/lib/validation/users';
import { temporaryPassword } from './temporary-password';

/**
 * Create a staff account in an organisation of the right kind. It gets a one-time
 * temporary password, shown once to the administrator; the user must change it before
 * doing anything else (AUTH-07).
 */
export async function createStaffUser(db: Db, actor: Actor, raw: unknown): Promise<{ userId: string; temporaryPassword: string }> {
  if (!hasPermission(actor.role, 'admin:users')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZCreateStaffUserSchema, raw);
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const t = clock();
  try {
    return await db.transaction(async (tx) => {
      const [org] = await tx.select().from(organisations).where(eq(organisations.code, input.orgCode));
      if (!org || !ORG_KIND_OF_ROLE[input.role].includes(org.kind)) throw new AppError('INVALID_INPUT', { userMessage: '所属机构与角色不匹配', fieldErrors: { orgCode: '所属机构与角色不匹配' } });
      const mobile = input.mobile || null;
      const clash = await tx.select({ id: users.id }).from(users).where(mobile ? or(eq(users.username, input.username), eq(users.mobile, mobile)) : eq(users.username, input.username));
      if (clash.length) throw new AppError('ALREADY_EXISTS', { userMessage: '用户名或手机号已被使用', fieldErrors: { username: '用户名或手机号已被使用' } });
      const [u] = await tx
        .insert(users)
        .values({ username: input.username, realName: input.realName, role: input.role, orgId: org.id, mobile, passwordHash, mustChangePassword: true, createdAt: t })
        .returning({ id: users.id });
      await writeAuditLog(tx, { actor: auditActor(actor), event: 'user.create', objectType: 'user', objectId: u.id, detail: { role: input.role, org: org.code } }, t);
      return { userId: u.id, temporaryPassword: password };
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('ALREADY_EXISTS', { userMessage: '用户名或手机号已被使用' });
    throw e;
  }
}

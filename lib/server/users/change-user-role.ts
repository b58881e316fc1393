import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { organisations, users } from '@/db/schema';
import { hasPermission } from '@/lib/auth/permissions';
import { ORG_KIND_OF_ROLE } from '@/lib/domain/role-orgs';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { auditActor, type Actor } from '@/lib/server/auth/actor';
import { now as clock } from '@/lib/server/clock';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { ZChangeRoleSchema } from '@/lib/validation/users';

/** Change a staff member's role and organisation. Sessions read the role per request, so it applies at once. */
export async function changeUserRole(db: Db, actor: Actor, raw: unknown): Promise<void> {
  if (!hasPermission(actor.role, 'admin:users')) throw new AppError('FORBIDDEN');
  const input = parseOrThrow(ZChangeRoleSchema, raw);
  if (input.userId === actor.userId) throw new AppError('FORBIDDEN', { userMessage: '不能修改自己的角色' });
  const t = clock();
  await db.transaction(async (tx) => {
    const [org] = await tx.select().from(organisations).where(eq(organisations.code, input.orgCode));
    if (!org || !ORG_KIND_OF_ROLE[input.role].includes(org.kind)) throw new AppError('INVALID_INPUT', { userMessage: '所属机构与角色不匹配' });
    const [before] = await tx.select({ role: users.role }).from(users).where(eq(users.id, input.userId)).for('update');
    if (!before || before.role === 'applicant') throw new AppError('NOT_FOUND');
    await tx.update(users).set({ role: input.role, orgId: org.id }).where(eq(users.id, input.userId));
    await writeAuditLog(tx, { actor: auditActor(actor), event: 'user.change_role', objectType: 'user', objectId: input.userId, detail: { from: before.role, to: input.role, org: org.code } }, t);
  });
}

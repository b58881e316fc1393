import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { organisations, users } from '@/db/schema';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import { ORG_KIND_OF_ROLE } from '@/lib/domain/role-orgs';
import type { Role } from '@/lib/domain/roles';
import { AppError } from '@/lib/errors/app-error';
import type { ProposeAdminRequest } from '@/lib/validation/admin-requests';
import type { AdminRequestHandler } from './handler';

type Input = Extract<ProposeAdminRequest, { kind: 'change_role' }>;
type StaffRole = Exclude<Role, 'applicant'>;
interface Payload { username: string; realName: string; from: { role: StaffRole; orgCode: string | null; orgName: string | null }; to: { role: StaffRole; orgCode: string; orgName: string } }

async function staffMember(tx: Tx, userId: string) {
  const [u] = await tx
    .select({ id: users.id, username: users.username, realName: users.realName, role: users.role, orgCode: organisations.code, orgName: organisations.name })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.orgId))
    .where(eq(users.id, userId));
  if (!u || u.role === 'applicant') throw new AppError('NOT_FOUND', { userMessage: '工作人员账号不存在' });
  return { ...u, role: u.role as StaffRole };
}

/** 授予 / 调整角色 (security administrator). Sessions read the role per request, so it applies on the next one. */
export const changeRoleRequest: AdminRequestHandler<Input> = {
  async prepare(tx, _actor, input) {
    const u = await staffMember(tx, input.userId);
    const [org] = await tx.select().from(organisations).where(eq(organisations.code, input.orgCode));
    if (!org || !ORG_KIND_OF_ROLE[input.role].includes(org.kind)) throw new AppError('INVALID_INPUT', { userMessage: '所属机构与角色不匹配', fieldErrors: { orgCode: '所属机构与角色不匹配' } });
    if (u.role === input.role && u.orgCode === org.code) throw new AppError('INVALID_INPUT', { userMessage: '角色和机构均未改变' });
    const payload: Payload = { username: u.username, realName: u.realName, from: { role: u.role, orgCode: u.orgCode, orgName: u.orgName }, to: { role: input.role, orgCode: org.code, orgName: org.name } };
    return {
      subject: `user:${u.id}`,
      targetUserId: u.id,
      payload: { ...payload },
      summary: `${u.realName}（${u.username}）：${ROLE_LABELS[u.role]} · ${u.orgName ?? '—'} → ${ROLE_LABELS[input.role]} · ${org.name}`,
    };
  },

  async apply(tx, request, _at) {
    const p = request.payload as Payload;
    const [org] = await tx.select().from(organisations).where(eq(organisations.code, p.to.orgCode));
    if (!org || !ORG_KIND_OF_ROLE[p.to.role].includes(org.kind)) throw new AppError('INVALID_INPUT', { userMessage: '所属机构与角色不匹配' });
    const [before] = await tx.select({ role: users.role }).from(users).where(eq(users.id, request.targetUserId!)).for('update');
    // Approve what the checker saw: if the account changed meanwhile, the request must be made again.
    if (!before || before.role !== p.from.role) throw new AppError('CONFLICT', { userMessage: '该账号的角色已变化，请驳回后重新申请' });
    await tx.update(users).set({ role: p.to.role, orgId: org.id }).where(eq(users.id, request.targetUserId!));
    return { audit: { event: 'user.change_role', objectType: 'user', objectId: request.targetUserId!, detail: { from: p.from.role, to: p.to.role, org: org.code, requestId: request.id, proposedBy: request.proposedBy } } };
  },
};

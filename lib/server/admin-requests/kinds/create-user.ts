import { eq, or } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { organisations, users } from '@/db/schema';
import { ROLE_LABELS } from '@/lib/auth/permissions';
import { maskMobile } from '@/lib/domain/mask';
import { ORG_KIND_OF_ROLE } from '@/lib/domain/role-orgs';
import type { Role } from '@/lib/domain/roles';
import { AppError } from '@/lib/errors/app-error';
import { hashPassword } from '@/lib/server/crypto/password';
import { decryptPii, encryptPii, mobileHash, sealMobile } from '@/lib/server/crypto/pii';
import { temporaryPassword } from '@/lib/server/users/temporary-password';
import type { ProposeAdminRequest } from '@/lib/validation/admin-requests';
import type { AdminRequestHandler } from './handler';
import { sendOneTimePassword } from './send-one-time-password';

type Input = Extract<ProposeAdminRequest, { kind: 'create_user' }>;
/** The mobile waits in the request encrypted (`mobileEnc`); requests from before that carry `mobile` (sealed by the migration step). */
interface Payload { username: string; realName: string; role: Exclude<Role, 'applicant'>; orgCode: string; orgName: string; mobileEnc?: string; mobile?: string; mobileMasked: string }

async function checkFree(tx: Tx, username: string, mobile: string) {
  const clash = await tx.select({ id: users.id }).from(users).where(or(eq(users.username, username), eq(users.mobileHash, mobileHash(mobile))));
  if (clash.length) throw new AppError('ALREADY_EXISTS', { userMessage: '用户名或手机号已被使用', fieldErrors: { username: '用户名或手机号已被使用' } });
}

async function fittingOrg(tx: Tx, role: Payload['role'], orgCode: string) {
  const [org] = await tx.select().from(organisations).where(eq(organisations.code, orgCode));
  if (!org || !ORG_KIND_OF_ROLE[role].includes(org.kind)) throw new AppError('INVALID_INPUT', { userMessage: '所属机构与角色不匹配', fieldErrors: { orgCode: '所属机构与角色不匹配' } });
  return org;
}

/** 新建工作人员账号 (system administrator). On approval the initial password goes to the new account's mobile. */
export const createUserRequest: AdminRequestHandler<Input> = {
  async prepare(tx, _actor, input) {
    const org = await fittingOrg(tx, input.role, input.orgCode);
    await checkFree(tx, input.username, input.mobile);
    const payload: Payload = { username: input.username, realName: input.realName, role: input.role, orgCode: org.code, orgName: org.name, mobileEnc: encryptPii(input.mobile), mobileMasked: maskMobile(input.mobile) };
    return {
      subject: `username:${input.username}`,
      targetUserId: null,
      payload: { ...payload },
      summary: `新建账号 ${input.username}（${input.realName}），角色：${ROLE_LABELS[input.role]}，机构：${org.name}，初始密码短信发送至 ${payload.mobileMasked}`,
    };
  },

  async apply(tx, request, at) {
    const p = request.payload as Payload;
    const org = await fittingOrg(tx, p.role, p.orgCode);
    const mobile = p.mobileEnc ? decryptPii(p.mobileEnc) : p.mobile!;
    await checkFree(tx, p.username, mobile);
    const password = temporaryPassword();
    const [u] = await tx
      .insert(users)
      .values({ username: p.username, realName: p.realName, role: p.role, orgId: org.id, ...sealMobile(mobile), passwordHash: await hashPassword(password), mustChangePassword: true, passwordChangedAt: at, createdAt: at })
      .returning({ id: users.id });
    await sendOneTimePassword(tx, { userId: u.id, mobile, username: p.username }, password, 'created', at);
    return { targetUserId: u.id, audit: { event: 'user.create', objectType: 'user', objectId: u.id, detail: { role: p.role, org: org.code, requestId: request.id, proposedBy: request.proposedBy } } };
  },
};

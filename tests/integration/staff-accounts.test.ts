import { beforeAll, expect, it } from 'vitest';
import { authenticateUser } from '@/lib/server/auth/authenticate-user';
import { resolveSession } from '@/lib/server/auth/resolve-session';
import { decideAdminRequest } from '@/lib/server/admin-requests/decide-admin-request';
import { proposeAdminRequest } from '@/lib/server/admin-requests/propose-admin-request';
import { changePassword } from '@/lib/server/users/change-password';
import { describeDb } from '../helpers/test-db';
import { passwordSentTo, viaApproval } from '../helpers/admin-requests';
import { actorOf, createUser, ensureReferenceData, tableCounts } from '../helpers/factories';

const COUNTED = ['users', 'sessions', 'audit_log', 'rate_limits', 'admin_requests', 'sms_outbox'];

describeDb('staff accounts: creation with a one-time password by SMS, password change, role change, reset — each approved by a second administrator', (ctx) => {
  let admin: ReturnType<typeof actorOf>;
  let admin2: ReturnType<typeof actorOf>;
  let security: ReturnType<typeof actorOf>;
  let security2: ReturnType<typeof actorOf>;
  beforeAll(async () => {
    await ensureReferenceData(ctx.h.db);
    admin = actorOf(await createUser(ctx.h.db, { role: 'admin', orgCode: 'KZ-OPS' }));
    admin2 = actorOf(await createUser(ctx.h.db, { role: 'admin', orgCode: 'KZ-OPS' }));
    security = actorOf(await createUser(ctx.h.db, { role: 'security_admin', orgCode: 'KZ-OPS' }));
    security2 = actorOf(await createUser(ctx.h.db, { role: 'security_admin', orgCode: 'KZ-OPS' }));
  });

  it('AUTH-07 a new account gets its one-time password by SMS, must replace it first; the change ends other sessions', async () => {
    const created = await viaApproval(ctx.h.db, admin, admin2, { kind: 'create_user', username: 'new.reviewer', realName: '新审核员', role: 'hr_reviewer', orgCode: 'KZ-EMP', mobile: '17711112222' });
    const [user] = await ctx.h.query<{ id: string; must_change_password: boolean }>(`select id, must_change_password from users where username = 'new.reviewer'`);
    expect(user.must_change_password).toBe(true);
    const temporaryPassword = await passwordSentTo(ctx.h.db, user.id);
    expect(JSON.stringify(created)).not.toContain(temporaryPassword);
    expect(await ctx.h.query(`select mobile from sms_outbox where user_id = $1`, [user.id])).toEqual([{ mobile: '17711112222' }]);

    const s1 = await authenticateUser(ctx.h.db, { identifier: 'new.reviewer', password: temporaryPassword });
    const s2 = await authenticateUser(ctx.h.db, { identifier: 'new.reviewer', password: temporaryPassword });
    const actor = (await resolveSession(ctx.h.db, s1.sessionId))!;
    expect(actor.mustChangePassword).toBe(true);

    await expect(changePassword(ctx.h.db, actor, { currentPassword: 'wrong', newPassword: 'Brand-new-pass-1', confirmPassword: 'Brand-new-pass-1' })).rejects.toMatchObject({ fieldErrors: { currentPassword: '当前密码不正确' } });
    await expect(changePassword(ctx.h.db, actor, { currentPassword: temporaryPassword, newPassword: 'weakpassword', confirmPassword: 'weakpassword' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await changePassword(ctx.h.db, actor, { currentPassword: temporaryPassword, newPassword: 'Brand-new-pass-1', confirmPassword: 'Brand-new-pass-1' });
    expect((await resolveSession(ctx.h.db, s1.sessionId))?.mustChangePassword).toBe(false);
    expect(await resolveSession(ctx.h.db, s2.sessionId)).toBeNull();
    await expect(authenticateUser(ctx.h.db, { identifier: 'new.reviewer', password: temporaryPassword })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
  });

  it('refuses a role in the wrong kind of organisation, a taken name or mobile, no mobile, a security administrator and non-administrators — writing nothing', async () => {
    const hr = actorOf(await createUser(ctx.h.db, { role: 'hr_reviewer' }));
    const before = await tableCounts(ctx.h.db, COUNTED);
    const ask = { kind: 'create_user', realName: '新人员', reason: '新入职' };
    await expect(proposeAdminRequest(ctx.h.db, admin, { ...ask, username: 'bank.x', role: 'bank_officer', orgCode: 'KZ-FIN', mobile: '17711113333' })).rejects.toMatchObject({ fieldErrors: { orgCode: '所属机构与角色不匹配' } });
    await expect(proposeAdminRequest(ctx.h.db, admin, { ...ask, username: 'new.reviewer', role: 'hr_reviewer', orgCode: 'KZ-EMP', mobile: '17711113333' })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    await expect(proposeAdminRequest(ctx.h.db, admin, { ...ask, username: 'other.name', role: 'hr_reviewer', orgCode: 'KZ-EMP', mobile: '17711112222' })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    await expect(proposeAdminRequest(ctx.h.db, admin, { ...ask, username: 'no.mobile', role: 'hr_reviewer', orgCode: 'KZ-EMP' })).rejects.toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { mobile: expect.any(String) } });
    await expect(proposeAdminRequest(ctx.h.db, hr, { ...ask, username: 'sneaky', role: 'admin', orgCode: 'KZ-OPS', mobile: '17711113333' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(proposeAdminRequest(ctx.h.db, security, { ...ask, username: 'sneaky', role: 'hr_reviewer', orgCode: 'KZ-EMP', mobile: '17711113333' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await tableCounts(ctx.h.db, COUNTED)).toEqual(before);
  });

  it('AUTHZ-08 a role change waits for the second security administrator, then applies on the very next request', async () => {
    const u = await createUser(ctx.h.db, { role: 'bank_officer', orgCode: 'BANK-ABC-KZ', username: 'mover' });
    const s = await authenticateUser(ctx.h.db, { identifier: 'mover', password: 'Test-password-123' });
    const { requestId } = await proposeAdminRequest(ctx.h.db, security, { kind: 'change_role', userId: u.id, role: 'hr_reviewer', orgCode: 'KZ-EMP', reason: '岗位调动' });
    expect(await resolveSession(ctx.h.db, s.sessionId)).toMatchObject({ role: 'bank_officer' });
    await decideAdminRequest(ctx.h.db, security2, { requestId, action: 'approve' });
    expect(await resolveSession(ctx.h.db, s.sessionId)).toMatchObject({ role: 'hr_reviewer' });
    const audit = await ctx.h.query<{ actor_id: string; detail: { from: string; to: string; proposedBy: string } }>(`select actor_id, detail from audit_log where event = 'user.change_role' and object_id = $1`, [u.id]);
    expect(audit).toEqual([{ actor_id: security2.userId, detail: expect.objectContaining({ from: 'bank_officer', to: 'hr_reviewer', proposedBy: security.userId }) }]);
  });

  it('a password reset ends the old password and every session, lifts the lockout, and forces a new password — only once a second security administrator approves; never on oneself', async () => {
    const u = await createUser(ctx.h.db, { role: 'hr_reviewer', orgCode: 'KZ-EMP', username: 'forgetful', mobile: '17711114444' });
    const open = await authenticateUser(ctx.h.db, { identifier: 'forgetful', password: 'Test-password-123' });
    for (let i = 0; i < 5; i++) await authenticateUser(ctx.h.db, { identifier: 'forgetful', password: 'wrong-guess' }).catch(() => undefined);
    await expect(authenticateUser(ctx.h.db, { identifier: 'forgetful', password: 'Test-password-123' })).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });

    // Refusals first: nothing changes.
    const hr = actorOf(await createUser(ctx.h.db, { role: 'hr_reviewer' }));
    const noMobile = await createUser(ctx.h.db, { role: 'hr_reviewer', orgCode: 'KZ-EMP' });
    const before = await tableCounts(ctx.h.db, COUNTED);
    const hashBefore = await ctx.h.query(`select password_hash from users where id = $1`, [u.id]);
    const reset = (userId: string) => ({ kind: 'reset_password', userId, reason: '本人来电，已核实身份' });
    await expect(proposeAdminRequest(ctx.h.db, hr, reset(u.id))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(proposeAdminRequest(ctx.h.db, admin, reset(u.id))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(proposeAdminRequest(ctx.h.db, security, reset(security.userId))).rejects.toMatchObject({ code: 'FORBIDDEN', userMessage: expect.stringContaining('修改密码') });
    await expect(proposeAdminRequest(ctx.h.db, security, reset('not-a-uuid'))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(proposeAdminRequest(ctx.h.db, security, reset('00000000-0000-4000-8000-000000000000'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(proposeAdminRequest(ctx.h.db, security, reset(noMobile.id))).rejects.toMatchObject({ code: 'INVALID_INPUT', userMessage: expect.stringContaining('未登记手机号') });
    expect(await tableCounts(ctx.h.db, COUNTED)).toEqual(before);

    // The request alone changes nothing either.
    const { requestId } = await proposeAdminRequest(ctx.h.db, security, reset(u.id));
    expect(await ctx.h.query(`select password_hash from users where id = $1`, [u.id])).toEqual(hashBefore);
    expect(await resolveSession(ctx.h.db, open.sessionId)).not.toBeNull();
    expect(await ctx.h.query(`select count(*)::int as n from sms_outbox where user_id = $1`, [u.id])).toEqual([{ n: 0 }]);

    const decided = await decideAdminRequest(ctx.h.db, security2, { requestId, action: 'approve' });
    const temporaryPassword = await passwordSentTo(ctx.h.db, u.id);
    expect(JSON.stringify(decided)).not.toContain(temporaryPassword);
    expect(await resolveSession(ctx.h.db, open.sessionId)).toBeNull();
    await expect(authenticateUser(ctx.h.db, { identifier: 'forgetful', password: 'Test-password-123' })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    const fresh = await authenticateUser(ctx.h.db, { identifier: 'forgetful', password: temporaryPassword });
    expect((await resolveSession(ctx.h.db, fresh.sessionId))?.mustChangePassword).toBe(true);
    const audit = await ctx.h.query<{ actor_id: string; detail: { proposedBy: string } }>(`select actor_id, detail from audit_log where event = 'user.reset_password' and object_id = $1`, [u.id]);
    expect(audit).toEqual([{ actor_id: security2.userId, detail: expect.objectContaining({ proposedBy: security.userId, requestId }) }]);
  });
});

import { beforeAll, expect, it } from 'vitest';
import { authenticateUser } from '@/lib/server/auth/authenticate-user';
import { resolveSession } from '@/lib/server/auth/resolve-session';
import { changePassword } from '@/lib/server/users/change-password';
import { changeUserRole } from '@/lib/server/users/change-user-role';
import { createStaffUser } from '@/lib/server/users/create-staff-user';
import { resetUserPassword } from '@/lib/server/users/reset-user-password';
import { describeDb } from '../helpers/test-db';
import { actorOf, createUser, ensureReferenceData, tableCounts } from '../helpers/factories';

describeDb('staff accounts: creation with a temporary password, password change, role change', (ctx) => {
  let admin: ReturnType<typeof actorOf>;
  beforeAll(async () => {
    await ensureReferenceData(ctx.h.db);
    admin = actorOf(await createUser(ctx.h.db, { role: 'admin', orgCode: 'KZ-OPS' }));
  });

  it('AUTH-07 a new account must replace its temporary password first; the change ends other sessions', async () => {
    const { temporaryPassword } = await createStaffUser(ctx.h.db, admin, { username: 'new.reviewer', realName: '新审核员', role: 'hr_reviewer', orgCode: 'KZ-EMP' });
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

  it('refuses a role in the wrong kind of organisation, a taken name, and non-administrators — writing nothing', async () => {
    const hr = actorOf(await createUser(ctx.h.db, { role: 'hr_reviewer' }));
    const before = await tableCounts(ctx.h.db);
    await expect(createStaffUser(ctx.h.db, admin, { username: 'bank.x', realName: '银行员', role: 'bank_officer', orgCode: 'KZ-FIN' })).rejects.toMatchObject({ fieldErrors: { orgCode: '所属机构与角色不匹配' } });
    await expect(createStaffUser(ctx.h.db, admin, { username: 'new.reviewer', realName: '重名', role: 'hr_reviewer', orgCode: 'KZ-EMP' })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    await expect(createStaffUser(ctx.h.db, hr, { username: 'sneaky', realName: '越权', role: 'admin', orgCode: 'KZ-OPS' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await tableCounts(ctx.h.db)).toEqual(before);
  });

  it('AUTHZ-08 a role change applies on the very next request', async () => {
    const u = await createUser(ctx.h.db, { role: 'bank_officer', orgCode: 'BANK-ABC-KZ', username: 'mover' });
    const s = await authenticateUser(ctx.h.db, { identifier: 'mover', password: 'Test-password-123' });
    await changeUserRole(ctx.h.db, admin, { userId: u.id, role: 'hr_reviewer', orgCode: 'KZ-EMP' });
    expect(await resolveSession(ctx.h.db, s.sessionId)).toMatchObject({ role: 'hr_reviewer' });
  });

  it('a password reset ends the old password and every session, lifts the lockout, and forces a new password; only an administrator, never on oneself', async () => {
    const u = await createUser(ctx.h.db, { role: 'hr_reviewer', orgCode: 'KZ-EMP', username: 'forgetful' });
    const open = await authenticateUser(ctx.h.db, { identifier: 'forgetful', password: 'Test-password-123' });
    for (let i = 0; i < 5; i++) await authenticateUser(ctx.h.db, { identifier: 'forgetful', password: 'wrong-guess' }).catch(() => undefined);
    await expect(authenticateUser(ctx.h.db, { identifier: 'forgetful', password: 'Test-password-123' })).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });

    // Refusals first: nothing changes.
    const hr = actorOf(await createUser(ctx.h.db, { role: 'hr_reviewer' }));
    const before = await tableCounts(ctx.h.db, ['users', 'sessions', 'audit_log', 'login_throttles']);
    const hashBefore = await ctx.h.query(`select password_hash from users where id = $1`, [u.id]);
    await expect(resetUserPassword(ctx.h.db, hr, { userId: u.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(resetUserPassword(ctx.h.db, admin, { userId: admin.userId })).rejects.toMatchObject({ code: 'FORBIDDEN', userMessage: '不能重置自己的密码，请使用“修改密码”' });
    await expect(resetUserPassword(ctx.h.db, admin, { userId: 'not-a-uuid' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(resetUserPassword(ctx.h.db, admin, { userId: '00000000-0000-4000-8000-000000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await tableCounts(ctx.h.db, ['users', 'sessions', 'audit_log', 'login_throttles'])).toEqual(before);
    expect(await ctx.h.query(`select password_hash from users where id = $1`, [u.id])).toEqual(hashBefore);
    expect(await resolveSession(ctx.h.db, open.sessionId)).not.toBeNull();

    const { temporaryPassword } = await resetUserPassword(ctx.h.db, admin, { userId: u.id });
    expect(await resolveSession(ctx.h.db, open.sessionId)).toBeNull();
    await expect(authenticateUser(ctx.h.db, { identifier: 'forgetful', password: 'Test-password-123' })).rejects.toMatchObject({ code: 'INVALID_CREDENTIALS' });
    const fresh = await authenticateUser(ctx.h.db, { identifier: 'forgetful', password: temporaryPassword });
    expect((await resolveSession(ctx.h.db, fresh.sessionId))?.mustChangePassword).toBe(true);
    const audit = await ctx.h.query<{ actor_id: string }>(`select actor_id from audit_log where event = 'user.reset_password' and object_id = $1`, [u.id]);
    expect(audit).toEqual([{ actor_id: admin.userId }]);
  });
});

import { beforeAll, expect, it } from 'vitest';
import { authenticateUser } from '@/lib/server/auth/authenticate-user';
import { resolveSession } from '@/lib/server/auth/resolve-session';
import { changePassword } from '@/lib/server/users/change-password';
import { changeUserRole } from '@/lib/server/users/change-user-role';
import { createStaffUser } from '@/lib/server/users/create-staff-user';
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
});

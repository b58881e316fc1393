import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { users } from '@/db/schema';
import { authenticateUser } from '@/lib/server/auth/authenticate-user';
import { resolveSession } from '@/lib/server/auth/resolve-session';
import { commonPasswordCount, isCommonPassword } from '@/lib/server/passwords/check-new-password';
import { changePassword } from '@/lib/server/users/change-password';
import { registerApplicant } from '@/lib/server/users/register-applicant';
import { describeDb } from '../helpers/test-db';
import { createUser, ensureReferenceData, tableCounts } from '../helpers/factories';

describeDb('new passwords: the shipped breached-password list and context words are refused', (ctx) => {
  beforeAll(async () => ensureReferenceData(ctx.h.db));

  it('ships at least 10,000 common passwords, matched whatever the case', () => {
    expect(commonPasswordCount()).toBeGreaterThanOrEqual(10_000);
    for (const pw of ['password1', 'Sunshine1', 'iloveyou', 'woaini1314', 'QWERTYUIOP', 'princess']) expect(isCommonPassword(pw), pw).toBe(true);
    expect(isCommonPassword('Quiet-River-42x')).toBe(false);
  });

  it('a staff member cannot change to a breached password or one holding the login name, name or site words', async () => {
    const u = await createUser(ctx.h.db, { role: 'hr_reviewer', orgCode: 'KZ-EMP', username: 'zhangwei.hr' });
    const s = await authenticateUser(ctx.h.db, { identifier: 'zhangwei.hr', password: 'Test-password-123' });
    const actor = (await resolveSession(ctx.h.db, s.sessionId))!;
    const [before] = await ctx.h.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, u.id));
    const counts = await tableCounts(ctx.h.db, ['audit_log', 'sessions']);
    for (const [pw, message] of [
      ['Qwerty123456', '密码过于常见'],
      ['ZhangWei.HR-2026', '不能包含'],
      ['Kaizhou@2026!', '不能包含'],
      ['我爱开州-Abc-123', '不能包含'],
    ] as const) {
      await expect(changePassword(ctx.h.db, actor, { currentPassword: 'Test-password-123', newPassword: pw, confirmPassword: pw }), pw).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        fieldErrors: { newPassword: expect.stringContaining(message) },
      });
    }
    const [after] = await ctx.h.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, u.id));
    expect(after.hash).toBe(before.hash);
    expect(await tableCounts(ctx.h.db, ['audit_log', 'sessions'])).toEqual(counts);
    await changePassword(ctx.h.db, actor, { currentPassword: 'Test-password-123', newPassword: 'Quiet-River-42x', confirmPassword: 'Quiet-River-42x' });
  });

  it('an applicant cannot register with a breached password or one holding the mobile', async () => {
    const before = await tableCounts(ctx.h.db, ['users']);
    // The password is judged before the SMS code is looked at (a refused password uses up nothing).
    const base = { realName: '张伟', idNumber: '500234199001011232', mobile: '13912340000', code: '000000', agree: true };
    await expect(registerApplicant(ctx.h.db, { ...base, password: 'sunshine1', confirmPassword: 'sunshine1' })).rejects.toMatchObject({ fieldErrors: { password: expect.stringContaining('常见') } });
    await expect(registerApplicant(ctx.h.db, { ...base, password: 'x13912340000', confirmPassword: 'x13912340000' })).rejects.toMatchObject({ fieldErrors: { password: expect.stringContaining('不能包含') } });
    expect(await tableCounts(ctx.h.db, ['users'])).toEqual(before);
  });
});

import { beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import { registerApplicant } from '@/lib/server/users/register-applicant';
import { authenticateUser } from '@/lib/server/auth/authenticate-user';
import { decryptPii } from '@/lib/server/crypto/pii';
import { describeDb } from '../helpers/test-db';
import { ensureReferenceData, tableCounts } from '../helpers/factories';

const valid = {
  realName: '张三',
  idNumber: '11010519491231002x',
  mobile: '138 0013 8000',
  password: 'my secret pass',
  confirmPassword: 'my secret pass',
  agree: true,
};

describeDb('applicant registration', (ctx) => {
  beforeAll(async () => ensureReferenceData(ctx.h.db));

  it('creates an applicant with the 身份证号 encrypted and masked, and it can log in by mobile', async () => {
    const { userId } = await registerApplicant(ctx.h.db, valid);
    const [u] = await ctx.h.db.select().from(users).where(eq(users.id, userId));
    expect(u).toMatchObject({ role: 'applicant', mobileMasked: '138****8000', idNumberMasked: '110***********002X' });
    expect(decryptPii(u.mobileEnc!)).toBe('13800138000');
    expect(u.idNumberEnc).not.toContain('11010519491231002X');
    expect(decryptPii(u.idNumberEnc!)).toBe('11010519491231002X');
    await expect(authenticateUser(ctx.h.db, { identifier: '13800138000', password: 'my secret pass' })).resolves.toMatchObject({ role: 'applicant' });
    const audit = await ctx.h.query(`select 1 from audit_log where event = 'user.register' and object_id = $1`, [userId]);
    expect(audit).toHaveLength(1);
  });

  it.each([
    ['bad check digit', { idNumber: '110105194912310021', mobile: '13900000001' }, 'idNumber'],
    ['impossible birth date', { idNumber: '110105194902301234', mobile: '13900000002' }, 'idNumber'],
    ['bad mobile', { idNumber: '500234199001011232', mobile: '12345' }, 'mobile'],
    ['short password', { idNumber: '500234199001011232', mobile: '13900000003', password: 'short', confirmPassword: 'short' }, 'password'],
    ['mismatched confirmation', { idNumber: '500234199001011232', mobile: '13900000004', confirmPassword: 'other' }, 'confirmPassword'],
    ['no consent', { idNumber: '500234199001011232', mobile: '13900000005', agree: false }, 'agree'],
  ])('refuses %s with a Chinese field message and writes nothing', async (_name, patch, field) => {
    const before = await tableCounts(ctx.h.db);
    const err = await registerApplicant(ctx.h.db, { ...valid, ...patch }).catch((e) => e);
    expect(err).toMatchObject({ code: 'INVALID_INPUT' });
    expect(err.fieldErrors[field]).toMatch(/[\u4e00-\u9fa5]/);
    expect(await tableCounts(ctx.h.db)).toEqual(before);
  });

  it('refuses a second account for the same mobile or 身份证号 and writes nothing', async () => {
    const before = await tableCounts(ctx.h.db);
    await expect(registerApplicant(ctx.h.db, { ...valid, idNumber: '500234199001011232' })).rejects.toMatchObject({
      code: 'ALREADY_EXISTS',
      fieldErrors: { mobile: '该手机号已注册，请直接登录' },
    });
    await expect(registerApplicant(ctx.h.db, { ...valid, mobile: '13900000009' })).rejects.toMatchObject({
      code: 'ALREADY_EXISTS',
      fieldErrors: { idNumber: '该身份证号已注册，请直接登录' },
    });
    expect(await tableCounts(ctx.h.db)).toEqual(before);
  });
});

import { beforeAll, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '@/db/schema';
import type { Role } from '@/db/schema/users';
import { ROLES } from '@/lib/domain/roles';
import { authenticateUser } from '@/lib/server/auth/authenticate-user';
import { resolveSession } from '@/lib/server/auth/resolve-session';
import { blindIndex, decryptPii } from '@/lib/server/crypto/pii';
import { registerApplicant } from '@/lib/server/users/register-applicant';
import { requestPasswordResetCode, requestRegistrationCode } from '@/lib/server/users/request-sms-code';
import { resetPasswordBySms } from '@/lib/server/users/reset-password-by-sms';
import { transferIdNumber } from '@/lib/server/users/transfer-id-number';
import { actorOf, createUser, ensureReferenceData, tableCounts } from '../helpers/factories';
import { inbox, lastSmsCode } from '../helpers/sms-phone';
import { describeDb } from '../helpers/test-db';

const OWNER_ID = '500234199001012016';
const COUNTED = ['users', 'sessions', 'audit_log', 'notifications'];

describeDb('HR moves a squatted 身份证号 to its owner (issue 12 item 5)', (ctx) => {
  const db = () => ctx.h.db;
  let squatterId: string;
  beforeAll(async () => {
    await ensureReferenceData(db());
    // Someone registers with a stranger's 身份证号 (their own phone proves only the mobile).
    await requestRegistrationCode(db(), { mobile: '13600000001' });
    const r = await registerApplicant(db(), { realName: '冒用者', idNumber: OWNER_ID, mobile: '13600000001', code: await lastSmsCode(db(), '13600000001'), password: 'squatter pass 1', confirmPassword: 'squatter pass 1', agree: true });
    squatterId = (r as { userId: string }).userId;
    // The owner tries to register and is sent to the HR centre.
    await requestRegistrationCode(db(), { mobile: '13600000002' });
    await expect(registerApplicant(db(), { realName: '王真', idNumber: OWNER_ID, mobile: '13600000002', code: await lastSmsCode(db(), '13600000002'), password: 'owner pass 12', confirmPassword: 'owner pass 12', agree: true })).resolves.toEqual({ outcome: 'referred' });
  });

  const ask = { idNumber: OWNER_ID, realName: '王真', mobile: '13600000002', note: '核验居民身份证原件及人像一致', checkedInPerson: true };

  it.each(ROLES.filter((r) => r !== 'hr_reviewer').map((r) => [r]))('refuses %s (no permission) and writes nothing', async (role) => {
    const other = await createUser(db(), { role: role as Role, totp: role !== 'applicant' });
    const before = await tableCounts(db(), COUNTED);
    await expect(transferIdNumber(db(), actorOf(other), ask)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await tableCounts(db(), COUNTED)).toEqual(before);
    const [s] = await db().select({ h: users.idNumberHash }).from(users).where(eq(users.id, squatterId));
    expect(s.h).toBe(blindIndex('id', OWNER_ID));
  });

  it('refuses without the in-person check, or for a mobile of a staff account or of the squatter, writing nothing', async () => {
    const hr = actorOf(await createUser(db(), { role: 'hr_reviewer', orgCode: 'KZ-EMP', totp: true }));
    await createUser(db(), { role: 'bank_officer', orgCode: 'BANK-ABC-KZ', mobile: '17700000091' });
    const before = await tableCounts(db(), COUNTED);
    await expect(transferIdNumber(db(), hr, { ...ask, checkedInPerson: false })).rejects.toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { checkedInPerson: expect.any(String) } });
    await expect(transferIdNumber(db(), hr, { ...ask, mobile: '17700000091' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(transferIdNumber(db(), hr, { ...ask, mobile: '13600000001' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(transferIdNumber(db(), hr, { ...ask, idNumber: '11010519491231002X' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await tableCounts(db(), COUNTED)).toEqual(before);
  });

  it('moves the number: the squatter loses it and its sessions, the owner gets an account, one audit row names both; the owner sets a password by SMS', async () => {
    const hrUser = await createUser(db(), { role: 'hr_reviewer', orgCode: 'KZ-EMP', totp: true });
    const squatterSession = await authenticateUser(db(), { identifier: '13600000001', password: 'squatter pass 1' });
    const auditBefore = (await tableCounts(db(), ['audit_log'])).audit_log;

    const r = await transferIdNumber(db(), actorOf(hrUser), ask);
    expect(r).toEqual({ idNumberMasked: '500***********2016', fromMobileMasked: '136****0001', toMobileMasked: '136****0002', accountOpened: true });

    const [squatter] = await db().select().from(users).where(eq(users.id, squatterId));
    expect(squatter).toMatchObject({ idNumberHash: null, idNumberEnc: null, idNumberMasked: null });
    expect(await resolveSession(db(), squatterSession.sessionId)).toBeNull();
    const [owner] = await db().select().from(users).where(eq(users.idNumberHash, blindIndex('id', OWNER_ID)));
    expect(owner).toMatchObject({ role: 'applicant', realName: '王真', mobileMasked: '136****0002' });
    expect(decryptPii(owner.idNumberEnc!)).toBe(OWNER_ID);
    expect(decryptPii(owner.mobileEnc!)).toBe('13600000002');

    expect((await tableCounts(db(), ['audit_log'])).audit_log).toBe(auditBefore + 1);
    const [row] = await ctx.h.query<{ actor_id: string; object_id: string; detail: Record<string, unknown> }>(`select actor_id, object_id, detail from audit_log where event = 'user.transfer_id_number'`);
    expect(row).toMatchObject({ actor_id: hrUser.id, object_id: owner.id, detail: { from: squatterId, to: owner.id, idNumberMasked: '500***********2016', accountOpened: true, checkedInPerson: true } });
    expect(JSON.stringify(row)).not.toContain(OWNER_ID);
    expect((await inbox(db(), '13600000002')).at(-1)).toContain('忘记密码');

    // Nobody at the counter knows the owner's password: the owner sets it by SMS and logs in.
    await requestPasswordResetCode(db(), { mobile: '13600000002' });
    await resetPasswordBySms(db(), { mobile: '13600000002', code: await lastSmsCode(db(), '13600000002'), newPassword: 'owner pass 12', confirmPassword: 'owner pass 12' });
    await expect(authenticateUser(db(), { identifier: '13600000002', password: 'owner pass 12' })).resolves.toMatchObject({ userId: owner.id });
    // The squatter cannot take it back by registering again: a clash, answered neutrally.
    await requestRegistrationCode(db(), { mobile: '13600000003' });
    await expect(registerApplicant(db(), { realName: '冒用者', idNumber: OWNER_ID, mobile: '13600000003', code: await lastSmsCode(db(), '13600000003'), password: 'squatter pass 1', confirmPassword: 'squatter pass 1', agree: true })).resolves.toEqual({ outcome: 'referred' });
  });
});

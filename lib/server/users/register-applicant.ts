import crypto from 'node:crypto';
import { eq, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { users } from '@/db/schema';
import { maskIdNumber } from '@/lib/domain/mask';
import { AppError } from '@/lib/errors/app-error';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { hashPassword } from '@/lib/server/crypto/password';
import { assertAcceptablePassword } from '@/lib/server/passwords/check-new-password';
import { blindIndex, encryptPii, mobileHash, sealMobile } from '@/lib/server/crypto/pii';
import { applicantUsername } from './applicant-username';
import { now as clock } from '@/lib/server/clock';
import { ZRegisterApplicantSchema } from '@/lib/validation/auth';

/**
 * Create an applicant account. Input is parsed again here (the form's check is a
 * convenience); the 身份证号 is stored encrypted, with a blind index for uniqueness.
 */
export async function registerApplicant(db: Db, raw: unknown, ip?: string | null): Promise<{ userId: string }> {
  const parsed = ZRegisterApplicantSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[issue.path.join('.') || '_'] ??= issue.message;
    throw new AppError('INVALID_INPUT', { fieldErrors });
  }
  const input = parsed.data;
  assertAcceptablePassword(input.password, 'applicant', [input.realName, input.mobile, input.idNumber], 'password');
  const idHash = blindIndex('id', input.idNumber);
  const mHash = mobileHash(input.mobile);
  const passwordHash = await hashPassword(input.password);
  const t = clock();

  try {
    return await insertApplicant();
  } catch (e) {
    // Two registrations racing past the check: the unique index decides.
    if (isUniqueViolation(e)) throw new AppError('ALREADY_EXISTS', { fieldErrors: { mobile: '该手机号或身份证号已注册，请直接登录' } });
    throw e;
  }

  function insertApplicant() {
  return db.transaction(async (tx) => {
    const clash = await tx
      .select({ mobileHash: users.mobileHash, idHash: users.idNumberHash })
      .from(users)
      .where(or(eq(users.mobileHash, mHash), eq(users.idNumberHash, idHash)));
    if (clash.length) {
      const fieldErrors: Record<string, string> = {};
      if (clash.some((c) => c.idHash === idHash)) fieldErrors.idNumber = '该身份证号已注册，请直接登录';
      if (clash.some((c) => c.mobileHash === mHash) || !fieldErrors.idNumber) fieldErrors.mobile = '该手机号已注册，请直接登录';
      throw new AppError('ALREADY_EXISTS', { fieldErrors });
    }
    const id = crypto.randomUUID();
    const [user] = await tx
      .insert(users)
      .values({
        id,
        username: applicantUsername(id),
        ...sealMobile(input.mobile),
        realName: input.realName,
        role: 'applicant',
        passwordHash,
        idNumberHash: idHash,
        idNumberEnc: encryptPii(input.idNumber),
        idNumberMasked: maskIdNumber(input.idNumber),
        createdAt: t,
      })
      .returning({ id: users.id });
    await writeAuditLog(tx, { actor: { id: user.id, role: 'applicant' }, event: 'user.register', objectType: 'user', objectId: user.id, ip }, t);
    return { userId: user.id };
  });
  }
}

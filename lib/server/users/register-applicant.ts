import crypto from 'node:crypto';
import { eq, or } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { isUniqueViolation } from '@/db/errors';
import { users } from '@/db/schema';
import { maskIdNumber } from '@/lib/domain/mask';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { now as clock } from '@/lib/server/clock';
import { hashPassword } from '@/lib/server/crypto/password';
import { blindIndex, encryptPii, sealMobile } from '@/lib/server/crypto/pii';
import { assertAcceptablePassword } from '@/lib/server/passwords/check-new-password';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { redeemSmsCode } from '@/lib/server/sms-codes/sms-code';
import { ZRegisterApplicantSchema } from '@/lib/validation/auth';
import { consumeRateLimit } from '@/lib/server/rate-limit/rate-limiter';
import { applicantUsername } from './applicant-username';

/**
 * The one answer to a registration that clashes with an existing account — by 身份证号 or by
 * mobile, alike: it sends the person to the HR centre, where their identity is checked in
 * person (and a 身份证号 someone else registered can be moved to its owner).
 */
export const REGISTRATION_REFERRED_MESSAGE =
  '无法在线完成注册。请本人携带居民身份证到开州区就业和人才中心服务窗口办理，工作人员核实身份后为您开通或找回账号。';

export type RegistrationOutcome = { outcome: 'registered'; userId: string } | { outcome: 'referred' };

/**
 * Registration, step 2 (public): the SMS code proves the mobile; then an applicant account is
 * created, or — when the 身份证号 or the mobile already has an account — the neutral
 * `referred` outcome: the same answer, the same work (the code is used up, one audit row), so
 * neither the answer nor its timing tells which one clashed. A wrong or expired code is refused
 * and writes nothing but the code's attempt count. The 身份证号 and the mobile are stored
 * encrypted, each with a blind index.
 */
export async function registerApplicant(db: Db, raw: unknown, ip?: string | null): Promise<RegistrationOutcome> {
  // Every attempt from one client address counts, before anything is checked (REGISTRATIONS_PER_ADDRESS_PER_HOUR).
  await consumeRateLimit(db, 'register_address', ip ?? 'unknown');
  const input = parseOrThrow(ZRegisterApplicantSchema, raw);
  assertAcceptablePassword(input.password, 'applicant', [input.realName, input.mobile, input.idNumber], 'password');
  // Everything costly is done before the code is checked, on both paths alike.
  const id = crypto.randomUUID();
  const sealed = sealMobile(input.mobile);
  const idHash = blindIndex('id', input.idNumber);
  const values = {
    id,
    username: applicantUsername(id),
    ...sealed,
    realName: input.realName,
    role: 'applicant' as const,
    passwordHash: await hashPassword(input.password),
    idNumberHash: idHash,
    idNumberEnc: encryptPii(input.idNumber),
    idNumberMasked: maskIdNumber(input.idNumber),
  };
  const t = clock();
  try {
    return await redeemSmsCode(db, 'register', input.mobile, input.code, t, async (tx): Promise<RegistrationOutcome> => {
      const clash = await tx.select({ id: users.id }).from(users).where(or(eq(users.mobileHash, sealed.mobileHash), eq(users.idNumberHash, idHash))).limit(1);
      if (clash.length) {
        // Which one clashed is not recorded where the answer could be read back: HR finds out in person.
        await writeAuditLog(tx, { event: 'user.register', result: 'failure', objectType: 'user', ip, detail: { reason: 'referred_to_counter' } }, t);
        return { outcome: 'referred' };
      }
      await tx.insert(users).values({ ...values, createdAt: t, passwordChangedAt: t });
      await writeAuditLog(tx, { actor: { id, role: 'applicant' }, event: 'user.register', objectType: 'user', objectId: id, ip }, t);
      return { outcome: 'registered', userId: id };
    });
  } catch (e) {
    // Two registrations racing past the check: the unique index decides, and the answer is the same.
    if (isUniqueViolation(e)) return { outcome: 'referred' };
    throw e;
  }
}

import { eq } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { users } from '@/db/schema';
import { now as clock } from '@/lib/server/clock';
import { mobileHash } from '@/lib/server/crypto/pii';
import { takeSmsAllowance } from '@/lib/server/notifications/sms-allowance';
import { parseOrThrow } from '@/lib/server/review/parse-or-throw';
import { issueSmsCode } from '@/lib/server/sms-codes/sms-code';
import { ZSmsCodeRequestSchema } from '@/lib/validation/auth';

/**
 * Registration, step 1 (public): send a code to the mobile. Always sent and always answered
 * alike — whether the mobile already has an account is not told here (a clash is answered
 * only after the code, neutrally: register-applicant.ts).
 */
export async function requestRegistrationCode(db: Db, raw: unknown): Promise<void> {
  const { mobile } = parseOrThrow(ZSmsCodeRequestSchema, raw);
  // SMS per mobile per day (SMS_PER_MOBILE_PER_DAY): taken before queueing.
  await takeSmsAllowance(db, mobile);
  const t = clock();
  await db.transaction((tx) => issueSmsCode(tx, { purpose: 'register', mobile, deliver: true }, t));
}

/**
 * Password reset, step 1 (public): a code goes to the mobile when it belongs to an active
 * applicant (staff reset through the security administrator). The answer, and the work done,
 * are the same either way: a code row is written in both cases, the SMS only in the first.
 */
export async function requestPasswordResetCode(db: Db, raw: unknown): Promise<void> {
  const { mobile } = parseOrThrow(ZSmsCodeRequestSchema, raw);
  // SMS per mobile per day (SMS_PER_MOBILE_PER_DAY), taken whether or not the mobile has an account (the answer is the same).
  await takeSmsAllowance(db, mobile);
  const t = clock();
  await db.transaction(async (tx) => {
    const [u] = await tx.select({ id: users.id, role: users.role, status: users.status }).from(users).where(eq(users.mobileHash, mobileHash(mobile)));
    const eligible = !!u && u.role === 'applicant' && u.status === 'active';
    await issueSmsCode(tx, { purpose: 'reset_password', mobile, userId: eligible ? u.id : null, deliver: eligible }, t);
  });
}

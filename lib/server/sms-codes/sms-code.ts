import crypto from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db, Tx } from '@/db/client';
import { smsCodes, type SmsCodePurpose } from '@/db/schema';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors/app-error';
import { blindIndex, mobileHash } from '@/lib/server/crypto/pii';
import { enqueueSms } from '@/lib/server/notifications/enqueue-sms';

/** A fresh one-time 6-digit code (uniform, from the CSPRNG). */
const newSmsCode = (): string => crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');

/** What is stored instead of the code: an HMAC bound to the row, so a database copy cannot try the million codes offline. */
const smsCodeHash = (rowId: string, code: string): string => blindIndex('sms-code', `${rowId}:${code}`);

const SMS_TEXT: Record<SmsCodePurpose, (code: string, minutes: number) => string> = {
  register: (code, minutes) => `【开州就业】您正在注册创业担保贷款服务平台，验证码${code}，${minutes}分钟内有效。请勿告诉他人；如非本人操作，请忽略。`,
  reset_password: (code, minutes) => `【开州就业】您正在重置服务平台登录密码，验证码${code}，${minutes}分钟内有效。请勿告诉他人；如非本人操作，请忽略并留意账号安全。`,
};

/** The one refusal of a code, whatever was wrong with it (wrong, expired, used up, never sent). */
export const badSmsCode = () => new AppError('INVALID_INPUT', { userMessage: '短信验证码错误或已失效，请重新获取', fieldErrors: { code: '短信验证码错误或已失效，请重新获取' } });

/**
 * Make a code for (purpose, mobile) in the caller's transaction, voiding any earlier open one,
 * and — when `deliver` — queue it as a secret SMS (the drain alone reads it, then wipes it).
 * With `deliver` false the row is still written, so asking for a code takes the same path
 * whether or not it is sent (no answer or timing tells whether the mobile has an account).
 */
export async function issueSmsCode(tx: Tx, to: { purpose: SmsCodePurpose; mobile: string; userId?: string | null; deliver: boolean }, t: Date): Promise<void> {
  const minutes = env().SMS_CODE_TTL_MINUTES;
  const hash = mobileHash(to.mobile);
  await tx
    .update(smsCodes)
    .set({ consumedAt: t })
    .where(and(eq(smsCodes.mobileHash, hash), eq(smsCodes.purpose, to.purpose), isNull(smsCodes.consumedAt)));
  const id = crypto.randomUUID();
  const code = newSmsCode();
  await tx.insert(smsCodes).values({ id, purpose: to.purpose, mobileHash: hash, codeHash: smsCodeHash(id, code), expiresAt: new Date(t.getTime() + minutes * 60_000), createdAt: t });
  if (to.deliver) await enqueueSms(tx, { userId: to.userId ?? null, mobile: to.mobile, body: SMS_TEXT[to.purpose](code, minutes), secret: true }, t);
}

/**
 * Redeem the newest open code for (purpose, mobile) and, in the same transaction, run `then`:
 * the code is consumed only if `then` commits. A wrong code counts an attempt (committed even
 * though the call is refused); an expired code, one past SMS_CODE_MAX_ATTEMPTS, or none at all
 * is refused alike. Refusals throw `badSmsCode()`.
 */
export async function redeemSmsCode<T>(db: Db, purpose: SmsCodePurpose, mobile: string, typed: string, t: Date, then: (tx: Tx) => Promise<T>): Promise<T> {
  const max = env().SMS_CODE_MAX_ATTEMPTS;
  const hash = mobileHash(mobile);
  const outcome = await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(smsCodes)
      .where(and(eq(smsCodes.mobileHash, hash), eq(smsCodes.purpose, purpose), isNull(smsCodes.consumedAt)))
      .orderBy(desc(smsCodes.createdAt))
      .limit(1)
      .for('update');
    if (!row || row.expiresAt <= t || row.attempts >= max) return { ok: false as const };
    const expected = Buffer.from(row.codeHash, 'hex');
    const given = Buffer.from(smsCodeHash(row.id, typed.trim()), 'hex');
    if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) {
      await tx.update(smsCodes).set({ attempts: row.attempts + 1 }).where(eq(smsCodes.id, row.id));
      return { ok: false as const };
    }
    await tx.update(smsCodes).set({ consumedAt: t }).where(eq(smsCodes.id, row.id));
    return { ok: true as const, value: await then(tx) };
  });
  if (!outcome.ok) throw badSmsCode();
  return outcome.value;
}

import type { Db } from '@/db/client';
import { consumeRateLimit } from '@/lib/server/rate-limit/rate-limiter';

/**
 * One SMS to `mobile` from today's allowance (SMS_PER_MOBILE_PER_DAY, shared by every app
 * process on PostgreSQL): past it, AppError 'RATE_LIMITED' with a Chinese message and the wait.
 * Call it (with the database, not a transaction) before queueing a message a person can make
 * the system send again and again — a code, a re-sent confirmation — so nobody can flood a phone.
 */
export async function takeSmsAllowance(db: Db, mobile: string): Promise<void> {
  await consumeRateLimit(db, 'sms_mobile', mobile);
}

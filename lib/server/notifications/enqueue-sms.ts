import type { Tx } from '@/db/client';
import { smsOutbox } from '@/db/schema';

/** What staff see in place of a message that carries a one-time code or password. */
export const SECRET_SMS_SUMMARY = '验证码短信已发送';

export interface SmsMessage {
  userId?: string | null;
  mobile: string;
  body: string;
  /**
   * The body holds a secret (a confirmation code, a one-time password): staff only ever see
   * SECRET_SMS_SUMMARY; the body itself is read by the drain alone and wiped once sent.
   */
  secret?: boolean;
}

/** Queue SMS in the caller's transaction (the message commits with the event it tells of). */
export async function enqueueSms(tx: Tx, messages: SmsMessage | SmsMessage[], now: Date): Promise<void> {
  const list = Array.isArray(messages) ? messages : [messages];
  if (list.length === 0) return;
  await tx.insert(smsOutbox).values(
    list.map((m) => ({ userId: m.userId ?? null, mobile: m.mobile, body: m.body, summary: m.secret ? SECRET_SMS_SUMMARY : m.body, createdAt: now })),
  );
}

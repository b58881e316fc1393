import type { Db } from '@/db/client';
import { drainSmsOutbox } from '@/lib/server/notifications/drain-sms-outbox';

/**
 * The test's phone: the outbox is drained through a gateway that keeps every message by
 * mobile — a code is read the way its owner reads it, never from the database.
 */
const phones = new WeakMap<Db, Map<string, string[]>>();

export async function inbox(db: Db, mobile: string): Promise<string[]> {
  let phone = phones.get(db);
  if (!phone) phones.set(db, (phone = new Map()));
  const p = phone;
  await drainSmsOutbox(db, {
    async send(to, body) {
      p.set(to, [...(p.get(to) ?? []), body]);
    },
  });
  return p.get(mobile) ?? [];
}

/** The code of the newest SMS to `mobile` (throws when it has none). */
export async function lastSmsCode(db: Db, mobile: string): Promise<string> {
  const last = (await inbox(db, mobile)).at(-1);
  const code = last && /验证码(\d{6})/.exec(last)?.[1];
  if (!code) throw new Error(`no SMS code reached ${mobile}`);
  return code;
}

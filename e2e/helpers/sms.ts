import fs from 'node:fs';
import { expect } from '@playwright/test';

/**
 * The enterprise's phone: the test SMS gateway (SMS_GATEWAY=file:…, drained by the server every
 * second) appends each message it sends to E2E_SMS_FILE. A spec obtains a code only this way —
 * the way a real enterprise does — never from a staff page (which shows none).
 */
export async function lastSmsTo(mobile: string, opts: { after?: number } = {}): Promise<string> {
  const file = process.env.E2E_SMS_FILE;
  if (!file) throw new Error('E2E_SMS_FILE is not set (see e2e/playwright.config.ts)');
  let body = '';
  await expect
    .poll(() => {
      const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : [];
      const mine = lines.map((l) => JSON.parse(l) as { mobile: string; body: string }).filter((m) => m.mobile === mobile);
      body = mine.length > (opts.after ?? 0) ? mine[mine.length - 1].body : '';
      return body;
    }, { message: `an SMS to ${mobile}`, timeout: 15_000 })
    .not.toBe('');
  return body;
}

/** How many SMS this mobile has received so far. */
export function smsCount(mobile: string): number {
  const file = process.env.E2E_SMS_FILE;
  if (!file || !fs.existsSync(file)) return 0;
  return fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).filter((l) => (JSON.parse(l) as { mobile: string }).mobile === mobile).length;
}

export const codeIn = (body: string) => /确认码(\d{6})/.exec(body)![1];

/** The code of a registration or password-reset SMS (…验证码123456…). */
export const smsCodeIn = (body: string) => /验证码(\d{6})/.exec(body)![1];

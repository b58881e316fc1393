import crypto from 'node:crypto';
import { env } from '@/lib/env';
import { blindIndex } from '@/lib/server/crypto/pii';

/** A fresh one-time 6-digit confirmation code (uniform, from the CSPRNG). */
export const newConfirmCode = (): string => crypto.randomInt(0, 1_000_000).toString().padStart(6, '0');

/**
 * What is stored instead of the code: HMAC-SHA256 under the server key, bound to the record,
 * so a copy of the database alone does not let anyone try the million codes offline.
 */
export const confirmCodeHash = (recordId: string, code: string): string => blindIndex('wage-refund-confirm', `${recordId}:${code}`);

export function confirmCodeMatches(recordId: string, code: string, stored: string | null): boolean {
  if (!stored) return false;
  const a = Buffer.from(confirmCodeHash(recordId, code), 'hex');
  const b = Buffer.from(stored, 'hex');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** The public page enterprises confirm on; the SMS names it. */
export function confirmPageUrl(): string {
  const base = (env().NEXTAUTH_URL ?? '').replace(/\/+$/, '');
  return `${base}/wage-refund/confirm`;
}

/** How long a code stays valid (the WAGE_REFUND_CODE_TTL_DAYS parameter, default 15 days). */
export const confirmCodeTtlDays = (): number => env().WAGE_REFUND_CODE_TTL_DAYS;

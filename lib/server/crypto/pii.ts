import crypto from 'node:crypto';
import { env } from '@/lib/env';
import { maskMobile } from '@/lib/domain/mask';

const encKey = () => Buffer.from(env().PII_KEY, 'base64');
const indexKey = () => Buffer.from(env().PII_INDEX_KEY, 'base64');

/** AES-256-GCM under `key`: iv.tag.ciphertext, base64 parts. */
export function encryptWith(key: Buffer, plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), ct].map((b) => b.toString('base64')).join('.');
}

/** Throws when `token` was not sealed under `key` (GCM's tag does not verify). */
export function decryptWith(key: Buffer, token: string): string {
  const [iv, tag, ct] = token.split('.').map((p) => Buffer.from(p, 'base64'));
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
}

/** AES-256-GCM under PII_KEY. */
export const encryptPii = (plain: string): string => encryptWith(encKey(), plain);

export const decryptPii = (token: string): string => decryptWith(encKey(), token);

/**
 * Keyed blind index (HMAC-SHA-256 under PII_INDEX_KEY): equal values give equal hashes, and the
 * hash reveals nothing without the key. Its key is not PII_KEY's rotation: re-encrypting leaves it.
 */
export function blindIndex(kind: string, value: string): string {
  return crypto.createHmac('sha256', indexKey()).update(`${kind}:${value}`).digest('hex');
}

/** The blind index a (normalised, 11-digit) mobile is looked up by. */
export const mobileHash = (mobile: string): string => blindIndex('mobile', mobile);

/** The three columns a mobile is stored as: ciphertext, blind index, and the masked form lists show. */
export function sealMobile(mobile: string): { mobileEnc: string; mobileHash: string; mobileMasked: string } {
  return { mobileEnc: encryptPii(mobile), mobileHash: mobileHash(mobile), mobileMasked: maskMobile(mobile) };
}

/** The stored mobile in clear (for sending an SMS, or an audited unmasking), or null. */
export const openMobile = (mobileEnc: string | null | undefined): string | null => (mobileEnc ? decryptPii(mobileEnc) : null);

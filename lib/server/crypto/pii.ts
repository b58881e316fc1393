import crypto from 'node:crypto';
import { env } from '@/lib/env';

const key = () => Buffer.from(env().PII_KEY, 'base64');

/** AES-256-GCM: iv.tag.ciphertext, base64 parts. */
export function encryptPii(plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key(), iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), ct].map((b) => b.toString('base64')).join('.');
}

export function decryptPii(token: string): string {
  const [iv, tag, ct] = token.split('.').map((p) => Buffer.from(p, 'base64'));
  const decipher = crypto.createDecipheriv('aes-256-gcm', key(), iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ct), decipher.final()]).toString('utf8');
}

/** Keyed blind index: equal values give equal hashes, and the hash reveals nothing without the key. */
export function blindIndex(kind: string, value: string): string {
  return crypto.createHmac('sha256', key()).update(`${kind}:${value}`).digest('hex');
}

import crypto from 'node:crypto';
import { env } from '@/lib/env';

/** The HMAC key of the audit chain (AUDIT_KEY): in the environment or the secrets file, never in the database. */
export const auditKey = () => Buffer.from(env().AUDIT_KEY, 'base64');

// PKCS#8 wrapping of a raw Ed25519 seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

let cached: { key: string; privateKey: crypto.KeyObject; publicKey: crypto.KeyObject } | undefined;

/**
 * The anchors' Ed25519 signing key, derived from the audit key (one secret to keep). Its public
 * half is shown to the auditor, who can then check an anchor file with nothing but that key.
 */
function signingKeys() {
  const k = env().AUDIT_KEY;
  if (cached?.key !== k) {
    const seed = crypto.createHmac('sha256', auditKey()).update('kz-audit-anchor-signing-key-v1').digest();
    const privateKey = crypto.createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
    cached = { key: k, privateKey, publicKey: crypto.createPublicKey(privateKey) };
  }
  return cached;
}

export const signAnchorBytes = (data: Buffer) => crypto.sign(null, data, signingKeys().privateKey).toString('base64');

/** The public key as PEM (SPKI) — what an auditor keeps to check anchors. */
export const anchorPublicKeyPem = () => signingKeys().publicKey.export({ type: 'spki', format: 'pem' }).toString();

/** SHA-256 of the public key (DER), grouped for reading aloud: what the auditor writes down once. */
export function anchorKeyFingerprint(pem = anchorPublicKeyPem()): string {
  const der = crypto.createPublicKey(pem).export({ type: 'spki', format: 'der' });
  return crypto.createHash('sha256').update(der).digest('hex').slice(0, 32).match(/.{4}/g)!.join(' ');
}

export function verifyAnchorBytes(data: Buffer, signature: string, pem = anchorPublicKeyPem()): boolean {
  try {
    return crypto.verify(null, data, crypto.createPublicKey(pem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

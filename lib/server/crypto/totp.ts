import crypto from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';

/** RFC 6238 defaults every authenticator app understands: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;

/** Accept the step before and after the current one (RFC 6238 §5.2: one step of clock drift). */
const DRIFT_SECONDS = TOTP_PERIOD_SECONDS;

export const newTotpSecret = () => generateSecret();

export function totpUri(secret: string, account: string, issuer: string): string {
  return generateURI({ issuer, label: account, secret });
}

/**
 * The time step `code` belongs to, or null when it is wrong, outside the drift window, or of
 * a step at or before `afterStep` (a code used once is never accepted again).
 */
export async function verifyTotp(secret: string, code: string, at: Date, afterStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const r = await verify({
    secret,
    token: code,
    epoch: Math.floor(at.getTime() / 1000),
    epochTolerance: DRIFT_SECONDS,
    ...(afterStep != null ? { afterTimeStep: afterStep } : {}),
  });
  // The TOTP strategy's result carries the matched step (HOTP's, in the shared type, does not).
  return r.valid && 'timeStep' in r ? r.timeStep : null;
}

// Recovery codes: 10 characters of an alphabet without look-alikes (no 0/O, 1/I/L), shown as xxxxx-xxxxx.
const RECOVERY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newRecoveryCode(): string {
  const bytes = crypto.randomBytes(10);
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** Typed forms vary in case, spaces and the dash; the hash is of the canonical form. */
export const normalizeRecoveryCode = (code: string) => code.normalize('NFKC').toUpperCase().replace(/[^A-Z0-9]/g, '');

/** ~49 bits of randomness per code: a plain SHA-256 is enough (no dictionary to try). */
export const hashRecoveryCode = (code: string) => crypto.createHash('sha256').update(normalizeRecoveryCode(code)).digest('hex');

export const looksLikeRecoveryCode = (code: string) => normalizeRecoveryCode(code).length === 10;

import crypto from 'node:crypto';

/** A one-time password meeting the staff policy (12+ characters, four classes); shown once, changed at first login. */
export function temporaryPassword(): string {
  return `Kz-${crypto.randomBytes(9).toString('base64url')}7a`;
}

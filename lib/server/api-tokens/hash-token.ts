import crypto from 'node:crypto';

/** Tokens are stored as their SHA-256 only. */
export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

import crypto from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** Version 1: SHA-256 (rows from before the chain was keyed). Version 2: HMAC-SHA-256 under AUDIT_KEY. */
export type HashVersion = 1 | 2;
export const CURRENT_HASH_VERSION: HashVersion = 2;

/** JSON with object keys sorted at every level, so jsonb's key reordering cannot change a hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export interface AuditHashInput {
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  event: string;
  objectType: string | null;
  objectId: string | null;
  result: 'success' | 'failure';
  detail: unknown;
  ip: string | null;
}

const contentOf = (row: AuditHashInput) => canonicalJson({ ...row, at: row.at.toISOString() });

/** Version 1 (legacy, unkeyed): SHA-256(prevHash ‖ canonical JSON of the row's content). */
export function computeAuditHash(prevHash: string, row: AuditHashInput): string {
  return crypto.createHash('sha256').update(prevHash).update('\n').update(contentOf(row)).digest('hex');
}

/**
 * Version 2: HMAC-SHA-256 under the audit key, over the chain's id, the previous hash and the
 * row's content. Without the key nobody can make an edited row's hash match again.
 */
export function computeAuditHmac(key: Buffer, chainId: string, prevHash: string, row: AuditHashInput): string {
  return crypto.createHmac('sha256', key).update('kz-audit-v2\n').update(chainId).update('\n').update(prevHash).update('\n').update(contentOf(row)).digest('hex');
}

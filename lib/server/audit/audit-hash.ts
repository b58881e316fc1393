import crypto from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

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

/** hash = SHA-256(prevHash ‖ canonical JSON of the row's content). */
export function computeAuditHash(prevHash: string, row: AuditHashInput): string {
  const content = canonicalJson({ ...row, at: row.at.toISOString() });
  return crypto.createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

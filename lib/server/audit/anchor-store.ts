import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { env } from '@/lib/env';
import { ensurePrivateDir } from '@/lib/server/storage/private-dir';
import { canonicalJson } from './audit-hash';
import { anchorPublicKeyPem, signAnchorBytes, verifyAnchorBytes } from './audit-key';

/**
 * Signed checkpoints of the audit chain's head, kept outside the database: one JSON file per
 * anchor under AUDIT_ANCHOR_DIR/<chain id>/ — a directory on the app's host that the database
 * (and its roles) cannot write. Each names the head (seq, hash, time) and is signed with the
 * anchor key (Ed25519, derived from AUDIT_KEY); the public key travels in the file, and the
 * auditor checks it against the fingerprint they wrote down.
 */

export const ANCHOR_REASONS = ['on_demand', 'daily', 'first_of_day'] as const;
export type AnchorReason = (typeof ANCHOR_REASONS)[number];

const ZAnchor = z.object({
  type: z.literal('kaizhou-audit-anchor'),
  version: z.literal(1),
  chainId: z.uuid(),
  seq: z.number().int().positive(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.iso.datetime(),
  keyedFrom: z.number().int().positive().nullable(),
  anchoredAt: z.iso.datetime(),
  reason: z.enum(ANCHOR_REASONS),
  publicKey: z.string().startsWith('-----BEGIN PUBLIC KEY-----'),
  signature: z.string().min(1),
});

export type AuditAnchor = z.infer<typeof ZAnchor>;
export type UnsignedAnchor = Omit<AuditAnchor, 'type' | 'version' | 'publicKey' | 'signature'>;

const NAME_RE = /^anchor-\d{15}-\d{8}T\d{9}Z\.json$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const anchorRoot = () => path.resolve(env().AUDIT_ANCHOR_DIR || path.join(process.cwd(), '.data', 'audit-anchors'));

function chainDir(chainId: string): string {
  if (!UUID_RE.test(chainId)) throw new Error(`invalid chain id: ${chainId}`);
  return path.join(anchorRoot(), chainId);
}

const signedBytes = (a: Omit<AuditAnchor, 'signature'>) => Buffer.from(canonicalJson(a), 'utf8');

export function signAnchor(u: UnsignedAnchor): AuditAnchor {
  const body = { type: 'kaizhou-audit-anchor' as const, version: 1 as const, ...u, publicKey: anchorPublicKeyPem() };
  return { ...body, signature: signAnchorBytes(signedBytes(body)) };
}

/** Parse an anchor file's text; null when it is not an anchor. */
export function parseAnchor(text: string): AuditAnchor | null {
  try {
    const r = ZAnchor.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** Signed by this deployment's anchor key (or by the key `pem` names, for a copy checked elsewhere). */
export function anchorSignatureValid(a: AuditAnchor, pem = anchorPublicKeyPem()): boolean {
  const { signature, ...body } = a;
  return a.publicKey.trim() === pem.trim() && verifyAnchorBytes(signedBytes(body), signature, pem);
}

const fileNameOf = (a: AuditAnchor) => `anchor-${String(a.seq).padStart(15, '0')}-${a.anchoredAt.replace(/[-:.]/g, '')}.json`;

/** Write an anchor (temporary file, then rename: never half a file). Returns its file name. */
export async function writeAnchor(a: AuditAnchor): Promise<string> {
  const dir = chainDir(a.chainId);
  ensurePrivateDir(dir, 0o750);
  const name = fileNameOf(a);
  const tmp = path.join(dir, `.${name}.${process.pid}.tmp`);
  await fs.writeFile(tmp, `${JSON.stringify(a, null, 2)}\n`, { mode: 0o440 });
  await fs.rename(tmp, path.join(dir, name));
  return name;
}

/** The chain's anchor files, newest (highest seq, then latest) first. */
export async function listAnchorNames(chainId: string): Promise<string[]> {
  const names = await fs.readdir(chainDir(chainId)).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return [] as string[];
    throw e;
  });
  return names.filter((n) => NAME_RE.test(n)).sort().reverse();
}

export interface StoredAnchor {
  name: string;
  text: string;
  /** Null when the file is not a well-formed anchor. */
  anchor: AuditAnchor | null;
  /** Well-formed, for this chain, signed by this deployment's key. */
  valid: boolean;
}

export async function readAnchor(chainId: string, name: string): Promise<StoredAnchor | null> {
  if (!NAME_RE.test(name)) return null;
  const text = await fs.readFile(path.join(chainDir(chainId), name), 'utf8').catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return null;
    throw e;
  });
  if (text === null) return null;
  const anchor = parseAnchor(text);
  return { name, text, anchor, valid: !!anchor && anchor.chainId === chainId && anchorSignatureValid(anchor) };
}

export async function latestAnchor(chainId: string): Promise<StoredAnchor | null> {
  const [name] = await listAnchorNames(chainId);
  return name ? readAnchor(chainId, name) : null;
}

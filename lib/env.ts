import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * Server configuration, validated once. Secrets are required in production; in
 * development and tests a fixed, clearly non-secret fallback keeps set-up to zero.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  DATABASE_URL: z.string().optional(),
  /**
   * PostgreSQL URL of the role that owns the schema and runs the migrations. Unset: migrations
   * run on DATABASE_URL (as one role). Give it to the migration step only, never to the app.
   */
  MIGRATION_DATABASE_URL: z.string().optional(),
  /** The unprivileged role the app connects as, granted DML after each migration (default: DATABASE_URL's user, when it differs from the owner's). */
  DB_APP_ROLE: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'DB_APP_ROLE 须为小写字母、数字和下划线').optional(),
  /** `0` turns off applying migrations when the server first opens the database. */
  DB_MIGRATE_ON_START: z.enum(['0', '1']).optional(),
  PGLITE_DIR: z.string().optional(),
  NEXTAUTH_SECRET: z.string().min(32, 'NEXTAUTH_SECRET 至少 32 个字符').optional(),
  /** base64 of 32 random bytes: AES-256-GCM key for personal data (and the blind indexes' key when PII_INDEX_KEY is unset). */
  PII_KEY: z.string().optional(),
  /**
   * base64 of 32 random bytes: the HMAC key of the blind indexes (身份证号, mobile, one-time codes).
   * Default: PII_KEY (how deployments from before it began). It does not change when PII_KEY is rotated.
   */
  PII_INDEX_KEY: z.string().optional(),
  /** The previous PII_KEY, read only by `npm run pii:rekey` while it re-encrypts under PII_KEY. */
  PII_KEY_OLD: z.string().optional(),
  /**
   * A file of `NAME=value` lines (PII_KEY, PII_INDEX_KEY, PII_KEY_OLD) read instead of the environment:
   * it must lie outside the data directory and be readable by its owner only.
   */
  PII_KEY_FILE: z.string().optional(),
  /** base64 of 32 random bytes: keys the audit chain's HMAC and the anchors' signing key. Not in the database. */
  AUDIT_KEY: z.string().optional(),
  /** Where the signed audit-chain anchors are written (default .data/audit-anchors): a place the database user cannot write. */
  AUDIT_ANCHOR_DIR: z.string().optional(),
  SESSION_IDLE_MINUTES: z.coerce.number<number>().int().positive().default(30),
  SESSION_MAX_HOURS: z.coerce.number<number>().int().positive().max(12).default(12),
  LOGIN_MAX_FAILURES: z.coerce.number<number>().int().positive().default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number<number>().int().positive().default(15),
  /** Login failures one client address may make per LOGIN_LOCK_MINUTES before it is refused (429) for that long, whatever names it tries. */
  LOGIN_ADDRESS_MAX_FAILURES: z.coerce.number<number>().int().positive().default(20),
  /** Login failures on one account, from all addresses together, that lock it for LOGIN_LOCK_MINUTES (only failures past the address limits count). */
  LOGIN_ACCOUNT_MAX_FAILURES: z.coerce.number<number>().int().positive().default(50),
  /** Self-registrations one client address may attempt per hour. */
  REGISTRATIONS_PER_ADDRESS_PER_HOUR: z.coerce.number<number>().int().positive().default(10),
  /** Code and password SMS one mobile number may be sent per day. */
  SMS_PER_MOBILE_PER_DAY: z.coerce.number<number>().int().positive().default(10),
  /** Requests one bank API token may make per minute. */
  API_TOKEN_REQUESTS_PER_MINUTE: z.coerce.number<number>().int().positive().default(120),
  /** Days a new bank API token stays valid. */
  API_TOKEN_TTL_DAYS: z.coerce.number<number>().int().min(1).max(3650).default(365),
  /** Tries (open or confirm) one client address may make on the 稳岗返还 confirmation page per hour. */
  WAGE_REFUND_CONFIRM_PER_HOUR_PER_ADDRESS: z.coerce.number<number>().int().positive().default(30),
  /** Where documents and frozen exports live: `db` (default: PostgreSQL / PGlite) or `disk` (UPLOAD_DIR; one process only). */
  FILE_STORE: z.enum(['db', 'disk']).default('db'),
  /** The disk store's directory, and where `npm run files:migrate` reads files from (default .data/uploads). */
  UPLOAD_DIR: z.string().optional(),
  /** Unmasked views of personal data (查看完整号码) one user may make per hour. */
  PII_REVEALS_PER_HOUR: z.coerce.number<number>().int().positive().default(30),
  NEXTAUTH_URL: z.string().optional(),
  /** Days a 稳岗返还 confirmation code stays valid. */
  WAGE_REFUND_CODE_TTL_DAYS: z.coerce.number<number>().int().min(1).max(90).default(15),
  /**
   * Where the SMS drain hands messages: `log` (the server's console — demo only), `file:<path>`
   * (appends one JSON line per message — the test gateway), or `none` (messages wait for
   * `npm run sms:drain` or a carrier adapter).
   */
  SMS_GATEWAY: z.string().regex(/^(log|none|file:.+)$/, 'SMS_GATEWAY: log, none or file:<path>').default('none'),
  /** Seconds between in-process drains of the SMS outbox; 0 = no in-process drain. */
  SMS_DRAIN_INTERVAL_SECONDS: z.coerce.number<number>().int().min(0).max(3600).default(0),
  /** Bearer token that opens /api/metrics (≥ 24 characters). */
  METRICS_TOKEN: z.string().min(24, 'METRICS_TOKEN 至少 24 个字符').optional(),
  /** Addresses or CIDR ranges (comma-separated) that may read /api/metrics without the token. */
  METRICS_ALLOW: z.string().optional(),
  /** pino level of the JSON log (stdout). */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Seconds between the worker's polls for claim jobs and the SMS outbox (the other jobs run hourly / every 10 minutes). */
  WORKER_POLL_SECONDS: z.coerce.number<number>().int().min(1).max(3600).default(5),
  /** Seconds a claim builder's lease lasts without a heartbeat; past it another process takes the job over (default 60). */
  CLAIM_LEASE_SECONDS: z.coerce.number<number>().int().min(2).max(3600).default(60),
  /** `1`: this web process also runs the worker loop (PGlite — one process owns the database; the demo sets it). */
  WORKER_IN_PROCESS: z.enum(['0', '1']).default('0'),
  /** Hours after which the worker writes a new audit anchor (default 24). */
  AUDIT_ANCHOR_EVERY_HOURS: z.coerce.number<number>().positive().max(24 * 7).default(24),
  /** Minutes an SMS code (registration, password reset) stays valid. */
  SMS_CODE_TTL_MINUTES: z.coerce.number<number>().int().min(1).max(60).default(10),
  /** Wrong entries of one SMS code before it is void. */
  SMS_CODE_MAX_ATTEMPTS: z.coerce.number<number>().int().min(1).max(10).default(5),
  /**
   * How many reverse proxies in front of the app to trust (scripts/serve.ts): the client's
   * address is read that many entries from the right of X-Forwarded-For. 0 (default): the
   * header is ignored and the TCP peer is the client.
   */
  TRUSTED_PROXY_HOPS: z.coerce.number<number>().int().min(0).max(10).default(0),
  /** `1`: believe X-Forwarded-Host (only behind a proxy that sets it); otherwise it is dropped. */
  TRUST_FORWARDED_HOST: z.enum(['0', '1']).default('0'),
  /** Staff passwords older than this must be changed before anything else (等保 三级: periodic change). */
  STAFF_PASSWORD_MAX_DAYS: z.coerce.number<number>().int().positive().default(90),
});

export type Env = z.infer<typeof schema> & { NEXTAUTH_SECRET: string; PII_KEY: string; PII_INDEX_KEY: string; AUDIT_KEY: string };

const DEV_SECRET = 'development-only-secret-do-not-use-in-production!!';
const DEV_PII_KEY = Buffer.alloc(32, 7).toString('base64');
const DEV_AUDIT_KEY = Buffer.alloc(32, 11).toString('base64');

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const blank = (k: string) => process.env[k] || undefined;
  const keyFile = blank('PII_KEY_FILE');
  const parsed = schema.parse({
    ...process.env,
    DATABASE_URL: blank('DATABASE_URL'),
    MIGRATION_DATABASE_URL: blank('MIGRATION_DATABASE_URL'),
    DB_APP_ROLE: blank('DB_APP_ROLE'),
    PII_INDEX_KEY: blank('PII_INDEX_KEY'),
    PII_KEY_OLD: blank('PII_KEY_OLD'),
    ...(keyFile ? readKeyFile(keyFile, [process.env.PGLITE_DIR, process.env.UPLOAD_DIR]) : {}),
    METRICS_TOKEN: blank('METRICS_TOKEN'),
    METRICS_ALLOW: blank('METRICS_ALLOW'),
  });
  const prod = parsed.NODE_ENV === 'production';
  if (prod && (!parsed.NEXTAUTH_SECRET || !parsed.PII_KEY || !parsed.AUDIT_KEY)) {
    throw new Error('NEXTAUTH_SECRET, PII_KEY and AUDIT_KEY must be set in production (see README, “配置”).');
  }
  const piiKey = parsed.PII_KEY ?? DEV_PII_KEY;
  if (Buffer.from(piiKey, 'base64').length !== 32) throw new Error('PII_KEY must be base64 of 32 bytes');
  const indexKey = parsed.PII_INDEX_KEY ?? piiKey;
  if (Buffer.from(indexKey, 'base64').length !== 32) throw new Error('PII_INDEX_KEY must be base64 of 32 bytes');
  if (parsed.PII_KEY_OLD && Buffer.from(parsed.PII_KEY_OLD, 'base64').length !== 32) throw new Error('PII_KEY_OLD must be base64 of 32 bytes');
  const auditKey = parsed.AUDIT_KEY ?? DEV_AUDIT_KEY;
  if (Buffer.from(auditKey, 'base64').length !== 32) throw new Error('AUDIT_KEY must be base64 of 32 bytes');
  cached = { ...parsed, NEXTAUTH_SECRET: parsed.NEXTAUTH_SECRET ?? DEV_SECRET, PII_KEY: piiKey, PII_INDEX_KEY: indexKey, AUDIT_KEY: auditKey };
  return cached;
}

/** Forget the parsed configuration (tests that change the environment; the rekey command). */
export function resetEnvCache(): void {
  cached = undefined;
}

const KEY_NAMES = new Set(['PII_KEY', 'PII_INDEX_KEY', 'PII_KEY_OLD']);

/**
 * Read the personal-data keys from PII_KEY_FILE: `NAME=value` lines, `#` comments. The file
 * must not lie inside the data directory (a copy of `.data` must not carry the key that opens
 * it) and must not be readable by group or others.
 */
export function readKeyFile(file: string, dataDirs: (string | undefined)[] = []): Record<string, string> {
  const abs = path.resolve(file);
  const inside = (dir: string) => {
    const rel = path.relative(path.resolve(dir), abs);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  const forbidden = [path.join(process.cwd(), '.data'), ...dataDirs.filter((d): d is string => !!d)];
  if (forbidden.some(inside)) throw new Error(`PII_KEY_FILE ${abs} lies inside the data directory: keep the key apart from the data it opens`);
  const st = fs.statSync(abs);
  if (process.platform !== 'win32' && (st.mode & 0o077) !== 0) throw new Error(`PII_KEY_FILE ${abs} is readable by others: chmod 600 it`);
  const out: Record<string, string> = {};
  for (const line of fs.readFileSync(abs, 'utf8').split(/\r?\n/)) {
    const m = /^\s*([A-Z_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m || line.trim().startsWith('#')) continue;
    if (!KEY_NAMES.has(m[1])) throw new Error(`PII_KEY_FILE: unknown name ${m[1]} (PII_KEY, PII_INDEX_KEY, PII_KEY_OLD)`);
    if (m[2]) out[m[1]] = m[2];
  }
  return out;
}

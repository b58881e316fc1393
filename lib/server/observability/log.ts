import pino, { type Logger } from 'pino';
import { env } from '@/lib/env';

/**
 * The structured log: one JSON line per request, action and job (pino), to stdout. Lines carry
 * ids, routes, outcomes, durations and error codes — never names, ID numbers or mobiles; an
 * actor is its user id only. LOG_LEVEL picks the level (default info; `silent` in tests).
 * On globalThis: route handlers and pages are separate bundles, one process writes one stream.
 */
const g = globalThis as { __kzLog?: Logger };

export function log(): Logger {
  g.__kzLog ??= pino({
    level: env().LOG_LEVEL,
    base: { service: 'kaizhou-loans', pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
  return g.__kzLog;
}

/** The error code to log: an AppError's code, a PostgreSQL SQLSTATE, else the error's name — never its message (it may quote data). */
export function errorCodeOf(e: unknown): string {
  if (e && typeof e === 'object') {
    const o = e as { code?: unknown; name?: unknown };
    if (typeof o.code === 'string' && /^[A-Z0-9_]{2,40}$/.test(o.code)) return o.code;
    if (typeof o.name === 'string') return o.name;
  }
  return 'UNKNOWN';
}

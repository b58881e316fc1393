import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Db } from '@/db/client';
import { AppError } from '@/lib/errors/app-error';
import { waitText } from '@/lib/domain/wait-text';
import { limitSpec, type LimitName } from './limits';

/**
 * The one place the rate limits live (rate-limiter-flexible). On PostgreSQL the counters are
 * rows of `rate_limits`, shared by every app process on that database, so a limit holds no
 * matter which process a request reaches; on PGlite (one process by construction) they are
 * in memory. A limiter is built once per database client and limit name.
 */

const TABLE = 'rate_limits';

/** node-postgres' Pool (what `drizzle(pool)` keeps as `$client`); PGlite has no `totalCount`. */
function pgPoolOf(db: Db): object | null {
  const client = (db as unknown as { $client?: { totalCount?: unknown; query?: unknown } }).$client;
  return client && typeof client.totalCount === 'number' && typeof client.query === 'function' ? client : null;
}

const byClient = new WeakMap<object, Map<LimitName, RateLimiterAbstract>>();

function limiterFor(db: Db, name: LimitName): RateLimiterAbstract {
  const owner = ((db as unknown as { $client?: object }).$client ?? db) as object;
  let limiters = byClient.get(owner);
  if (!limiters) byClient.set(owner, (limiters = new Map()));
  let limiter = limiters.get(name);
  if (!limiter) {
    const spec = limitSpec(name);
    const opts = { keyPrefix: name, points: spec.points, duration: spec.durationSeconds, blockDuration: spec.blockSeconds ?? 0 };
    const pool = pgPoolOf(db);
    // The table comes from a migration (the app's role may not CREATE): tableCreated.
    limiter = pool
      ? new RateLimiterPostgres({ ...opts, storeClient: pool, storeType: 'pool', tableName: TABLE, tableCreated: true, clearExpiredByTimeout: true })
      : new RateLimiterMemory(opts);
    limiters.set(name, limiter);
  }
  return limiter;
}

export { waitText };

export function rateLimited(name: LimitName, retryAfterSeconds: number): AppError {
  const spec = limitSpec(name);
  return new AppError('RATE_LIMITED', {
    message: `rate limit ${name} exceeded`,
    userMessage: `${spec.message}，请 ${waitText(retryAfterSeconds)}后再试`,
    retryAfterSeconds,
  });
}

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * Use `points` of `key`'s allowance under limit `name`; past the limit, AppError
 * 'RATE_LIMITED' with the seconds until the window ends (or the block lifts). A store
 * failure is thrown as it is: a limit that cannot be checked does not let the call through.
 */
export async function consumeRateLimit(db: Db, name: LimitName, key: string, points = 1): Promise<{ remaining: number }> {
  try {
    const res = await limiterFor(db, name).consume(key, points);
    return { remaining: res.remainingPoints };
  } catch (e) {
    if (e instanceof RateLimiterRes) throw rateLimited(name, seconds(e.msBeforeNext));
    throw e;
  }
}

/** Seconds until `key` may try again under `name`, or null while it is within its allowance. Uses no point. */
export async function rateLimitWait(db: Db, name: LimitName, key: string): Promise<number | null> {
  const limiter = limiterFor(db, name);
  const res = await limiter.get(key);
  return res && res.consumedPoints >= limiter.points && res.msBeforeNext > 0 ? seconds(res.msBeforeNext) : null;
}

/** Refuse now, without using a point, when `key` has already used its allowance (e.g. before checking a password). */
export async function assertUnderRateLimit(db: Db, name: LimitName, key: string): Promise<void> {
  const wait = await rateLimitWait(db, name, key);
  if (wait !== null) throw rateLimited(name, wait);
}

/**
 * Count one failure (e.g. a wrong password) against `key` without refusing this call: the
 * failure has happened. When it uses the last point the key is blocked for the limit's
 * `blockSeconds` (else until its window ends) and `locked` says so — the next call is refused
 * by `rateLimitWait` / `assertUnderRateLimit`.
 */
export async function countRateLimitFailure(db: Db, name: LimitName, key: string): Promise<{ failures: number; locked: boolean; retryAfterSeconds: number }> {
  const limiter = limiterFor(db, name);
  let res: RateLimiterRes;
  try {
    res = await limiter.consume(key, 1);
  } catch (e) {
    if (!(e instanceof RateLimiterRes)) throw e;
    res = e; // already past the limit (a concurrent failure got there first)
  }
  if (res.consumedPoints < limiter.points) return { failures: res.consumedPoints, locked: false, retryAfterSeconds: 0 };
  const block = limitSpec(name).blockSeconds;
  if (block && res.consumedPoints === limiter.points) {
    await limiter.block(key, block);
    return { failures: res.consumedPoints, locked: true, retryAfterSeconds: block };
  }
  return { failures: res.consumedPoints, locked: true, retryAfterSeconds: seconds(res.msBeforeNext) };
}

/** Forget `key`'s count under `name` (e.g. an account's failures once its owner logs in). */
export async function resetRateLimit(db: Db, name: LimitName, key: string): Promise<void> {
  await limiterFor(db, name).delete(key);
}

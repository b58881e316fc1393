import { bigint, integer, pgTable, varchar } from 'drizzle-orm/pg-core';

/**
 * The shared store of every rate limit on PostgreSQL (lib/server/rate-limit): one row per
 * limiter and key (`<limiter>:<key>`), the points used in the current window and when the
 * window ends (epoch ms). The columns are exactly what rate-limiter-flexible's
 * RateLimiterPostgres reads and writes; the table is made here, by a migration, so the app's
 * database role never needs CREATE.
 */
export const rateLimits = pgTable('rate_limits', {
  key: varchar('key', { length: 255 }).primaryKey(),
  points: integer('points').notNull().default(0),
  expire: bigint('expire', { mode: 'number' }),
});

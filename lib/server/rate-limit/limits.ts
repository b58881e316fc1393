import { env } from '@/lib/env';

/**
 * Every rate limit of the system, by name: how many points a key may use per window, and
 * the Chinese sentence a refused caller reads (the wait is appended). Add a limit here and
 * call `consumeRateLimit(db, '<name>', key)` where the action happens; the store (PostgreSQL
 * across processes, memory on PGlite) and the typed refusal come with it.
 */
export interface LimitSpec {
  /** Points a key may consume in one window. */
  points: number;
  /** Window length in seconds; the window starts at the key's first point. */
  durationSeconds: number;
  /** When set, a key that goes past its points is refused for this long (instead of until the window ends). */
  blockSeconds?: number;
  /** What the refused person reads, before “请 N 分钟后再试”. */
  message: string;
}

export type LimitName = 'pii_reveal';

export function limitSpec(name: LimitName): LimitSpec {
  const e = env();
  switch (name) {
    case 'pii_reveal':
      return { points: e.PII_REVEALS_PER_HOUR, durationSeconds: 3600, message: `查看完整个人信息过于频繁（每人每小时最多 ${e.PII_REVEALS_PER_HOUR} 次）` };
  }
}

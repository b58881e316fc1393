import { env } from '@/lib/env';
import { getDb } from '@/lib/server/db';
import { drainSmsOutbox } from './drain-sms-outbox';
import { smsGatewayFromEnv } from './sms-gateway';

const g = globalThis as { __kzSmsDrain?: NodeJS.Timeout };

/**
 * The in-process SMS drain (SMS_DRAIN_INTERVAL_SECONDS > 0 and a gateway set): started once
 * per server process. Needed with PGlite, where no second process can open the database.
 * One drain at a time; a failure is logged and retried on the next tick.
 */
export function startSmsDrainLoop(): void {
  const seconds = env().SMS_DRAIN_INTERVAL_SECONDS;
  const gateway = smsGatewayFromEnv();
  if (g.__kzSmsDrain || seconds === 0 || !gateway) return;
  let running = false;
  g.__kzSmsDrain = setInterval(() => {
    if (running) return;
    running = true;
    getDb()
      .then((db) => drainSmsOutbox(db, gateway))
      .catch((e) => console.error('[sms] drain failed', e instanceof Error ? e.message : e))
      .finally(() => {
        running = false;
      });
  }, seconds * 1000);
  g.__kzSmsDrain.unref();
}

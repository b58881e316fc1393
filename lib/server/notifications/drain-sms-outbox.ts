import { and, asc, count, eq, isNotNull, lt } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { smsOutbox } from '@/db/schema';
import { now as clock } from '@/lib/server/clock';

/** What a real SMS gateway adapter implements (the operator's contract with its carrier). */
export interface SmsGateway {
  send(mobile: string, body: string): Promise<void>;
}

const MAX_ATTEMPTS = 5;

/**
 * Send pending SMS rows in batches. Rows are claimed with FOR UPDATE SKIP LOCKED, so
 * several workers can drain at once without sending a message twice; a failed send is
 * retried up to MAX_ATTEMPTS times, then marked failed.
 *
 * This is the ONLY reader of `sms_outbox.body` (a body may carry a one-time code): once a
 * message is sent, or given up on, its body is wiped in the same update, so afterwards
 * nobody — operator, auditor, database reader — can read a code out of the outbox.
 */
export async function drainSmsOutbox(db: Db, gateway: SmsGateway, batchSize = 50): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: smsOutbox.id, mobile: smsOutbox.mobile, body: smsOutbox.body, attempts: smsOutbox.attempts })
        .from(smsOutbox)
        .where(and(eq(smsOutbox.status, 'pending'), lt(smsOutbox.attempts, MAX_ATTEMPTS), isNotNull(smsOutbox.body)))
        .orderBy(asc(smsOutbox.id))
        .limit(batchSize)
        .for('update', { skipLocked: true });
      for (const row of rows) {
        try {
          await gateway.send(row.mobile, row.body!);
          await tx.update(smsOutbox).set({ status: 'sent', sentAt: clock(), attempts: row.attempts + 1, body: null }).where(eq(smsOutbox.id, row.id));
          sent++;
        } catch {
          const attempts = row.attempts + 1;
          const givenUp = attempts >= MAX_ATTEMPTS;
          await tx.update(smsOutbox).set({ attempts, status: givenUp ? 'failed' : 'pending', ...(givenUp ? { body: null } : {}) }).where(eq(smsOutbox.id, row.id));
          if (givenUp) failed++;
        }
      }
      return rows.length < batchSize;
    });
    if (done) return { sent, failed };
  }
}

/** The outbox depth for /api/metrics: how many messages by status (counts only, never a body). */
export async function countSmsOutbox(db: Db): Promise<{ status: string; n: number }[]> {
  const rows = await db.select({ status: smsOutbox.status, n: count() }).from(smsOutbox).groupBy(smsOutbox.status);
  return rows.map((r) => ({ status: r.status, n: Number(r.n) }));
}

import { beforeAll, expect, it } from 'vitest';
import { smsOutbox } from '@/db/schema';
import { drainSmsOutbox } from '@/lib/server/notifications/drain-sms-outbox';
import { describeDb } from '../helpers/test-db';

describeDb('SMS outbox drained by a gateway', (ctx) => {
  beforeAll(async () => {
    const t = new Date();
    await ctx.h.db.insert(smsOutbox).values(Array.from({ length: 7 }, (_, i) => ({ mobile: `1380000000${i}`, body: `消息${i}`, summary: `消息${i}`, createdAt: t })));
  });

  it('sends each message once even with two workers at once, retries failures, then gives up; a body is wiped once sent or given up on', async () => {
    const seen: string[] = [];
    const flaky = new Set(['13800000003']);
    const gateway = {
      async send(mobile: string, body: string) {
        if (flaky.has(mobile)) throw new Error('carrier down');
        seen.push(`${mobile} ${body}`);
      },
    };
    const [a, b] = await Promise.all([drainSmsOutbox(ctx.h.db, gateway, 2), drainSmsOutbox(ctx.h.db, gateway, 2)]);
    expect(a.sent + b.sent).toBe(6);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain('13800000000 消息0');
    // Sent: the body is gone, the summary stays.
    expect(await ctx.h.query(`select body, summary, status from sms_outbox where mobile = '13800000000'`)).toEqual([{ body: null, summary: '消息0', status: 'sent' }]);
    for (let i = 0; i < 4; i++) await drainSmsOutbox(ctx.h.db, gateway);
    const rows = await ctx.h.query<{ mobile: string; status: string; attempts: number; body: string | null }>(`select mobile, status, attempts, body from sms_outbox where mobile = '13800000003'`);
    expect(rows).toEqual([{ mobile: '13800000003', status: 'failed', attempts: 5, body: null }]);
    expect(await ctx.h.query(`select 1 from sms_outbox where body is not null`)).toEqual([]);
    expect(await drainSmsOutbox(ctx.h.db, gateway)).toEqual({ sent: 0, failed: 0 });
  });
});

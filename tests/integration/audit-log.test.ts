import { expect, it } from 'vitest';
import { describeDb } from '../helpers/test-db';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';
import { verifyAuditChain } from '@/lib/server/audit/verify-audit-chain';

describeDb('AUD-03 audit log', (ctx) => {
  it('chains rows and verifies an untouched chain', async () => {
    const { db } = ctx.h;
    for (let i = 0; i < 5; i++) {
      await writeAuditLog(db, { event: 'test.event', objectType: 'thing', objectId: String(i), detail: { n: i, z: 'a', a: [1, 2] } });
    }
    const result = await verifyAuditChain(db);
    expect(result).toMatchObject({ ok: true, rows: 5 });
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself, even to the owner (the app role may not even try: db-roles.test.ts)', async () => {
    await expect(ctx.owner.query(`update audit_log set event = 'x' where seq = 1`)).rejects.toThrow(/append-only/);
    await expect(ctx.owner.query(`delete from audit_log where seq = 1`)).rejects.toThrow(/append-only/);
    await expect(ctx.owner.query(`truncate audit_log`)).rejects.toThrow(/append-only/);
    const [{ n }] = await ctx.h.query<{ n: string }>(`select count(*)::text as n from audit_log where event = 'test.event'`);
    expect(n).toBe('5');
  });

  it('detects a tampered row and a deleted row (trigger disabled by an owner)', async () => {
    await ctx.owner.query(`alter table audit_log disable trigger audit_log_no_update_delete`);
    await ctx.owner.query(`update audit_log set detail = '{"n": 99}' where seq = 3`);
    await ctx.owner.query(`alter table audit_log enable trigger audit_log_no_update_delete`);
    expect(await verifyAuditChain(ctx.h.db)).toEqual({ ok: false, rows: 2, firstBadSeq: 3, reason: 'HASH_MISMATCH' });

    await ctx.owner.query(`alter table audit_log disable trigger audit_log_no_update_delete`);
    await ctx.owner.query(`delete from audit_log where seq = 3`);
    await ctx.owner.query(`alter table audit_log enable trigger audit_log_no_update_delete`);
    expect(await verifyAuditChain(ctx.h.db)).toEqual({ ok: false, rows: 2, firstBadSeq: 4, reason: 'PREV_HASH_MISMATCH' });
  });

  it('writes the audit row inside the caller transaction: a rollback removes it', async () => {
    const before = await ctx.h.query<{ n: string }>(`select count(*)::text as n from audit_log`);
    await expect(
      ctx.h.db.transaction(async (tx) => {
        await writeAuditLog(tx, { event: 'rolled.back' });
        throw new Error('business change failed');
      }),
    ).rejects.toThrow('business change failed');
    const after = await ctx.h.query<{ n: string }>(`select count(*)::text as n from audit_log`);
    expect(after[0].n).toBe(before[0].n);
  });
});

import { expect, it } from 'vitest';
import { describeDb, type DbCtx } from '../helpers/test-db';
import { migrateDb } from '@/db/migrate';
import { writeAuditLog } from '@/lib/server/audit/write-audit-log';

const count = async (ctx: DbCtx, table: string) => Number((await ctx.owner.query<{ n: string }>(`select count(*)::text as n from ${table}`))[0].n);
const triggersEnabled = async (ctx: DbCtx) =>
  (await ctx.owner.query<{ tgname: string; tgenabled: string }>(`select tgname, tgenabled from pg_trigger where tgrelid = 'audit_log'::regclass and not tgisinternal order by tgname`));

describeDb('least privilege: the app connects as a role that owns nothing', (ctx) => {
  it('the app role appends to and reads the audit log (and that is all it may do with it)', async () => {
    await writeAuditLog(ctx.h.db, { event: 'test.event', objectId: '1' });
    await writeAuditLog(ctx.h.db, { event: 'test.event', objectId: '2' });
    expect(await ctx.h.query(`select seq from audit_log where event = 'test.event'`)).toHaveLength(2);
  });

  it('on PostgreSQL the app role cannot ALTER, DISABLE TRIGGER, TRUNCATE, UPDATE, DELETE or DROP the audit log; nothing changes', async () => {
    if (ctx.h.driver === 'pglite') {
      // One embedded user: the two handles are the same connection, and only the triggers stand.
      expect(ctx.owner).toBe(ctx.h);
      await expect(ctx.h.query(`update audit_log set event = 'x'`)).rejects.toThrow(/append-only/);
      return;
    }
    const [{ current_user: who }] = await ctx.h.query<{ current_user: string }>('select current_user');
    const [{ current_user: owner }] = await ctx.owner.query<{ current_user: string }>('select current_user');
    expect(who).not.toBe(owner);
    const before = { rows: await count(ctx, 'audit_log'), triggers: await triggersEnabled(ctx) };
    expect(before.triggers.map((t) => t.tgenabled)).toEqual(['O', 'O']);

    const attempts: [string, RegExp][] = [
      ['alter table audit_log disable trigger audit_log_no_update_delete', /must be owner of table audit_log/],
      ['alter table audit_log disable trigger all', /must be owner of table audit_log/],
      ['alter table audit_log add column note text', /must be owner of table audit_log/],
      ['truncate audit_log', /permission denied for table audit_log/],
      [`update audit_log set event = 'x'`, /permission denied for table audit_log/],
      ['delete from audit_log', /permission denied for table audit_log/],
      ['drop table audit_log', /must be owner of table audit_log/],
      ['drop function audit_log_refuse_change() cascade', /must be owner of function audit_log_refuse_change/],
      ['drop schema public cascade', /must be owner of schema public/],
      ['create table sneaky (x int)', /permission denied for schema public/],
      [`update audit_chain set id = gen_random_uuid()`, /permission denied for table audit_chain/],
      ['insert into audit_chain (singleton) values (false)', /permission denied for table audit_chain/],
      ['delete from audit_chain', /permission denied for table audit_chain/],
      ['alter table audit_chain disable trigger audit_chain_no_change', /must be owner of table audit_chain/],
      ['alter table users disable trigger all', /must be owner of table users/],
      ['truncate users', /permission denied for table users/],
      ['drop table users', /must be owner of table users/],
    ];
    for (const [stmt, refusal] of attempts) {
      const err = await ctx.h.query(stmt).then(() => null, (e: Error & { code?: string }) => e);
      expect(err, stmt).not.toBeNull();
      expect(err!.message, stmt).toMatch(refusal);
      expect(err!.code, stmt).toBe('42501');
    }
    expect(await count(ctx, 'audit_log')).toBe(before.rows);
    expect(await count(ctx, 'audit_chain')).toBe(1);
    expect(await triggersEnabled(ctx)).toEqual(before.triggers);
    expect(await ctx.owner.query(`select 1 from pg_tables where schemaname = 'public' and tablename in ('audit_log', 'users')`)).toHaveLength(2);
    expect(await ctx.owner.query(`select 1 from pg_tables where tablename = 'sneaky'`)).toHaveLength(0);
  });

  it('on PostgreSQL a table a later migration adds is granted to the app role (DML, never TRUNCATE or DROP), and re-granting is idempotent', async () => {
    if (ctx.h.driver === 'pglite') {
      expect(ctx.owner).toBe(ctx.h);
      return;
    }
    await ctx.owner.query('create table later_thing (id bigserial primary key, note text)');
    await ctx.h.query(`insert into later_thing (note) values ('by the app')`);
    await ctx.h.query(`update later_thing set note = 'changed'`);
    expect(await ctx.h.query(`select note from later_thing`)).toEqual([{ note: 'changed' }]);
    await expect(ctx.h.query('truncate later_thing')).rejects.toThrow(/permission denied/);
    await expect(ctx.h.query('drop table later_thing')).rejects.toThrow(/must be owner/);
    const [{ current_user: app }] = await ctx.h.query<{ current_user: string }>('select current_user');
    await migrateDb(ctx.owner, { appRole: app });
    await migrateDb(ctx.owner, { appRole: app });
    await expect(ctx.h.query(`update audit_log set event = 'x'`)).rejects.toThrow(/permission denied/);
    await ctx.h.query(`delete from later_thing`);
    expect(await count(ctx, 'later_thing')).toBe(0);
  });
});

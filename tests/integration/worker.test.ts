import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDb, type DbHandle } from '@/db/client';
import { applicationEvents, auditLog, loanEvents, smsOutbox, subsidyBatches, subsidyLines } from '@/db/schema';
import { requestClaim } from '@/lib/server/claims/request-claim';
import { InjectedCrashError, runClaimJob } from '@/lib/server/claims/run-claim-job';
import { runResumableClaimJobs } from '@/lib/server/claims/run-claim-job';
import { runJob, workerJobs, type WorkerJob } from '@/lib/server/jobs/worker';
import { enqueueSms } from '@/lib/server/notifications/enqueue-sms';
import { drainSmsOutbox, type SmsGateway } from '@/lib/server/notifications/drain-sms-outbox';
import { stateOf } from '../helpers/application-fixtures';
import { ensureReferenceData } from '../helpers/factories';
import { describeDb } from '../helpers/test-db';
import { applicationAt, createCast, type Cast } from '../helpers/workflow-fixtures';

/**
 * Several workers on one database never do a job twice. On PostgreSQL the "second process" is a
 * second connection pool of its own on the same database; on PGlite (one process by design) the
 * same handle, so the runs interleave on one connection.
 */
describeDb('worker: claims, SMS, overdue and anchors on a schedule; two workers never do one job twice', (ctx) => {
  let cast: Cast;
  let other: DbHandle;
  const db = () => ctx.h.db;
  const job = (name: string): WorkerJob => {
    const j = workerJobs().find((x) => x.name === name);
    if (!j) throw new Error(`no job ${name}`);
    return j;
  };
  const n = async (text: string, params: unknown[] = []) => Number((await ctx.h.query<{ n: number }>(text, params))[0].n);

  beforeAll(async () => {
    await ensureReferenceData(db());
    cast = await createCast(db());
    for (let i = 0; i < 3; i++) await applicationAt(db(), cast, 'disbursed');
    other = ctx.h.driver === 'pg' ? await createDb({ url: ctx.h.url }) : ctx.h;
  }, 180_000);
  afterAll(async () => {
    if (other && other !== ctx.h) await other.close();
  });

  it('a claim whose builder died mid-way is finished by exactly one of two workers, with the lines of an undisturbed run', async () => {
    // The undisturbed run, for comparison.
    const ref = await requestClaim(db(), cast.bank, { period: '2026Q1' });
    expect((await runClaimJob(db(), ref.batch.id)).outcome).toBe('prepared');
    const refLines = await db().select().from(subsidyLines).where(eq(subsidyLines.batchId, ref.batch.id)).orderBy(subsidyLines.seq);
    expect(refLines.length).toBeGreaterThan(1);
    // Free the subjects again: the same quarter is built anew below from the same loans.
    // (One transaction: the database checks at commit that a batch's count and total are its lines'.)
    await ctx.owner.db.transaction(async (tx) => {
      await tx.execute(sql`delete from subsidy_lines where batch_id = ${ref.batch.id}`);
      await tx.execute(sql`update subsidy_batches set status = 'failed', error = 'test: rebuilt below', line_count = 0, total_fen = 0 where id = ${ref.batch.id}`);
    });

    const again = await requestClaim(db(), cast.bank, { period: '2026Q1' });
    expect(again.batch.id).toBe(ref.batch.id);
    await expect(runClaimJob(db(), again.batch.id, { pageSize: 1, crashAfterLines: 1, leaseMs: 300 })).rejects.toBeInstanceOf(InjectedCrashError);
    expect((await stateOfBatch()).status).toBe('building');
    await new Promise((r) => setTimeout(r, 350));

    const [a, b] = await Promise.all([runResumableClaimJobs(db(), { leaseMs: 300 }), runResumableClaimJobs(other.db, { leaseMs: 300 })]);
    expect((a.prepared ?? 0) + (b.prepared ?? 0)).toBe(1);
    expect(await stateOfBatch()).toMatchObject({ status: 'prepared', lineCount: refLines.length });
    const lines = await db().select().from(subsidyLines).where(eq(subsidyLines.batchId, ref.batch.id)).orderBy(subsidyLines.seq);
    const cmp = (rows: typeof lines) => rows.map((l) => ({ seq: l.seq, subjectKey: l.subjectKey, amountFen: l.amountFen, detail: l.detail }));
    expect(cmp(lines)).toEqual(cmp(refLines));
    expect(await n(`select count(*)::int as n from audit_log where event = 'batch.prepared' and object_id = $1`, [ref.batch.id])).toBe(2); // the reference run and the resumed one
    // Nothing left to do.
    expect(await runResumableClaimJobs(db())).toEqual({});

    async function stateOfBatch() {
      const [row] = await db().select().from(subsidyBatches).where(eq(subsidyBatches.id, ref.batch.id));
      return row;
    }
  });

  it('two workers draining the SMS outbox at once send every message exactly once', async () => {
    const sent: string[] = [];
    const gateway: SmsGateway = { send: async (mobile, body) => { await new Promise((r) => setTimeout(r, 2)); sent.push(`${mobile}|${body}`); } };
    const bodies = Array.from({ length: 30 }, (_, i) => `【开州就业】worker test ${i}`);
    await db().transaction((tx) => enqueueSms(tx, bodies.map((body, i) => ({ mobile: `1390000${String(i).padStart(4, '0')}`, body })), new Date()));
    await Promise.all([drainSmsOutbox(db(), gateway, 4), drainSmsOutbox(other.db, gateway, 4)]);
    const mine = sent.filter((s) => s.includes('worker test'));
    expect(mine).toHaveLength(30);
    expect(new Set(mine).size).toBe(30);
    expect(await db().select().from(smsOutbox).where(and(eq(smsOutbox.status, 'pending'), sql`${smsOutbox.mobile} like '1390000%'`))).toEqual([]);
  });

  it('the scheduled overdue check marks a loan past maturity once, as the system, however many workers run it', async () => {
    const { id } = await applicationAt(db(), cast, 'disbursed');
    await ctx.owner.query(`update loans set maturity_date = '2026-02-01' where application_id = $1`, [id]);
    const [r1, r2] = await Promise.all([runJob(db(), job('overdue')), runJob(other.db, job('overdue'))]);
    expect(r1.ok && r2.ok).toBe(true);
    expect((await stateOf(db(), id)).state).toBe('overdue');
    const events = await db().select().from(loanEvents).where(and(eq(loanEvents.applicationId, id), eq(loanEvents.kind, 'overdue')));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ recordedBy: null, effectiveDate: '2026-02-02' });
    const [ev] = await db().select().from(applicationEvents).where(and(eq(applicationEvents.applicationId, id), eq(applicationEvents.action, 'mark_overdue')));
    expect(ev).toMatchObject({ actorId: null, actorRole: 'system', toState: 'overdue' });
    const audits = await db().select().from(auditLog).where(and(eq(auditLog.event, 'application.mark_overdue'), eq(auditLog.objectId, id)));
    expect(audits).toHaveLength(1);
    expect(audits[0].actorId).toBeNull();
    // Again: nothing more.
    expect((await runJob(db(), job('overdue'))).ok).toBe(true);
    expect(await db().select().from(loanEvents).where(and(eq(loanEvents.applicationId, id), eq(loanEvents.kind, 'overdue')))).toHaveLength(1);
  });

  it('two workers due to anchor the audit chain at once write one anchor; the next run finds nothing due', async () => {
    const anchors = () => n(`select count(*)::int as n from audit_log where event = 'audit.anchor' and result = 'success'`);
    const before = await anchors();
    const [r1, r2] = await Promise.all([runJob(db(), job('audit-anchor')), runJob(other.db, job('audit-anchor'))]);
    expect(r1.ok && r2.ok).toBe(true);
    expect(await anchors()).toBe(before + 1);
    expect([r1.result, r2.result]).toContainEqual(expect.objectContaining({ anchored: expect.any(String) }));
    const r3 = await runJob(db(), job('audit-anchor'));
    expect(r3.result).toEqual({ due: false });
    expect(await anchors()).toBe(before + 1);
  });

  it('a job that throws is reported, not thrown', async () => {
    const r = await runJob(db(), { name: 'broken', everyMs: 1000, run: async () => { throw Object.assign(new Error('boom'), { code: 'XX000' }); } });
    expect(r).toEqual({ ok: false });
  });
});

/**
 * 补报 and corrections (issue 11): the next quarter's claim compares, per loan and period, what
 * the engine gives today with what was claimed and paid. Amounts come from the engine
 * (computeSchedule over the loan's facts as they are now), never from the test.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { subsidyBatches, subsidyLines } from '@/db/schema';
import { computeSchedule } from '@/lib/domain/rules';
import type { ClaimLineDetail } from '@/lib/domain/subsidy-batches/claim-line';
import { parseQuarter } from '@/lib/domain/subsidy-batches/quarter';
import { approveBatch } from '@/lib/server/batches/approve-batch';
import { exportBatch } from '@/lib/server/batches/export-batch';
import { verifyBatch } from '@/lib/server/batches/verify-batch';
import { ensureClaimBatch, requestClaim } from '@/lib/server/claims/request-claim';
import { runClaimJob } from '@/lib/server/claims/run-claim-job';
import { getRuleCatalog } from '@/lib/server/policy/get-rule-catalog';
import { loadLoanFacts, scheduleInputOf } from '@/lib/server/servicing/loan-facts';
import { markLoanOverdue } from '@/lib/server/servicing/mark-loan-overdue';
import { recordRepayment } from '@/lib/server/servicing/record-repayment';
import { stateOf } from '../helpers/application-fixtures';
import { createUser, actorOf, ensureReferenceData, tableCounts } from '../helpers/factories';
import { disbursedLoan } from '../helpers/disbursed-loan';
import { describeDb } from '../helpers/test-db';
import { createCast, type Cast } from '../helpers/workflow-fixtures';

/** The engine's subsidy today for each closed period of a loan, by period start. */
async function engineSubsidies(db: Db, id: string, asOf: string): Promise<Map<string, bigint>> {
  const catalog = await getRuleCatalog(db);
  const facts = await loadLoanFacts(db, id);
  const [app] = await db.execute(sql`select loan_type as "loanType" from applications where id = ${id}`).then((r) => (r as unknown as { rows: { loanType: 'individual' | 'enterprise' }[] }).rows);
  const schedule = computeSchedule(scheduleInputOf(app, facts), asOf, catalog);
  return new Map(schedule.periods.filter((p) => p.status === 'closed').map((p) => [p.periodStart, p.interest.subsidy]));
}

const linesOf = (db: Db, batchIds: string[]) => db.select().from(subsidyLines).where(inArray(subsidyLines.batchId, batchIds)).orderBy(asc(subsidyLines.batchId), asc(subsidyLines.seq));
const COUNTED = ['subsidy_batches', 'subsidy_lines', 'audit_log'];

describeDb('补报 and corrections: late data after a quarter was paid', (ctx) => {
  const db = () => ctx.h.db;
  let cast: Cast;
  let finance2: ReturnType<typeof actorOf>;
  let repaidLate: string;
  let overdueLate: string;
  let registeredLate: string;
  let q1: string;
  const Q1 = parseQuarter('2026Q1')!;

  /** Verify, approve, export, then the bank's payment result (every line paid), as the app role may. */
  async function pay(batchId: string) {
    const v = async () => ({ batchId, version: (await db().select().from(subsidyBatches).where(eq(subsidyBatches.id, batchId)))[0].updatedAt.toISOString() });
    await verifyBatch(db(), cast.hr, await v());
    await approveBatch(db(), cast.finance, await v());
    await exportBatch(db(), finance2, await v());
    await db().transaction(async (tx) => {
      await tx.update(subsidyLines).set({ status: 'paid', bankTxnRef: 'TEST-PAID', settledAt: new Date() }).where(and(eq(subsidyLines.batchId, batchId), eq(subsidyLines.status, 'pending')));
      await tx.update(subsidyBatches).set({ status: 'reconciled' }).where(eq(subsidyBatches.id, batchId));
    });
  }
  async function claim(period: string) {
    const { batch } = await requestClaim(db(), cast.bank, { period });
    return batch.id;
  }

  beforeAll(async () => {
    await ensureReferenceData(db());
    cast = await createCast(db());
    finance2 = actorOf(await createUser(db(), { role: 'finance_officer', orgCode: 'KZ-FIN' }));
    repaidLate = await disbursedLoan(db(), cast, { contractDate: '2026-01-15', disbursedDate: '2026-01-16' });
    overdueLate = await disbursedLoan(db(), cast, { contractDate: '2026-01-10', disbursedDate: '2026-01-12', principal: '150000' });
    q1 = await claim('2026Q1');
    expect((await runClaimJob(db(), q1)).outcome).toBe('prepared');
    expect(await linesOf(db(), [q1])).toHaveLength(2);
    await pay(q1);
    // Late data, all after Q1 was paid: a loan registered now though disbursed in January, a
    // principal repayment dated inside Q1, and an overdue spell starting inside Q1 (never cured).
    registeredLate = await disbursedLoan(db(), cast, { contractDate: '2026-01-18', disbursedDate: '2026-01-20', principal: '200000' });
    await recordRepayment(db(), cast.bank, { applicationId: repaidLate, version: (await stateOf(db(), repaidLate)).version, repaidOn: '2026-02-10', principal: '100000', interest: '0', bankRef: 'LATE-1' });
    await markLoanOverdue(db(), cast.bank, { applicationId: overdueLate, version: (await stateOf(db(), overdueLate)).version, effectiveDate: '2026-03-01' });
  }, 180_000);

  it('the next quarter claims the missing period once (补报), and corrects the overpaid ones against the engine, linked to the paid line, with before and after', async () => {
    const q2 = await claim('2026Q2');
    expect((await runClaimJob(db(), q2, { pageSize: 1 })).outcome).toBe('prepared');
    const lines = await linesOf(db(), [q2]);
    const [paidQ1] = await Promise.all([linesOf(db(), [q1])]);
    const q2Settle = parseQuarter('2026Q2')!.settlementDay;

    // 补报: the late loan's Q1 period, at the engine's amount, beside its own Q2 period.
    const lateEngine = await engineSubsidies(db(), registeredLate, q2Settle);
    const late = lines.filter((l) => l.applicationId === registeredLate);
    expect(late.map((l) => [l.lineKind, l.periodStart, l.amountFen])).toEqual([
      ['payment', '2026-03-21', lateEngine.get('2026-03-21')],
      ['supplement', '2026-01-20', lateEngine.get('2026-01-20')],
    ]);
    expect(lateEngine.get('2026-01-20')! > 0n).toBe(true);
    expect((late[1].detail as ClaimLineDetail).supplementOf).toEqual({ quarter: '2026Q1' });
    expect((late[1].detail as ClaimLineDetail).note).toContain('补报');

    // The repayment inside Q1: Q1 was overpaid; a negative correction, set off against the loan's Q2 line.
    const repEngine = await engineSubsidies(db(), repaidLate, q2Settle);
    const paidRep = paidQ1.find((l) => l.applicationId === repaidLate)!;
    const rep = lines.filter((l) => l.applicationId === repaidLate);
    const corr = rep.find((l) => l.lineKind === 'correction')!;
    expect(corr).toMatchObject({ correctsLineId: paidRep.id, beforeFen: paidRep.amountFen, afterFen: repEngine.get('2026-01-16'), amountFen: repEngine.get('2026-01-16')! - paidRep.amountFen, periodStart: '2026-01-16' });
    expect(corr.amountFen < 0n).toBe(true);
    const cd = (corr.detail as ClaimLineDetail).correction!;
    expect(cd).toMatchObject({ correctsBatchNumber: 'TX2026Q1-BANK-ABC-KZ-R0', beforeFen: paidRep.amountFen.toString(), afterFen: repEngine.get('2026-01-16')!.toString(), settlement: 'set_off' });
    expect(cd.before.trace).toEqual((paidRep.detail as ClaimLineDetail).trace);
    expect(cd.after.trace).not.toEqual(cd.before.trace);
    const repQ2 = rep.find((l) => l.lineKind === 'payment')!;
    expect(repQ2.amountFen).toBe(repEngine.get('2026-03-21'));
    expect(repQ2.amountFen + corr.amountFen >= 0n).toBe(true);

    // The overdue spell inside Q1 (never cured): Q1's subsidy is now 0, the whole payment is
    // corrected; nothing of the loan's own is left in the batch to set it off against: recovery.
    const ovEngine = await engineSubsidies(db(), overdueLate, q2Settle);
    expect(ovEngine.get('2026-01-12')).toBe(0n);
    const paidOv = paidQ1.find((l) => l.applicationId === overdueLate)!;
    const ov = lines.filter((l) => l.applicationId === overdueLate);
    expect(ov.map((l) => [l.lineKind, l.amountFen, l.correctsLineId, l.beforeFen, l.afterFen])).toEqual([['correction', -paidOv.amountFen, paidOv.id, paidOv.amountFen, 0n]]);
    expect((ov[0].detail as ClaimLineDetail).correction).toMatchObject({ settlement: 'recovery', after: { subsidyFen: '0', overdue: true } });
    expect((ov[0].detail as ClaimLineDetail).note).toContain('列入追回');

    // The batch's count and total are its lines', corrections included.
    const [b] = await db().select().from(subsidyBatches).where(eq(subsidyBatches.id, q2));
    expect(b).toMatchObject({ status: 'prepared', lineCount: lines.length, totalFen: lines.reduce((s, l) => s + l.amountFen, 0n) });
  }, 60_000);

  it('running it again — the same job, or the next quarter while the corrections are on their way — adds nothing', async () => {
    const q2 = await claim('2026Q2');
    const before = { counts: await tableCounts(db(), COUNTED), lines: await linesOf(db(), [q2]) };
    expect((await runClaimJob(db(), q2)).outcome).toBe('not_building');
    const [x, y] = await Promise.all([runClaimJob(db(), q2), runClaimJob(db(), q2)]);
    // (A worker that finds the batch locked by the other says 'busy'; neither builds anything.)
    for (const r of [x, y]) expect(['not_building', 'busy']).toContain(r.outcome);
    expect(await tableCounts(db(), COUNTED)).toEqual(before.counts);
    expect(await linesOf(db(), [q2])).toEqual(before.lines);
    // Q3, built by two workers at once, while Q2 (with the 补报 and the corrections) is not yet
    // paid: one builds it, and nothing late is claimed or corrected again.
    const q3 = await claim('2026Q3');
    const outcomes = (await Promise.all([runClaimJob(db(), q3, { pageSize: 1 }), runClaimJob(db(), q3, { pageSize: 1 })])).map((r) => r.outcome).sort();
    expect(outcomes[1]).toBe('prepared');
    expect(['busy', 'not_building']).toContain(outcomes[0]);
    const q3Lines = await linesOf(db(), [q3]);
    expect(q3Lines.length).toBeGreaterThan(0);
    expect(q3Lines.filter((l) => l.lineKind !== 'payment')).toEqual([]);
  }, 60_000);

  it('once paid, the chain is settled: later quarters built at the same time claim no period twice and correct nothing again', async () => {
    const q2 = await claim('2026Q2');
    const q3 = await claim('2026Q3');
    await pay(q2);
    await pay(q3);
    // Another loan registered late, and two quarters built at once: its missing periods are claimed once in all.
    const another = await disbursedLoan(db(), cast, { contractDate: '2026-02-01', disbursedDate: '2026-02-03', principal: '100000' });
    // (Quarters not yet closed today: requested as a scheduler would, the engine computing as of their settlement days.)
    const sched = (period: string) => db().transaction((tx) => ensureClaimBatch(tx, { bankOrgId: cast.bank.orgId!, period, preparedBy: null, actor: null, now: new Date() })).then((r) => r.batch.id);
    const q4 = await sched('2026Q4');
    const next = await sched('2027Q1');
    const [a, b] = await Promise.all([runClaimJob(db(), q4, { pageSize: 1 }), runClaimJob(db(), next, { pageSize: 1 })]);
    expect([a.outcome, b.outcome]).toEqual(['prepared', 'prepared']);
    const lines = await linesOf(db(), [q4, next]);
    const engine = await engineSubsidies(db(), another, parseQuarter('2026Q4')!.settlementDay);
    const supplements = lines.filter((l) => l.lineKind === 'supplement');
    expect(supplements.every((l) => l.applicationId === another)).toBe(true);
    // Its Q1, Q2 and Q3 periods, each exactly once across both batches, at the engine's amounts.
    const byPeriod = new Map<string, bigint>();
    for (const l of supplements) {
      expect(byPeriod.has(l.periodStart!)).toBe(false);
      byPeriod.set(l.periodStart!, l.amountFen);
    }
    const expected = new Map([...engine].filter(([start, amount]) => amount > 0n && start < '2026-09-21'));
    expect(byPeriod).toEqual(expected);
    expect(expected.size).toBe(3);
    // The earlier corrections were paid and now agree with the engine: nothing corrected again.
    expect(lines.filter((l) => l.lineKind === 'correction')).toEqual([]);
    expect(Q1.settlementDay).toBe('2026-03-20');
  }, 120_000);
});

import { and, asc, eq, sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { organisations, subsidyBatches, subsidyLines, users, loans } from '@/db/schema';
import { computeSchedule } from '@/lib/domain/rules';
import { inQuarter, parseQuarter } from '@/lib/domain/subsidy-batches/quarter';
import type { Actor } from '@/lib/server/auth/actor';
import { getClaimProgress } from '@/lib/server/claims/get-claim-progress';
import { requestClaim } from '@/lib/server/claims/request-claim';
import { InjectedCrashError, runClaimJob } from '@/lib/server/claims/run-claim-job';
import { heartbeat, LeaseLostError, takeBuildLease } from '@/lib/server/jobs/batch-lease';
import { getRuleCatalog } from '@/lib/server/policy/get-rule-catalog';
import { loadLoanFacts, scheduleInputOf } from '@/lib/server/servicing/loan-facts';
import { markLoanOverdue } from '@/lib/server/servicing/mark-loan-overdue';
import { recordRepayment } from '@/lib/server/servicing/record-repayment';
import { registerTestApplicant, stateOf } from '../helpers/application-fixtures';
import { ensureReferenceData, tableCounts } from '../helpers/factories';
import { addLinesKeepingTotals } from '../helpers/batch-lines';
import { disbursedLoan } from '../helpers/disbursed-loan';
import { describeDb } from '../helpers/test-db';
import { createCast, type Cast } from '../helpers/workflow-fixtures';

const COUNTED = ['subsidy_batches', 'subsidy_lines', 'audit_log', 'data_imports'];

/** What the engine says the claim of `bankCode` for `period` must contain, computed here loan by loan. */
async function expectedLines(db: Db, applicationIds: string[], period: string) {
  const q = parseQuarter(period)!;
  const catalog = await getRuleCatalog(db);
  const out = new Map<string, { amount: bigint; interest: ReturnType<typeof computeSchedule>['periods'][number]['interest'] }>();
  for (const id of applicationIds) {
    const facts = await loadLoanFacts(db, id);
    const [app] = await db.execute(sql`select loan_type as "loanType" from applications where id = ${id}`).then((r) => (r as unknown as { rows: { loanType: 'individual' | 'enterprise' }[] }).rows);
    const schedule = computeSchedule(scheduleInputOf(app, facts), q.settlementDay, catalog);
    for (const p of schedule.periods) {
      if (p.status === 'closed' && inQuarter(q, p.periodEnd) && p.interest.subsidy > 0n) out.set(`interest:${id}:${p.periodStart}`, { amount: p.interest.subsidy, interest: p.interest });
    }
  }
  return out;
}

async function linesOf(db: Db, batchId: string) {
  return db.select().from(subsidyLines).where(eq(subsidyLines.batchId, batchId)).orderBy(asc(subsidyLines.seq));
}

/** The parts of a line that a rebuild must reproduce exactly. */
const comparable = (rows: Awaited<ReturnType<typeof linesOf>>) =>
  rows.map((l) => ({ seq: l.seq, subjectKey: l.subjectKey, applicationId: l.applicationId, payeeName: l.payeeName, payeeIdMasked: l.payeeIdMasked, amountFen: l.amountFen, detail: l.detail, status: l.status }));

async function batchOf(db: Db, id: string) {
  const [b] = await db.select().from(subsidyBatches).where(eq(subsidyBatches.id, id));
  return b;
}

describeDb('贴息 claims: a background job builds a bank’s quarter from the rules engine', (ctx) => {
  const db = () => ctx.h.db;
  let cast: Cast;
  const abc: string[] = [];
  let plain: string;
  let repaid: string;
  let overdue: string;
  let enterprise: string;
  let regimeB: string;
  let otherBankLoan: string;

  beforeAll(async () => {
    await ensureReferenceData(db());
    cast = await createCast(db());
    plain = await disbursedLoan(db(), cast, { contractDate: '2026-01-15', disbursedDate: '2026-01-16' });
    repaid = await disbursedLoan(db(), cast, { contractDate: '2026-01-20', disbursedDate: '2026-01-22', principal: '200000' });
    overdue = await disbursedLoan(db(), cast, { contractDate: '2026-01-10', disbursedDate: '2026-01-12', principal: '150000' });
    enterprise = await disbursedLoan(db(), cast, { enterprise: true, contractDate: '2026-02-01', disbursedDate: '2026-02-03', principal: '800000', termMonths: 24 });
    regimeB = await disbursedLoan(db(), cast, { contractDate: '2025-03-01', disbursedDate: '2025-03-03', principal: '200000', rate: '3.85', termMonths: 24 });
    otherBankLoan = await disbursedLoan(db(), cast, { bank: 'CQRCB', contractDate: '2026-01-15', disbursedDate: '2026-01-16' });
    abc.push(plain, repaid, overdue, enterprise, regimeB);
    // A principal repayment inside Q1 (the balance changes mid-period) and one in Q2.
    for (const [on, principal, ref] of [['2026-02-10', '50000', 'R-1'], ['2026-05-10', '20000', 'R-2']] as const) {
      await recordRepayment(db(), cast.bank, { applicationId: repaid, version: (await stateOf(db(), repaid)).version, repaidOn: on, principal, interest: '100', bankRef: ref });
    }
    // Overdue inside Q1, cured by a repayment in Q2: no Q1 subsidy, Q2 again (policy PERIOD).
    await markLoanOverdue(db(), cast.bank, { applicationId: overdue, version: (await stateOf(db(), overdue)).version, effectiveDate: '2026-03-01' });
    await recordRepayment(db(), cast.bank, { applicationId: overdue, version: (await stateOf(db(), overdue)).version, repaidOn: '2026-04-01', principal: '0', interest: '500', bankRef: 'R-3' });
  });

  it('a claim’s every line equals the engine’s computeSchedule, with the list’s columns and the trace; only the own bank, only subsidised periods', async () => {
    const { batch, created } = await requestClaim(db(), cast.bank, { period: '2026Q1' });
    expect(created).toBe(true);
    expect(batch).toMatchObject({ status: 'building', kind: 'interest', period: '2026Q1', round: 0, preparedBy: cast.bank.userId, number: 'TX2026Q1-BANK-ABC-KZ-R0' });
    const r = await runClaimJob(db(), batch.id, { pageSize: 2 });
    expect(r.outcome).toBe('prepared');

    const lines = await linesOf(db(), batch.id);
    const expected = await expectedLines(db(), abc, '2026Q1');
    expect(new Set(lines.map((l) => l.subjectKey))).toEqual(new Set(expected.keys()));
    expect(lines.length).toBeGreaterThanOrEqual(4);
    for (const l of lines) {
      const e = expected.get(l.subjectKey)!;
      const d = l.detail as Record<string, unknown>;
      expect(l.amountFen).toBe(e.amount);
      expect(d.subsidyFen).toBe(e.interest.subsidy.toString());
      expect(d.totalInterestFen).toBe(e.interest.totalInterest.toString());
      expect(d.borrowerInterestFen).toBe(e.interest.borrowerInterest.toString());
      expect(d.days).toBe(e.interest.days);
      expect(d.trace).toEqual(JSON.parse(JSON.stringify(e.interest.trace)));
      expect(l.status).toBe('pending');
    }
    expect(lines.map((l) => l.seq)).toEqual(lines.map((_, i) => i + 1));
    // Nothing for the other bank's loan, nothing for the period the loan was overdue.
    expect(lines.some((l) => l.applicationId === otherBankLoan || l.applicationId === overdue)).toBe(false);

    const b = await batchOf(db(), batch.id);
    expect(b).toMatchObject({ status: 'prepared', lineCount: lines.length, progressDone: 5, progressTotal: 5 });
    expect(b.totalFen).toBe(lines.reduce((s, l) => s + l.amountFen, 0n));

    // Hand-checked: 300,000 yuan, regime C (s = 0.5 × 3.50 % = 1.75 %), 2026-01-16 .. 03-20 = 64 days → 933.33 yuan.
    const first = lines.find((l) => l.applicationId === plain)!;
    expect(first.amountFen).toBe(93333n);
    expect(first.detail).toMatchObject({
      borrowerName: '贴息借款人', idType: '居民身份证', loanType: '个人', bank: '中国农业银行重庆开州支行', contractDate: '2026-01-15', disbursedDate: '2026-01-16',
      loanAmountFen: '30000000', principalFen: '30000000', lpr: '3.00', contractRate: '3.50', regime: 'C', borrowerRate: '1.75', subsidyRate: '1.75',
      periodStart: '2026-01-16', periodEnd: '2026-03-20', days: 64, overdue: false, extended: false, payee: 'BORROWER', guaranteeReviewer: '测试guarantee_reviewer',
    });
    expect(first.payeeIdMasked).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
    expect(first.payeeIdEnc).toBeTruthy();
    // The mid-period repayment: the balance change is in the line and in its trace.
    const split = lines.find((l) => l.applicationId === repaid)!.detail as { balanceChanges: unknown[]; trace: { segments: unknown[] } };
    expect(split.balanceChanges).toHaveLength(1);
    expect(split.trace.segments.length).toBeGreaterThanOrEqual(2);
    // The enterprise loan is paid to the enterprise, identified by its 统一社会信用代码 (masked).
    const ent = lines.find((l) => l.applicationId === enterprise)!;
    expect(ent.payeeName).toBe('开州区贴息测试有限公司');
    expect(ent.detail).toMatchObject({ idType: '统一社会信用代码', loanType: '小微企业' });
    expect(ent.payeeIdMasked).toBe(`913${'*'.repeat(11)}0Y43`);
    // Regime B, a full quarter period.
    expect(lines.find((l) => l.applicationId === regimeB)!.detail).toMatchObject({ regime: 'B', periodStart: '2025-12-21', periodEnd: '2026-03-20', days: 90 });
  });

  it('progress is visible while the job runs (every page commits), and only to those who may see the batch', async () => {
    const { batch } = await requestClaim(db(), cast.bank, { period: '2025Q4' });
    await expect(runClaimJob(db(), batch.id, { pageSize: 1, crashAfterLines: 0 })).rejects.toBeInstanceOf(InjectedCrashError);
    const mid = await getClaimProgress(db(), cast.bank, batch.id);
    expect(mid).toMatchObject({ status: 'building', progressDone: 1, progressTotal: 1 });
    await expect(getClaimProgress(db(), cast.otherBank, batch.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getClaimProgress(db(), cast.admin, batch.id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await runClaimJob(db(), batch.id, { leaseMs: 0 })).outcome).toBe('prepared');
    expect(await getClaimProgress(db(), cast.hr, batch.id)).toMatchObject({ status: 'prepared', progressDone: 1, progressTotal: 1 });
  });

  it('requesting twice, running the job twice, or twice at once, gives one claim with the same lines', async () => {
    const [a, b] = await Promise.all([requestClaim(db(), cast.bank, { period: '2026Q2' }), requestClaim(db(), cast.bank, { period: '2026Q2' })]);
    expect(a.batch.id).toBe(b.batch.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    const outcomes = await Promise.all([runClaimJob(db(), a.batch.id), runClaimJob(db(), a.batch.id)]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(expect.arrayContaining(['prepared']));
    expect(outcomes.filter((o) => o.outcome === 'prepared')).toHaveLength(1);
    const first = comparable(await linesOf(db(), a.batch.id));
    expect(first.length).toBeGreaterThan(0);
    // Once prepared, another run does nothing, and another request returns the same batch.
    expect((await runClaimJob(db(), a.batch.id)).outcome).toBe('not_building');
    const again = await requestClaim(db(), cast.bank, { period: '2026Q2' });
    expect(again).toMatchObject({ created: false, batch: { id: a.batch.id, status: 'prepared' } });
    expect(comparable(await linesOf(db(), a.batch.id))).toEqual(first);
    const rows = await db().select({ id: subsidyBatches.id }).from(subsidyBatches).where(and(eq(subsidyBatches.period, '2026Q2'), eq(subsidyBatches.kind, 'interest')));
    expect(rows).toHaveLength(1);
    // The Q2 amounts are the engine's too (the overdue spell, 03-01 to the cure on 04-01, reaches into Q2: no subsidy).
    const expected = await expectedLines(db(), abc, '2026Q2');
    expect(new Map(first.map((l) => [l.subjectKey, l.amountFen]))).toEqual(new Map([...expected].map(([k, v]) => [k, v.amount])));
    expect(first.some((l) => l.applicationId === overdue)).toBe(false);
  });

  it('a job killed after N lines leaves the batch building; the rerun throws the partial lines away and gives the uninterrupted result', async () => {
    const { batch } = await requestClaim(db(), cast.bank, { period: '2026Q3' });
    await expect(runClaimJob(db(), batch.id, { pageSize: 1, crashAfterLines: 2 })).rejects.toBeInstanceOf(InjectedCrashError);
    const crashed = await batchOf(db(), batch.id);
    expect(crashed.status).toBe('building');
    const partial = await linesOf(db(), batch.id);
    expect(partial.length).toBeGreaterThanOrEqual(2);
    expect(partial.length).toBeLessThan((await expectedLines(db(), abc, '2026Q3')).size);
    // The dead worker's lease is still fresh: nobody else builds yet.
    expect((await runClaimJob(db(), batch.id)).outcome).toBe('busy');
    // Once stale, the next worker rebuilds from nothing.
    expect((await runClaimJob(db(), batch.id, { leaseMs: 0, pageSize: 3 })).outcome).toBe('prepared');
    const resumed = comparable(await linesOf(db(), batch.id));

    // Killed after the last line, before the batch was marked prepared: the same.
    await db().update(subsidyBatches).set({ status: 'building', progressDone: 0, progressTotal: 0 }).where(eq(subsidyBatches.id, batch.id));
    await expect(runClaimJob(db(), batch.id, { crashAfterLines: resumed.length })).rejects.toBeInstanceOf(InjectedCrashError);
    expect((await batchOf(db(), batch.id)).status).toBe('building');
    expect((await runClaimJob(db(), batch.id, { leaseMs: 0 })).outcome).toBe('prepared');
    expect(comparable(await linesOf(db(), batch.id))).toEqual(resumed);

    // And an uninterrupted run of the same claim gives exactly these lines.
    await db().update(subsidyBatches).set({ status: 'building', progressDone: 0, progressTotal: 0 }).where(eq(subsidyBatches.id, batch.id));
    expect((await runClaimJob(db(), batch.id)).outcome).toBe('prepared');
    expect(comparable(await linesOf(db(), batch.id))).toEqual(resumed);
    const expected = await expectedLines(db(), abc, '2026Q3');
    expect(new Map(resumed.map((l) => [l.subjectKey, l.amountFen]))).toEqual(new Map([...expected].map(([k, v]) => [k, v.amount])));
    // Cured in Q2, the once-overdue loan is subsidised again in Q3 (overduePolicy PERIOD).
    expect(resumed.some((l) => l.applicationId === overdue)).toBe(true);
    const b = await batchOf(db(), batch.id);
    expect(b.lineCount).toBe(resumed.length);
    expect(b.totalFen).toBe(resumed.reduce((s, l) => s + l.amountFen, 0n));
  });

  it('a worker whose lease was taken over can neither add a line nor finish the batch (fencing)', async () => {
    const [bank] = await db().select({ id: organisations.id }).from(organisations).where(eq(organisations.code, 'BANK-PSBC-KZ'));
    const t = new Date();
    const [b] = await db().insert(subsidyBatches).values({ number: 'TX-FENCE', kind: 'interest', period: '2026Q1', bankOrgId: bank.id, round: 0, status: 'building', createdAt: t, updatedAt: t }).returning();
    const first = await takeBuildLease(db(), b.id, 60_000, async () => 3);
    expect(first.ok).toBe(true);
    expect((await takeBuildLease(db(), b.id, 60_000, async () => 3)).ok).toBe(false);
    const second = await takeBuildLease(db(), b.id, 0, async () => 3);
    expect(second.ok).toBe(true);
    const before = await tableCounts(db(), COUNTED);
    await expect(
      db().transaction(async (tx) => {
        await heartbeat(tx, b.id, first.ok ? first.token : new Date(), { status: 'prepared' });
        await tx.insert(subsidyLines).values({ batchId: b.id, seq: 1, subjectKey: 'interest:zombie', payeeName: 'x', amountFen: 1n, detail: {} });
      }),
    ).rejects.toBeInstanceOf(LeaseLostError);
    expect(await tableCounts(db(), COUNTED)).toEqual(before);
    expect((await batchOf(db(), b.id)).status).toBe('building');
    await db().update(subsidyBatches).set({ status: 'failed' }).where(eq(subsidyBatches.id, b.id));
  });

  it('a subject pending or paid in another batch is skipped by the builder; the database refuses a second active line (23505)', async () => {
    // 2025Q3 of the regime-B loan is already pending in another (round 1) batch.
    const [bank] = await db().select({ id: organisations.id }).from(organisations).where(eq(organisations.code, 'BANK-ABC-KZ'));
    const t = new Date();
    const [other] = await db().insert(subsidyBatches).values({ number: 'TX2025Q3-ABC-MANUAL', kind: 'interest', period: '2025Q3', bankOrgId: bank.id, round: 1, status: 'prepared', createdAt: t, updatedAt: t }).returning();
    const subject = `interest:${regimeB}:2025-06-21`;
    await addLinesKeepingTotals(db(), other.id, [{ batchId: other.id, seq: 1, subjectKey: subject, applicationId: regimeB, payeeName: 'x', amountFen: 1n, detail: {} }]);
    const { batch } = await requestClaim(db(), cast.bank, { period: '2025Q3' });
    const r = await runClaimJob(db(), batch.id);
    expect(r).toMatchObject({ outcome: 'prepared', skipped: 1 });
    expect((await linesOf(db(), batch.id)).some((l) => l.subjectKey === subject)).toBe(false);

    // Directly: a second pending line for a pending subject, and for a paid one.
    const [line] = await linesOf(db(), (await requestClaim(db(), cast.bank, { period: '2026Q1' })).batch.id);
    const dup = { batchId: other.id, seq: 2, subjectKey: line.subjectKey, applicationId: line.applicationId, payeeName: 'x', amountFen: line.amountFen, detail: {} };
    await expect(db().insert(subsidyLines).values({ ...dup, status: 'pending' })).rejects.toMatchObject({ cause: { code: '23505' } });
    await db().update(subsidyLines).set({ status: 'paid' }).where(eq(subsidyLines.id, line.id));
    await expect(db().insert(subsidyLines).values({ ...dup, status: 'pending' })).rejects.toMatchObject({ cause: { code: '23505' } });
    await expect(db().insert(subsidyLines).values({ ...dup, status: 'paid' })).rejects.toMatchObject({ cause: { code: '23505' } });
    // A failed line for the same subject is allowed (that is how a failed payment is re-issued).
    await addLinesKeepingTotals(db(), other.id, [{ ...dup, status: 'failed' }]);
    await db().update(subsidyLines).set({ status: 'pending' }).where(eq(subsidyLines.id, line.id));
    const [{ n }] = await db().execute(sql`select count(*)::int as n from (select subject_key from subsidy_lines where status in ('pending','paid') group by 1 having count(*) > 1) x`).then((x) => (x as unknown as { rows: { n: number }[] }).rows);
    expect(n).toBe(0);
  });

  it('a loan the engine cannot compute fails the claim, naming it, with no line left; asking again after the fix builds it', async () => {
    // The other bank's loan gets a rate above the cap (as if mistyped at the bank): the engine refuses it.
    await db().update(loans).set({ annualRateUnits: 49000n }).where(eq(loans.applicationId, otherBankLoan));
    const { batch } = await requestClaim(db(), cast.otherBank, { period: '2026Q1' });
    const r = await runClaimJob(db(), batch.id);
    expect(r.outcome).toBe('failed');
    const failed = await batchOf(db(), batch.id);
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/1 笔贷款无法计算贴息.*HT-/);
    expect(await linesOf(db(), batch.id)).toHaveLength(0);

    await db().update(loans).set({ annualRateUnits: 35000n }).where(eq(loans.applicationId, otherBankLoan));
    const again = await requestClaim(db(), cast.otherBank, { period: '2026Q1' });
    expect(again).toMatchObject({ created: false, batch: { id: batch.id, status: 'building' } });
    expect((await runClaimJob(db(), batch.id)).outcome).toBe('prepared');
    const lines = await linesOf(db(), batch.id);
    expect(lines.map((l) => l.applicationId)).toEqual([otherBankLoan]);
    expect(lines[0].amountFen).toBe(93333n);
  });

  it('only a bank officer may ask, for the own bank and a closed quarter; refusals write nothing', async () => {
    const applicant = await registerTestApplicant(db());
    const before = await tableCounts(db(), COUNTED);
    for (const a of [cast.hr, cast.guarantee, cast.finance, cast.admin, cast.auditor]) {
      await expect(requestClaim(db(), a, { period: '2026Q1' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    const mid = await tableCounts(db(), COUNTED);
    await expect(requestClaim(db(), applicant, { period: '2026Q1' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(requestClaim(db(), cast.bank, { period: '2099Q1' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(requestClaim(db(), cast.bank, { period: '2026-Q1' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(requestClaim(db(), cast.bank, { period: '2026Q1', bankOrgId: 5 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await tableCounts(db(), COUNTED)).toEqual(mid);
    expect(mid).toEqual(before);
    // A bank officer without a bank.
    const [u] = await db().select().from(users).where(eq(users.id, cast.bank.userId));
    const orphan: Actor = { ...cast.bank, orgId: null, userId: u.id };
    await expect(requestClaim(db(), orphan, { period: '2026Q1' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { sql } from 'drizzle-orm';
import { formatYuan } from '@/lib/domain/money';
import { computeSchedule, DEFAULT_CATALOG } from '@/lib/domain/rules';
import type { Actor } from '@/lib/server/auth/actor';
import { DEPLOYMENT_DISTRICT } from '@/lib/server/policy/get-rule-catalog';
import { declareLoanDefault } from '@/lib/server/servicing/declare-loan-default';
import { detectOverdueLoans } from '@/lib/server/servicing/detect-overdue-loans';
import { extendLoan } from '@/lib/server/servicing/extend-loan';
import { getLoanServicing } from '@/lib/server/servicing/get-loan-servicing';
import { markLoanOverdue } from '@/lib/server/servicing/mark-loan-overdue';
import { recordCompensation } from '@/lib/server/servicing/record-compensation';
import { DUPLICATE_BANK_REF_MESSAGE, recordRepayment } from '@/lib/server/servicing/record-repayment';
import { settleLoan } from '@/lib/server/servicing/settle-loan';
import { describeDb } from '../helpers/test-db';
import { ensureReferenceData, tableCounts } from '../helpers/factories';
import { registerTestApplicant, stateOf } from '../helpers/application-fixtures';
import { applicationAt, createCast, type Cast } from '../helpers/workflow-fixtures';

/** Every table a servicing use-case writes to. */
const WRITTEN = ['repayments', 'loan_events', 'loans', 'applications', 'application_events', 'audit_log', 'notifications', 'sms_outbox', 'data_imports'];

/** "Today" in China: 2026-11-26 (noon). */
function freezeAt(isoInstant: string) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(isoInstant));
}
afterEach(() => {
  vi.useRealTimers();
});

describeDb('loan servicing', (ctx) => {
  let cast: Cast;
  beforeAll(async () => {
    await ensureReferenceData(ctx.h.db);
    cast = await createCast(ctx.h.db);
  });
  const db = () => ctx.h.db;
  const v = async (id: string) => (await stateOf(db(), id)).version;
  const counts = () => tableCounts(db(), WRITTEN);
  const repay = async (actor: Actor, id: string, repaidOn: string, principal: string, interest: string, bankRef: string) =>
    recordRepayment(db(), actor, { applicationId: id, version: await v(id), repaidOn, principal, interest, bankRef });
  const eventsOf = (id: string) => ctx.h.query<{ kind: string; effective_date: string; new_maturity_date: string | null }>(`select kind, effective_date::text, new_maturity_date::text from loan_events where application_id = $1 order by id`, [id]);

  it('repayments reduce the outstanding principal; the one that reaches zero settles the loan in the same transaction', async () => {
    freezeAt('2026-11-26T04:00:00Z');
    const { id, applicant } = await applicationAt(db(), cast, 'disbursed');

    const first = await repay(cast.bank, id, '2026-03-20', '100000', '1866.67', 'LS-0001');
    expect(first).toEqual({ state: 'repaying', version: expect.any(Number), outstanding: '200000.00', settled: false });
    const second = await repay(cast.bank, id, '2026-06-20', '150000.50', '1200', 'LS-0002');
    expect(second).toMatchObject({ state: 'repaying', outstanding: '49999.50' });

    // Above the outstanding, before the disbursement, after today: refused, nothing written.
    const before = await counts();
    await expect(repay(cast.bank, id, '2026-07-01', '49999.51', '0', 'LS-X1')).rejects.toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { principal: '还款本金不能超过未还本金 49999.50 元' } });
    await expect(repay(cast.bank, id, '2026-01-15', '1', '0', 'LS-X2')).rejects.toMatchObject({ fieldErrors: { repaidOn: '还款日期不能早于放款日期（2026-01-16）' } });
    await expect(repay(cast.bank, id, '2026-11-27', '1', '0', 'LS-X3')).rejects.toMatchObject({ fieldErrors: { repaidOn: '还款日期不能晚于今天' } });
    await expect(repay(cast.bank, id, '2026-07-01', '0', '0.00', 'LS-X4')).rejects.toMatchObject({ fieldErrors: { principal: '还款本金和利息不能都为 0' } });
    await expect(recordRepayment(db(), cast.bank, { applicationId: id, version: (await v(id)) - 1, repaidOn: '2026-07-01', principal: '1', interest: '0', bankRef: 'LS-X5' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await counts()).toEqual(before);

    const last = await repay(cast.bank, id, '2026-09-20', '49999.50', '300', 'LS-0003');
    expect(last).toMatchObject({ state: 'settled', outstanding: '0.00', settled: true });
    expect(await eventsOf(id)).toEqual([{ kind: 'settled', effective_date: '2026-09-20', new_maturity_date: null }]);
    const audit = await ctx.h.query<{ event: string }>(`select event from audit_log where object_id = $1 and event in ('repayment.record', 'application.settle', 'application.record_repayment') order by seq`, [id]);
    expect(audit.map((a) => a.event)).toEqual(['application.record_repayment', 'repayment.record', 'application.record_repayment', 'repayment.record', 'application.settle', 'repayment.record']);
    const reps = await ctx.h.query<{ principal_fen: string; source: string }>(`select principal_fen::text, source from repayments where application_id = $1 order by id`, [id]);
    expect(reps).toEqual([{ principal_fen: '10000000', source: 'manual' }, { principal_fen: '15000050', source: 'manual' }, { principal_fen: '4999950', source: 'manual' }]);

    // Settled: nothing more can be repaid; the applicant was told.
    const frozen = await counts();
    await expect(repay(cast.bank, id, '2026-10-01', '0', '10', 'LS-0004')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await counts()).toEqual(frozen);
    const notes = await ctx.h.query<{ title: string }>(`select title from notifications where user_id = $1 order by id desc limit 1`, [applicant.userId]);
    expect(notes[0].title).toContain('已结清');
  });

  it('a duplicate bank reference on the same loan is refused with a clear message and writes nothing', async () => {
    freezeAt('2026-11-26T04:00:00Z');
    const { id } = await applicationAt(db(), cast, 'disbursed');
    await repay(cast.bank, id, '2026-03-20', '1000', '0', 'DUP-REF-1');
    const before = await counts();
    const err = await repay(cast.bank, id, '2026-04-20', '2000', '0', 'DUP-REF-1').catch((e) => e);
    expect(err).toMatchObject({ code: 'INVALID_INPUT', userMessage: DUPLICATE_BANK_REF_MESSAGE, fieldErrors: { bankRef: DUPLICATE_BANK_REF_MESSAGE } });
    expect(await counts()).toEqual(before);
    // The same reference on another loan is a different repayment.
    const { id: other } = await applicationAt(db(), cast, 'disbursed');
    await expect(repay(cast.bank, other, '2026-03-20', '1000', '0', 'DUP-REF-1')).resolves.toMatchObject({ state: 'repaying' });
  });

  it("another bank's officer gets NOT_FOUND for every servicing use-case, other roles FORBIDDEN, and nothing is written", async () => {
    freezeAt('2026-11-26T04:00:00Z');
    const { id, applicant } = await applicationAt(db(), cast, 'disbursed');
    const version = await v(id);
    const calls: [string, (a: Actor) => Promise<unknown>][] = [
      ['recordRepayment', (a) => recordRepayment(db(), a, { applicationId: id, version, repaidOn: '2026-03-20', principal: '1000', interest: '0', bankRef: 'X-1' })],
      ['markLoanOverdue', (a) => markLoanOverdue(db(), a, { applicationId: id, version, effectiveDate: '2026-05-01' })],
      ['extendLoan', (a) => extendLoan(db(), a, { applicationId: id, version, newMaturityDate: '2029-06-16', note: '经营周期调整' })],
      ['settleLoan', (a) => settleLoan(db(), a, { applicationId: id, version, settledOn: '2026-11-01' })],
      ['declareLoanDefault', (a) => declareLoanDefault(db(), a, { applicationId: id, version, effectiveDate: '2026-11-01', note: '长期失联' })],
      ['getLoanServicing', (a) => getLoanServicing(db(), a, id)],
    ];
    const stranger = await registerTestApplicant(db());
    const before = await counts();
    for (const [name, call] of calls) {
      await expect(call(cast.otherBank), `${name} by the other bank`).rejects.toMatchObject({ code: 'NOT_FOUND' });
      if (name !== 'getLoanServicing') {
        for (const who of [cast.hr, cast.guarantee, cast.finance, cast.admin, cast.auditor, applicant]) {
          await expect(call(who), `${name} by ${who.role}`).rejects.toMatchObject({ code: 'FORBIDDEN' });
        }
      }
    }
    await expect(recordCompensation(db(), cast.bank, { applicationId: id, version, effectiveDate: '2026-11-01', amount: '1' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // Reading: the finance bureau has no loan scope; another applicant does not see it.
    await expect(getLoanServicing(db(), cast.finance, id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(getLoanServicing(db(), stranger, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await counts()).toEqual(before);
    expect((await stateOf(db(), id)).version).toBe(version);
  });

  it('overdue detection marks only matured loans with outstanding principal, from the day after maturity, and is idempotent', async () => {
    freezeAt('2026-11-26T04:00:00Z');
    const { id: matured } = await applicationAt(db(), cast, 'disbursed'); // matures 2029-01-16
    const { id: partly } = await applicationAt(db(), cast, 'disbursed');
    await repay(cast.bank, partly, '2026-03-20', '299999.99', '100', 'OD-P1');
    const { id: repaid } = await applicationAt(db(), cast, 'disbursed');
    await repay(cast.bank, repaid, '2026-03-20', '300000', '100', 'OD-R1');
    const { id: extended } = await applicationAt(db(), cast, 'disbursed');
    await extendLoan(db(), cast.bank, { applicationId: extended, version: await v(extended), newMaturityDate: '2029-07-16', note: '季节性经营' });

    // The day of maturity is not overdue yet.
    freezeAt('2029-01-16T04:00:00Z');
    const atMaturity = await detectOverdueLoans(db(), cast.bank);
    expect(atMaturity.marked.map((m) => m.applicationId)).not.toContain(matured);

    freezeAt('2029-02-01T04:00:00Z');
    const before = await counts();
    const run = await detectOverdueLoans(db(), cast.bank);
    const ids = run.marked.map((m) => m.applicationId);
    expect(ids).toContain(matured);
    expect(ids).toContain(partly);
    expect(ids).not.toContain(repaid);
    expect(ids).not.toContain(extended);
    expect(run.marked.find((m) => m.applicationId === partly)).toMatchObject({ maturityDate: '2029-01-16', overdueFrom: '2029-01-17', outstanding: '0.01' });
    for (const m of run.marked) expect(m.maturityDate < '2029-02-01').toBe(true);
    expect((await stateOf(db(), matured)).state).toBe('overdue');
    expect((await stateOf(db(), repaid)).state).toBe('settled');
    expect((await stateOf(db(), extended)).state).toBe('extended');
    expect(await eventsOf(matured)).toEqual([{ kind: 'overdue', effective_date: '2029-01-17', new_maturity_date: null }]);
    // One overdue event, one state change, one audit row per marked loan.
    const after = await counts();
    expect(after.loan_events - before.loan_events).toBe(run.marked.length);
    expect(after.application_events - before.application_events).toBe(run.marked.length);

    // Again: nothing changes. Another bank's check never touches these loans.
    const again = await detectOverdueLoans(db(), cast.bank);
    expect(again.marked).toEqual([]);
    expect(await detectOverdueLoans(db(), cast.otherBank)).toMatchObject({ marked: [], active: 0 });
    expect(await counts()).toEqual(after);
    await expect(detectOverdueLoans(db(), cast.guarantee)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    // The extended loan falls overdue after its new maturity.
    freezeAt('2029-07-17T04:00:00Z');
    const later = await detectOverdueLoans(db(), cast.bank);
    expect(later.marked.find((m) => m.applicationId === extended)).toMatchObject({ maturityDate: '2029-07-16', overdueFrom: '2029-07-17' });
  });

  it('extension: once only, at most 12 months beyond the original maturity, with no subsidy for its days', async () => {
    freezeAt('2026-11-26T04:00:00Z');
    const { id } = await applicationAt(db(), cast, 'disbursed'); // matures 2029-01-16
    const ext = async (newMaturityDate: string) => extendLoan(db(), cast.bank, { applicationId: id, version: await v(id), newMaturityDate, note: '受市场影响需延长还款期' });
    const before = await counts();
    await expect(ext('2030-01-17')).rejects.toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { newMaturityDate: '展期最长 12 个月，到期日不能晚于 2030-01-16' } });
    await expect(ext('2029-01-16')).rejects.toMatchObject({ fieldErrors: { newMaturityDate: '展期后的到期日须晚于原到期日（2029-01-16）' } });
    await expect(extendLoan(db(), cast.bank, { applicationId: id, version: await v(id), newMaturityDate: '2029-06-16', note: '' })).rejects.toMatchObject({ fieldErrors: { note: '请填写展期原因' } });
    expect(await counts()).toEqual(before);

    expect(await ext('2030-01-16')).toMatchObject({ state: 'extended', newMaturityDate: '2030-01-16' });
    expect((await eventsOf(id)).at(-1)).toMatchObject({ kind: 'extended', new_maturity_date: '2030-01-16' });
    // A repayment moves it to "repaying"; the transition table would allow `extend` again — the rule does not.
    await repay(cast.bank, id, '2026-11-20', '1000', '0', 'EXT-1');
    expect((await stateOf(db(), id)).state).toBe('repaying');
    const mid = await counts();
    await expect(ext('2029-12-16')).rejects.toMatchObject({ code: 'CONFLICT', userMessage: '每笔贷款只能展期 1 次，该贷款已展期' });
    expect(await counts()).toEqual(mid);

    // The view reports the maturity in force and that the extension is used.
    const view = await getLoanServicing(db(), cast.bank, id);
    expect(view).toMatchObject({ terms: { maturityDate: '2029-01-16', currentMaturityDate: '2030-01-16' }, extension: { used: true, maxMonths: 12, latestDate: '2030-01-16' } });
    // Extension days are never subsidised.
    const extendedPeriods = view!.schedule.periods.filter((p) => p.extended);
    expect(extendedPeriods.length).toBeGreaterThan(0);
    for (const p of extendedPeriods) expect(p.subsidy).toBe('0.00');
  });

  it('overdue → a repayment cures it; overdue → default by the bank → compensation only by the guarantee fund, only when defaulted', async () => {
    freezeAt('2026-11-26T04:00:00Z');
    const { id: cured } = await applicationAt(db(), cast, 'disbursed');
    await markLoanOverdue(db(), cast.bank, { applicationId: cured, version: await v(cured), effectiveDate: '2026-06-21', note: '未按期付息' });
    expect(await repay(cast.bank, cured, '2026-07-05', '0', '2600', 'CURE-1')).toMatchObject({ state: 'repaying' });
    expect((await eventsOf(cured)).map((e) => [e.kind, e.effective_date])).toEqual([['overdue', '2026-06-21'], ['cured', '2026-07-05']]);

    const { id } = await applicationAt(db(), cast, 'disbursed');
    const comp = async (actor: Actor, amount: string, effectiveDate = '2026-11-20') => recordCompensation(db(), actor, { applicationId: id, version: await v(id), effectiveDate, amount });
    const decl = async (effectiveDate: string) => declareLoanDefault(db(), cast.bank, { applicationId: id, version: await v(id), effectiveDate, note: '借款人失联，经催收无果' });

    let before = await counts();
    await expect(decl('2026-11-01')).rejects.toMatchObject({ code: 'CONFLICT' }); // not overdue
    await expect(comp(cast.guarantee, '1000')).rejects.toMatchObject({ code: 'CONFLICT', userMessage: '只有已认定违约的贷款才能代偿' });
    expect(await counts()).toEqual(before);

    await markLoanOverdue(db(), cast.bank, { applicationId: id, version: await v(id), effectiveDate: '2026-09-21' });
    before = await counts();
    await expect(comp(cast.guarantee, '1000')).rejects.toMatchObject({ code: 'CONFLICT' }); // overdue, not defaulted
    await expect(decl('2026-09-20')).rejects.toMatchObject({ fieldErrors: { effectiveDate: '违约认定日期不能早于逾期起始日（2026-09-21）' } });
    expect(await counts()).toEqual(before);
    expect(await decl('2026-11-01')).toMatchObject({ state: 'defaulted' });

    before = await counts();
    await expect(comp(cast.bank, '1000')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(comp(cast.hr, '1000')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(comp(cast.guarantee, '1000', '2026-10-31')).rejects.toMatchObject({ fieldErrors: { effectiveDate: '代偿日期不能早于违约认定日期（2026-11-01）' } });
    const tooMuch = await comp(cast.guarantee, '400000').catch((e) => e);
    expect(tooMuch.fieldErrors.amount).toMatch(/^代偿金额不能超过未还本金与未付利息之和 3\d{5}\.\d\d 元$/);
    expect(await counts()).toEqual(before);

    expect(await comp(cast.guarantee, '300000')).toMatchObject({ state: 'compensated' });
    expect((await eventsOf(id)).map((e) => e.kind)).toEqual(['overdue', 'defaulted', 'compensated']);
    const [c] = await ctx.h.query<{ amount_fen: string }>(`select amount_fen::text from loan_events where application_id = $1 and kind = 'compensated'`, [id]);
    expect(c.amount_fen).toBe('30000000');
  });

  it('settle: refused while principal is outstanding', async () => {
    freezeAt('2026-11-26T04:00:00Z');
    const { id } = await applicationAt(db(), cast, 'disbursed');
    await repay(cast.bank, id, '2026-03-20', '1000', '0', 'ST-1');
    const before = await counts();
    await expect(settleLoan(db(), cast.bank, { applicationId: id, version: await v(id), settledOn: '2026-11-01' })).rejects.toMatchObject({ code: 'CONFLICT', userMessage: expect.stringContaining('尚有未还本金 299000.00 元') });
    expect(await counts()).toEqual(before);
  });

  it("the servicing view's schedule is the rules engine's schedule for the same loan, repayments and overdue spell", async () => {
    freezeAt('2026-11-26T04:00:00Z');
    const { id, applicant } = await applicationAt(db(), cast, 'disbursed');
    await repay(cast.bank, id, '2026-03-25', '100000', '1866.67', 'SCH-1');
    await markLoanOverdue(db(), cast.bank, { applicationId: id, version: await v(id), effectiveDate: '2026-07-01', note: '未按期还款' });
    await repay(cast.bank, id, '2026-08-10', '50000', '500', 'SCH-2'); // cures: overdue 2026-07-01 .. 2026-08-09
    await repay(cast.bank, id, '2026-09-01', '0', '300', 'SCH-3'); // interest only: the balance does not change

    const view = await getLoanServicing(db(), applicant, id);
    expect(view).not.toBeNull();
    const expected = computeSchedule(
      {
        district: DEPLOYMENT_DISTRICT,
        borrowerType: 'individual',
        principal: 30_000_000n,
        contractDate: '2026-01-15',
        disbursedDate: '2026-01-16',
        maturityDate: '2029-01-16',
        annualRate: 35_000n,
        repayments: [{ date: '2026-03-25', principal: 10_000_000n }, { date: '2026-08-10', principal: 5_000_000n }],
        overdue: [{ from: '2026-07-01', to: '2026-08-09' }],
      },
      '2026-11-26',
      DEFAULT_CATALOG,
    );
    expect(view!.asOf).toBe('2026-11-26');
    expect(view!.schedule.periods).toHaveLength(expected.periods.length);
    expect(view!.schedule.periods.map((p) => [p.periodStart, p.periodEnd, p.days, p.status, p.interest, p.subsidy, p.borrowerInterest, p.overdue])).toEqual(
      expected.periods.map((p) => [p.periodStart, p.periodEnd, p.interest.days, p.status, formatYuan(p.interest.totalInterest), formatYuan(p.interest.subsidy), formatYuan(p.interest.borrowerInterest), p.overdue]),
    );
    expect(view!.schedule.totals).toEqual({ interest: formatYuan(expected.totals.totalInterest), subsidy: formatYuan(expected.totals.subsidy), borrowerInterest: formatYuan(expected.totals.borrowerInterest) });

    // By hand, period 1 (no repayment inside): 2026-01-16 .. 2026-03-20 is 16 + 28 + 20 = 64 days;
    // 300000 × 3.50% × 64 / 360 = 1866.666… → 1866.67; regime C subsidises half the rate: 933.33, the borrower pays 933.34.
    // Period 2 splits at the repayment day (算头不算尾: the new balance counts from that day):
    // 300000 × 3.50% × 4 / 360 + 200000 × 3.50% × 88 / 360 = 116.666… + 1711.111… = 1827.777… → 1827.78.
    expect(view!.schedule.periods[0]).toMatchObject({ periodStart: '2026-01-16', periodEnd: '2026-03-20', days: 64, interest: '1866.67', subsidy: '933.33', borrowerInterest: '933.34', status: 'closed', subsidyStatus: 'pending' });
    expect(view!.schedule.periods[1]).toMatchObject({ periodStart: '2026-03-21', periodEnd: '2026-06-20', days: 92, interest: '1827.78' });
    // Period 3 (2026-06-21 .. 2026-09-20) holds the overdue spell: no subsidy.
    expect(view!.schedule.periods[2]).toMatchObject({ periodStart: '2026-06-21', periodEnd: '2026-09-20', overdue: true, subsidy: '0.00', subsidyStatus: 'none' });
    expect(view).toMatchObject({ state: 'repaying', outstanding: '150000.00', repaidPrincipal: '150000.00', repaidInterest: '2666.67', overdueSince: null });
    expect(view!.repayments.map((r) => r.bankRef)).toEqual(['SCH-1', 'SCH-2', 'SCH-3']);
    expect(view!.repayments[0].recordedBy).toBeNull(); // the applicant is not shown who entered it
    expect(view!.events.map((e) => e.kind)).toEqual(['overdue', 'cured']);
    expect(view!.actions).toEqual([]);
    expect((await getLoanServicing(db(), cast.bank, id))!.actions).toEqual(expect.arrayContaining(['record_repayment', 'mark_overdue', 'settle']));

    // A subsidy line the disbursement module marked paid shows as paid for its period.
    // (Written while the batch is prepared, with its count and total, then reconciled: the database accepts nothing else.)
    await db().transaction(async (tx) => {
      const { rows: [batch] } = (await tx.execute(
        sql`insert into subsidy_batches (number, kind, period, status, line_count, total_fen, created_at, updated_at) values ('TX-2026Q1-T', 'interest', '2026Q1', 'prepared', 1, 93333, now(), now()) returning id`,
      )) as unknown as { rows: { id: string }[] };
      await tx.execute(sql`insert into subsidy_lines (batch_id, seq, subject_key, application_id, payee_name, amount_fen, detail, status, settled_at)
        values (${batch.id}, 1, ${`interest:${id}:2026-03-20`}, ${id}, '测试人', 93333, ${JSON.stringify({ periodStart: '2026-01-16', periodEnd: '2026-03-20' })}::jsonb, 'paid', now())`);
      await tx.execute(sql`update subsidy_batches set status = 'reconciled' where id = ${batch.id}`);
    });
    const paid = await getLoanServicing(db(), applicant, id);
    expect(paid!.subsidiesPaid).toEqual([expect.objectContaining({ amount: '933.33', periodStart: '2026-01-16', periodEnd: '2026-03-20' })]);
    expect(paid!.schedule.periods[0].subsidyStatus).toBe('paid');
    expect(paid!.schedule.periods[1].subsidyStatus).toBe('pending');
  });

  it('no servicing view before disbursement', async () => {
    const { id } = await applicationAt(db(), cast, 'contracted');
    expect(await getLoanServicing(db(), cast.bank, id)).toBeNull();
    const before = await counts();
    await expect(recordRepayment(db(), cast.bank, { applicationId: id, version: await v(id), repaidOn: '2026-03-20', principal: '1', interest: '0', bankRef: 'PRE-1' })).rejects.toMatchObject({ code: 'CONFLICT', userMessage: '该贷款尚未放款' });
    expect(await counts()).toEqual(before);
  });
});

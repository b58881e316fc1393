import { beforeAll, expect, it } from 'vitest';
import { recordContract } from '@/lib/server/review/record-contract';
import { recordDisbursement } from '@/lib/server/review/record-disbursement';
import { decryptPii } from '@/lib/server/crypto/pii';
import { describeDb } from '../helpers/test-db';
import { ensureReferenceData, tableCounts } from '../helpers/factories';
import { stateOf } from '../helpers/application-fixtures';
import { applicationAt, createCast, type Cast } from '../helpers/workflow-fixtures';

describeDb('contract and disbursement', (ctx) => {
  let cast: Cast;
  beforeAll(async () => {
    await ensureReferenceData(ctx.h.db);
    cast = await createCast(ctx.h.db);
  });

  it('the engine refuses a rate above the cap in force on the contract date (regime C: LPR 3.00 + 0.50), the cap itself is accepted', async () => {
    const { id } = await applicationAt(ctx.h.db, cast, 'approved');
    const base = { applicationId: id, contractNo: 'HT-CAP-1', principal: '300000', termMonths: 36, contractDate: '2026-03-02' };
    const before = await tableCounts(ctx.h.db, ['loans', 'audit_log', 'application_events']);
    const err = await recordContract(ctx.h.db, cast.bank, { ...base, version: (await stateOf(ctx.h.db, id)).version, annualRate: '3.5001' }).catch((e) => e);
    expect(err).toMatchObject({ code: 'INVALID_INPUT' });
    expect(err.fieldErrors.annualRate).toMatch(/超过上限 3\.50%/);
    expect(await tableCounts(ctx.h.db, ['loans', 'audit_log', 'application_events'])).toEqual(before);

    const ok = await recordContract(ctx.h.db, cast.bank, { ...base, version: (await stateOf(ctx.h.db, id)).version, annualRate: '3.50' });
    expect(ok.state).toBe('contracted');
    const [loan] = await ctx.h.query<{ maturity_date: string; rate_check: { rateCap: string; regime: string } }>(`select maturity_date::text, rate_check from loans where application_id = $1`, [id]);
    expect(loan).toMatchObject({ maturity_date: '2029-03-02', rate_check: { rateCap: '3.50', regime: 'C' } });
  });

  it('refuses a contract above the amount applied for, and a disbursement above the contract or before it', async () => {
    const { id } = await applicationAt(ctx.h.db, cast, 'approved');
    await expect(
      recordContract(ctx.h.db, cast.bank, { applicationId: id, version: (await stateOf(ctx.h.db, id)).version, contractNo: 'HT-BIG', principal: '300000.01', annualRate: '3.00', termMonths: 36, contractDate: '2026-03-02' }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { principal: '合同金额不能超过申请金额' } });

    const { id: c } = await applicationAt(ctx.h.db, cast, 'contracted');
    const v = (await stateOf(ctx.h.db, c)).version;
    await expect(recordDisbursement(ctx.h.db, cast.bank, { applicationId: c, version: v, disbursedDate: '2026-01-20', amount: '300000.01', drawdownNo: 'JJ-1', payoutAccount: '6228 4800 1000 0000 003' })).rejects.toMatchObject({ fieldErrors: { amount: '放款金额不能超过合同金额' } });
    await expect(recordDisbursement(ctx.h.db, cast.bank, { applicationId: c, version: v, disbursedDate: '2026-01-14', amount: '1000', drawdownNo: 'JJ-1', payoutAccount: '6228 4800 1000 0000 003' })).rejects.toMatchObject({ fieldErrors: { disbursedDate: '放款日期不能早于签约日期' } });
    // The account the loan was paid into is required and must be digits.
    for (const [payoutAccount, message] of [[undefined, '请填写收款账号'], ['6228-ABC', '银行账号应为 8 至 30 位数字'], ['1234567', '银行账号应为 8 至 30 位数字']] as const) {
      await expect(recordDisbursement(ctx.h.db, cast.bank, { applicationId: c, version: v, disbursedDate: '2026-01-20', amount: '300000', drawdownNo: 'JJ-1', ...(payoutAccount === undefined ? {} : { payoutAccount }) })).rejects.toMatchObject({ code: 'INVALID_INPUT', fieldErrors: { payoutAccount: message } });
    }
    expect((await stateOf(ctx.h.db, c)).state).toBe('contracted');
    expect((await recordDisbursement(ctx.h.db, cast.bank, { applicationId: c, version: v, disbursedDate: '2026-01-20', amount: '300000', drawdownNo: 'JJ-1', payoutAccount: '6228 4800 1000 0000 003' })).state).toBe('disbursed');
    // The term runs from the disbursement day; the account is stored encrypted, with a masked copy.
    const [loan] = await ctx.h.query<{ maturity_date: string; payout_account_enc: string; payout_account_masked: string }>(`select maturity_date::text, payout_account_enc, payout_account_masked from loans where application_id = $1`, [c]);
    expect(loan.maturity_date).toBe('2029-01-20');
    expect(loan.payout_account_masked).toBe('6228***********0003');
    expect(loan.payout_account_enc).not.toContain('6228480010000000003');
    expect(decryptPii(loan.payout_account_enc)).toBe('6228480010000000003');
  });

  it('each decision notifies the applicant in the portal and queues an SMS without personal data', async () => {
    const { id, applicant } = await applicationAt(ctx.h.db, cast, 'pending_bank');
    const notes = await ctx.h.query<{ title: string }>(`select title from notifications where user_id = $1 order by id`, [applicant.userId]);
    expect(notes.map((n) => n.title)).toEqual([expect.stringContaining('待担保审核'), expect.stringContaining('待银行审批')]);
    const sms = await ctx.h.query<{ body: string; status: string }>(`select body, status from sms_outbox where user_id = $1 order by id`, [applicant.userId]);
    expect(sms).toHaveLength(2);
    expect(sms[0]).toMatchObject({ status: 'pending' });
    expect(sms[0].body).not.toMatch(/\d{17}[\dX]/);
    expect(id).toBeTruthy();
  });
});

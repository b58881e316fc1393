/**
 * The quarterly 贴息 claim, pinned: a fixed data set (the benchmark's deterministic seeder, plus
 * loans that mature, are extended, fall overdue or are settled inside the quarter, guarantee
 * reviews and payout accounts) must give exactly the lines, traces and list bytes that the
 * claim code gave before it was made fast (the digests below were taken with that code). Any
 * change to the claim's output — an amount, a trace field, a line's order — fails here.
 */
import crypto from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { organisations, subsidyLines } from '@/db/schema';
import { ensureClaimBatch } from '@/lib/server/claims/request-claim';
import { runClaimJob } from '@/lib/server/claims/run-claim-job';
import { decryptPii, encryptPii } from '@/lib/server/crypto/pii';
import { hashBatchExport } from '@/lib/server/batches/render-batch-export';
import type { ExportBatchInfo } from '@/lib/domain/subsidy-batches/disbursement-list';
import { BENCH_BANK, seedLoans } from '../../scripts/bench-claims';
import { ensureReferenceData } from '../helpers/factories';
import { describeDb } from '../helpers/test-db';

const LOANS = 240;
const PERIOD = '2026Q2';

/**
 * Taken with the claim code as it was before the speed-up (commit 54f1cb8). The four list digests were
 * re-taken when the list gained its print layout (填报单位 / 单位：元, the 大写 total and signature rows,
 * page setup and the 12-column paper sheet); the lines and their traces are unchanged.
 */
const PINNED = {
  lines: 238,
  totalFen: '20700407',
  linesSha256: '0eec764f3eaeaae672f223cd54e134edc4e3aad5d7a87087a697221e21f86439',
  xlsxMaskedSha256: 'cfb2a1b06e8e13b788535a73877393c1216d008889a830ec9719934579f67ba5',
  csvMaskedSha256: '855fcc2aa1871054f073975b8c57a3b179412daa3593144aaaf6bda6cd842fbb',
  xlsxPaymentSha256: '67bf6fa7f2c8f8d14d23b8b7a03e68d586702f771ccc9d53ecef13ca5d37a6de',
  csvPaymentSha256: '2bda697f6d4eb078b28234a848471a3b5722e72eb376a1a74a50a0fb22438d1d',
};

const json = (v: unknown) => JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? `${x}n` : x));

describeDb('the quarterly claim gives the pinned lines, traces and list bytes', (ctx) => {
  const db = () => ctx.h.db;
  let batchId: string;
  let bankName: string;

  beforeAll(async () => {
    await ensureReferenceData(db());
    await seedLoans(ctx.h, LOANS);
    const q = ctx.h.query;
    const apps = await q<{ id: string; number: string; recorded_by: string }>(
      `select a.id, a.number, l.recorded_by from applications a join loans l on l.application_id = a.id where a.number like 'KZB%' order by a.number`,
    );
    const at = (n: number) => apps[n];
    // Inside 2026Q2: a loan maturing (its last period ends mid-quarter), one extended past that
    // maturity (the extension starts a new, unsubsidised period), one falling overdue and
    // staying so, one settled in full, one settled before the quarter.
    await q(`update loans set maturity_date = '2026-05-10' where application_id = any($1::uuid[])`, [[at(3).id, at(4).id]]);
    await q(`insert into loan_events (application_id, kind, effective_date, new_maturity_date, recorded_by, created_at) values ($1, 'extended', '2026-05-01', '2026-11-10', $2, now())`, [at(4).id, at(4).recorded_by]);
    await q(`insert into loan_events (application_id, kind, effective_date, recorded_by, created_at) values ($1, 'overdue', '2026-04-15', $2, now())`, [at(5).id, at(5).recorded_by]);
    for (const [n, on] of [[6, '2026-05-20'], [7, '2026-02-11']] as const) {
      await q(
        `insert into repayments (application_id, repaid_on, principal_fen, interest_fen, bank_ref, source, recorded_by, created_at)
         select application_id, $2::date, disbursed_fen - coalesce((select sum(principal_fen) from repayments r where r.application_id = l.application_id), 0), 0, 'PIN-SETTLE', 'import', recorded_by, now()
           from loans l where application_id = $1`,
        [at(n).id, on],
      );
    }
    // Guarantee reviews (the 担保审核 columns) and payout accounts (the payment variant).
    const [reviewer] = await q<{ id: string }>(`insert into users (username, real_name, role, password_hash) values ('pin_guarantee', '担保审核员甲', 'guarantee_reviewer', 'x') returning id`);
    for (let n = 0; n < 12; n++) {
      await q(
        `insert into application_events (application_id, at, actor_id, actor_role, action, from_state, to_state) values ($1, $2, $3, 'guarantee_reviewer', 'approve', 'pending_guarantee', 'pending_bank')`,
        [at(n * 7).id, `2025-0${1 + (n % 9)}-1${n % 10}T09:30:00+08:00`, reviewer.id],
      );
    }
    for (let n = 0; n < 20; n++) {
      const account = `62284800100000${String(n).padStart(5, '0')}`;
      await q(`update loans set payout_account_enc = $2, payout_account_masked = $3 where application_id = $1`, [at(n * 5 + 1).id, encryptPii(account), `6228 **** **** ${account.slice(-4)}`]);
    }
    const [bank] = await db().select({ id: organisations.id, name: organisations.name }).from(organisations).where(eq(organisations.code, BENCH_BANK));
    bankName = bank.name;
    const { batch } = await db().transaction((tx) => ensureClaimBatch(tx, { bankOrgId: bank.id, period: PERIOD, preparedBy: null, actor: null, now: new Date() }));
    batchId = batch.id;
    // Small pages, so the sample crosses page boundaries as a large claim does.
    const r = await runClaimJob(db(), batch.id, { pageSize: 50 });
    expect(r.outcome).toBe('prepared');
  });

  it('the lines and their traces', async () => {
    const rows = await db().select().from(subsidyLines).where(eq(subsidyLines.batchId, batchId)).orderBy(asc(subsidyLines.seq));
    const h = crypto.createHash('sha256');
    for (const l of rows) {
      // The encrypted copies differ on every encryption (random IV): their plain text is pinned.
      // The columns added later (issue 11) are not part of the pinned digest; they are checked below.
      const { id: _, batchId: __, payeeIdEnc, payeeAccountEnc, createdAt: ___, updatedAt: ____, lineKind, correctsLineId, beforeFen, afterFen, periodStart, periodEnd, ...rest } = l as typeof l & { createdAt?: unknown; updatedAt?: unknown };
      const detail = l.detail as { periodStart: string; periodEnd: string };
      expect({ lineKind, correctsLineId, beforeFen, afterFen, periodStart, periodEnd }).toEqual({ lineKind: 'payment', correctsLineId: null, beforeFen: null, afterFen: null, periodStart: detail.periodStart, periodEnd: detail.periodEnd });
      h.update(`${json({ ...rest, payeeId: payeeIdEnc ? decryptPii(payeeIdEnc) : null, payeeAccount: payeeAccountEnc ? decryptPii(payeeAccountEnc) : null })}\n`);
    }
    const total = rows.reduce((s, l) => s + l.amountFen, 0n);
    expect({ lines: rows.length, totalFen: total.toString(), linesSha256: h.digest('hex') }).toEqual({ lines: PINNED.lines, totalFen: PINNED.totalFen, linesSha256: PINNED.linesSha256 });
  });

  it('the disbursement list, both formats and both variants', async () => {
    const rows = await db().select({ n: subsidyLines.seq, a: subsidyLines.amountFen }).from(subsidyLines).where(eq(subsidyLines.batchId, batchId));
    const base = {
      kind: 'interest', number: `TX${PERIOD}-${BENCH_BANK}-R0`, period: PERIOD, round: 0, bankName, lineCount: rows.length,
      totalFen: rows.reduce((s, l) => s + l.a, 0n), hrReview: { by: '人社审核员甲', on: '2026-07-01' }, financeReview: { by: '财政审核员乙', on: '2026-07-02' },
    } as const;
    const got: Record<string, string> = {};
    for (const variant of ['masked', 'payment'] as const) {
      const info: ExportBatchInfo = { ...base, variant };
      for (const format of ['xlsx', 'csv'] as const) got[`${format}${variant === 'masked' ? 'Masked' : 'Payment'}Sha256`] = (await hashBatchExport(db(), info, batchId, format)).sha256;
    }
    expect(got).toEqual({ xlsxMaskedSha256: PINNED.xlsxMaskedSha256, csvMaskedSha256: PINNED.csvMaskedSha256, xlsxPaymentSha256: PINNED.xlsxPaymentSha256, csvPaymentSha256: PINNED.csvPaymentSha256 });
  });
});

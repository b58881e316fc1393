/**
 * The money invariants the database holds by itself (migrations 0019–0020), tried with plain
 * SQL as the app's role: whatever a use-case (or a bug, or someone with the app's password)
 * sends, the database refuses, and nothing is written.
 *  - payment lines are never negative; a correction names the line it corrects and its
 *    amount is exactly after − before (CHECK);
 *  - no two active lines of one loan cover the same day (EXCLUDE USING gist, btree_gist);
 *  - once a batch has left 'prepared' its lines are frozen, except the payment result written
 *    once by reconciliation; the batch only moves forward (triggers);
 *  - at commit, a batch's line count and total are its lines' (deferred constraint trigger).
 */
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { seedLoans } from '../../scripts/bench-claims';
import { ensureReferenceData } from '../helpers/factories';
import { describeDb, type DbCtx } from '../helpers/test-db';

type PgErr = Error & { code?: string; constraint?: string; cause?: { code?: string; constraint?: string; message?: string } };
const codeOf = (e: unknown) => (e as PgErr).code ?? (e as PgErr).cause?.code;
const messageOf = (e: unknown) => `${(e as PgErr).message} ${(e as PgErr).cause?.message ?? ''}`;

describeDb('money invariants in the database', (ctx: DbCtx) => {
  let apps: string[];
  let bankId: number;

  /** Several statements in one transaction as the app role (so deferred checks run at its commit). */
  const inTx = (...stmts: string[]) =>
    ctx.h.db.transaction(async (tx) => {
      for (const s of stmts) await tx.execute(sql.raw(s));
    });
  const refused = async (run: () => Promise<unknown>, code: string, text?: RegExp) => {
    const before = await snapshot();
    const err = await run().then(() => null, (e: unknown) => e);
    expect(err, 'expected a refusal').not.toBeNull();
    expect(codeOf(err)).toBe(code);
    if (text) expect(messageOf(err)).toMatch(text);
    expect(await snapshot()).toEqual(before);
  };
  const snapshot = async () =>
    ctx.owner.query(`select b.id, b.status, b.line_count, b.total_fen::text, (select coalesce(json_agg(json_build_object('seq', l.seq, 'a', l.amount_fen::text, 's', l.status, 'n', l.payee_name) order by l.seq), '[]') from subsidy_lines l where l.batch_id = b.id) as lines from subsidy_batches b order by b.number`);

  let n = 0;
  /** A batch with lines (amount, period start, period end, status, app index), built while 'prepared' and then moved to `status`. */
  async function batch(status: 'prepared' | 'verified' | 'approved' | 'exported' | 'reconciled', lines: [bigint, string, string, string?, number?][]): Promise<string> {
    const id = crypto.randomUUID();
    const number = `INV-${++n}`;
    const total = lines.reduce((s, l) => s + l[0], 0n);
    const values = lines
      .map(([a, from, to, st = 'pending', app = 0], i) => `('${id}', ${i + 1}, 'interest:${apps[app]}:${from}:${number}', '${apps[app]}', '某借款人', ${a}, '{}'::jsonb, '${st}', '${from}', '${to}')`)
      .join(', ');
    await inTx(
      `insert into subsidy_batches (id, number, kind, period, bank_org_id, round, status, line_count, total_fen, created_at, updated_at) values ('${id}', '${number}', 'interest', '2026Q${n}', ${bankId}, 0, 'prepared', ${lines.length}, ${total}, now(), now())`,
      ...(lines.length ? [`insert into subsidy_lines (batch_id, seq, subject_key, application_id, payee_name, amount_fen, detail, status, period_start, period_end) values ${values}`] : []),
    );
    const path = ['prepared', 'verified', 'approved', 'exported', 'reconciled'];
    for (const next of path.slice(1, path.indexOf(status) + 1)) await ctx.h.query(`update subsidy_batches set status = $2 where id = $1`, [id, next]);
    return id;
  }
  const lineId = async (batchId: string, seq = 1) => (await ctx.h.query<{ id: string }>(`select id::text from subsidy_lines where batch_id = $1 and seq = $2`, [batchId, seq]))[0].id;
  /** Add one line to a prepared batch keeping its count and total, in one transaction. */
  const addLine = (batchId: string, seq: number, cols: Record<string, string>) => {
    const names = ['batch_id', 'seq', 'payee_name', 'detail', ...Object.keys(cols)];
    const vals = [`'${batchId}'`, String(seq), `'某借款人'`, `'{}'::jsonb`, ...Object.values(cols)];
    return inTx(
      `insert into subsidy_lines (${names.join(', ')}) values (${vals.join(', ')})`,
      `update subsidy_batches set line_count = line_count + 1, total_fen = total_fen + ${cols.amount_fen} where id = '${batchId}'`,
    );
  };

  beforeAll(async () => {
    await ensureReferenceData(ctx.h.db);
    await seedLoans(ctx.h, 4);
    apps = (await ctx.h.query<{ id: string }>(`select application_id as id from loans order by application_id`)).map((r) => r.id);
    bankId = (await ctx.h.query<{ bank_org_id: number }>(`select bank_org_id from loans limit 1`))[0].bank_org_id;
  });

  it('CHECK: a payment or supplementary line is never negative; a correction links its line and is exactly after − before, never zero', async () => {
    const b = await batch('prepared', [[1000n, '2025-12-21', '2026-03-20']]);
    const orig = await lineId(b);
    const app = `'${apps[1]}'`;
    await refused(() => addLine(b, 2, { subject_key: `'neg'`, application_id: app, amount_fen: '-1' }), '23514', /subsidy_lines_amount_nonnegative/);
    await refused(() => addLine(b, 2, { subject_key: `'neg'`, line_kind: `'supplement'`, amount_fen: '-5' }), '23514', /subsidy_lines_amount_nonnegative/);
    // A correction without the line it corrects, a link on a payment line, wrong arithmetic, zero, a negative "after".
    const corr = (extra: Record<string, string>) => addLine(b, 2, { subject_key: `'c'`, line_kind: `'correction'`, ...extra });
    await refused(() => corr({ amount_fen: '-100', before_fen: '1000', after_fen: '900' }), '23514', /subsidy_lines_correction_consistent/);
    await refused(() => addLine(b, 2, { subject_key: `'p'`, amount_fen: '5', corrects_line_id: orig }), '23514', /subsidy_lines_correction_consistent/);
    await refused(() => corr({ amount_fen: '-50', before_fen: '1000', after_fen: '900', corrects_line_id: orig }), '23514', /subsidy_lines_correction_consistent/);
    await refused(() => corr({ amount_fen: '0', before_fen: '1000', after_fen: '1000', corrects_line_id: orig }), '23514', /subsidy_lines_correction_consistent/);
    await refused(() => corr({ amount_fen: '-1100', before_fen: '1000', after_fen: '-100', corrects_line_id: orig }), '23514', /subsidy_lines_correction_consistent/);
    await refused(() => corr({ amount_fen: '100', before_fen: '1000', after_fen: '900', corrects_line_id: orig }), '23514', /subsidy_lines_correction_consistent/);
    await refused(() => addLine(b, 2, { subject_key: `'x'`, amount_fen: '5', period_start: `'2026-01-02'`, period_end: `'2026-01-01'` }), '23514', /subsidy_lines_period_order/);
    // Consistent: accepted, negative (追回) and positive (补差) alike.
    await corr({ amount_fen: '-100', before_fen: '1000', after_fen: '900', corrects_line_id: orig });
    const rows = await ctx.h.query<{ amount_fen: string; line_kind: string }>(`select amount_fen::text, line_kind from subsidy_lines where batch_id = $1 order by seq`, [b]);
    expect(rows).toEqual([{ amount_fen: '1000', line_kind: 'payment' }, { amount_fen: '-100', line_kind: 'correction' }]);
    // A second active correction of the same line: refused (a later change corrects the correction).
    await refused(() => addLine(b, 3, { subject_key: `'c2'`, line_kind: `'correction'`, amount_fen: '-50', before_fen: '1000', after_fen: '950', corrects_line_id: orig }), '23505', /subsidy_lines_corrects_active_key/);
  });

  it('EXCLUDE: two active lines of one loan for the same or an overlapping period are refused, in one batch or two; failed lines and other loans are not', async () => {
    const b = await batch('prepared', [[500n, '2026-03-21', '2026-06-20', 'pending', 2]]);
    const line = (seq: number, from: string, to: string, extra: Record<string, string> = {}) =>
      addLine(b, seq, { subject_key: `'s${seq}'`, application_id: `'${apps[2]}'`, amount_fen: '7', period_start: `'${from}'`, period_end: `'${to}'`, ...extra });
    await refused(() => line(2, '2026-03-21', '2026-06-20'), '23P01', /subsidy_lines_no_overlap/);
    await refused(() => line(2, '2026-05-01', '2026-05-31'), '23P01', /subsidy_lines_no_overlap/);
    await refused(() => line(2, '2026-06-20', '2026-09-20', { status: `'paid'` }), '23P01', /subsidy_lines_no_overlap/);
    await refused(() => line(2, '2026-01-01', '2026-03-21', { line_kind: `'supplement'` }), '23P01', /subsidy_lines_no_overlap/);
    // In another batch: the same.
    const other = await batch('prepared', []);
    await refused(
      () => addLine(other, 1, { subject_key: `'o1'`, application_id: `'${apps[2]}'`, amount_fen: '7', period_start: `'2026-04-01'`, period_end: `'2026-04-30'` }),
      '23P01',
      /subsidy_lines_no_overlap/,
    );
    // Adjacent periods, a failed line for the same period, and another loan's same period: accepted.
    await line(2, '2026-06-21', '2026-09-20');
    await line(3, '2026-03-21', '2026-06-20', { status: `'failed'` });
    await addLine(b, 4, { subject_key: `'s4'`, application_id: `'${apps[3]}'`, amount_fen: '7', period_start: `'2026-03-21'`, period_end: `'2026-06-20'` });
    // Turning the failed line active again would overlap: refused.
    await refused(() => ctx.h.query(`update subsidy_lines set status = 'pending' where batch_id = $1 and seq = 3`, [b]), '23P01', /subsidy_lines_no_overlap/);
  });

  it('frozen: once a batch has left prepared, no line is added, removed or changed — reconciliation may only set a pending line paid or failed', async () => {
    for (const [i, status] of (['verified', 'approved', 'exported', 'reconciled'] as const).entries()) {
      const y = 2010 + 2 * i;
      const b = await batch(status, [[300n, `${y}-03-21`, `${y}-06-20`, 'pending', 0], [400n, `${y}-06-21`, `${y}-09-20`, 'pending', 0]]);
      const frozen = /frozen|no line may be added/;
      await refused(() => addLine(b, 3, { subject_key: `'late-${status}'`, amount_fen: '0' }), '23000', frozen);
      await refused(() => ctx.h.query(`update subsidy_lines set amount_fen = 301 where batch_id = $1 and seq = 1`, [b]), '23000', frozen);
      await refused(() => ctx.h.query(`update subsidy_lines set payee_name = '别人' where batch_id = $1 and seq = 1`, [b]), '23000', frozen);
      await refused(() => ctx.h.query(`delete from subsidy_lines where batch_id = $1 and seq = 2`, [b]), '23000', frozen);
      // Moving a line into a frozen batch, or out of one.
      const open = await batch('prepared', [[9n, `${y + 1}-03-21`, `${y + 1}-06-20`, 'pending', 0]]);
      await refused(() => ctx.h.query(`update subsidy_lines set batch_id = $1 where batch_id = $2`, [b, open]), '23000', frozen);
      await refused(() => ctx.h.query(`update subsidy_lines set batch_id = $1 where batch_id = $2 and seq = 1`, [open, b]), '23000', frozen);
      if (status !== 'exported') {
        await refused(() => ctx.h.query(`update subsidy_lines set status = 'paid', bank_txn_ref = 'R1', settled_at = now() where batch_id = $1 and seq = 1`, [b]), '23000', frozen);
      } else {
        // The payment result, once: pending → paid / failed with the bank's reference; nothing else with it.
        await refused(() => ctx.h.query(`update subsidy_lines set status = 'paid', amount_fen = 1 where batch_id = $1 and seq = 1`, [b]), '23000', frozen);
        await refused(() => ctx.h.query(`update subsidy_lines set status = 'excluded' where batch_id = $1 and seq = 1`, [b]), '23000', frozen);
        await ctx.h.query(`update subsidy_lines set status = 'paid', bank_txn_ref = 'R1', settled_at = now() where batch_id = $1 and seq = 1`, [b]);
        await ctx.h.query(`update subsidy_lines set status = 'failed', failure_reason = '账户已销户', settled_at = now() where batch_id = $1 and seq = 2`, [b]);
        await refused(() => ctx.h.query(`update subsidy_lines set status = 'failed' where batch_id = $1 and seq = 1`, [b]), '23000', frozen);
        await refused(() => ctx.h.query(`update subsidy_lines set status = 'pending' where batch_id = $1 and seq = 2`, [b]), '23000', frozen);
        await refused(() => ctx.h.query(`update subsidy_lines set bank_txn_ref = 'R2' where batch_id = $1 and seq = 1`, [b]), '23000', frozen);
      }
      // The batch cannot be sent back to have its lines changed, nor change its count or total.
      await refused(() => ctx.h.query(`update subsidy_batches set status = 'prepared' where id = $1`, [b]), '23000', /cannot go from/);
      await refused(() => ctx.h.query(`update subsidy_batches set status = 'building' where id = $1`, [b]), '23000', /cannot go from/);
      await refused(() => ctx.h.query(`update subsidy_batches set total_fen = 0 where id = $1`, [b]), '23000', /cannot change/);
      await refused(() => ctx.h.query(`delete from subsidy_batches where id = $1`, [b]), '23000', /never removed/);
    }
  });

  it('at commit: a batch line count and total equal its lines; while building they may differ, not once it is prepared', async () => {
    const b = await batch('prepared', [[250n, '2023-03-21', '2023-06-20', 'pending', 3]]);
    const totals = /says \d+ lines totalling/;
    // A line added without the batch's count, a line removed, an amount changed, a count changed: refused at commit.
    await refused(() => inTx(`insert into subsidy_lines (batch_id, seq, subject_key, payee_name, amount_fen, detail) values ('${b}', 2, 'extra', 'x', 5, '{}')`), '23000', totals);
    await refused(() => inTx(`delete from subsidy_lines where batch_id = '${b}'`), '23000', totals);
    await refused(() => inTx(`update subsidy_lines set amount_fen = 251 where batch_id = '${b}'`), '23000', totals);
    await refused(() => inTx(`update subsidy_batches set line_count = 2 where id = '${b}'`), '23000', totals);
    await refused(() => inTx(`update subsidy_batches set total_fen = 249 where id = '${b}'`), '23000', totals);
    // The refusal is at commit: inside the transaction the two statements may come in either order.
    await inTx(`update subsidy_batches set line_count = 2, total_fen = 255 where id = '${b}'`, `insert into subsidy_lines (batch_id, seq, subject_key, payee_name, amount_fen, detail) values ('${b}', 2, 'extra', 'x', 5, '{}')`);
    expect(await ctx.h.query(`select line_count, total_fen::text from subsidy_batches where id = $1`, [b])).toEqual([{ line_count: 2, total_fen: '255' }]);
    // A batch being built is exempt until it is marked prepared.
    const building = crypto.randomUUID();
    await inTx(`insert into subsidy_batches (id, number, kind, period, round, status, created_at, updated_at) values ('${building}', 'INV-B', 'hiring', '2026', 0, 'building', now(), now())`);
    await inTx(`insert into subsidy_lines (batch_id, seq, subject_key, payee_name, amount_fen, detail) values ('${building}', 1, 'hiring:inv-b', 'x', 70, '{}')`);
    await refused(() => inTx(`update subsidy_batches set status = 'prepared' where id = '${building}'`), '23000', totals);
    await inTx(`update subsidy_batches set status = 'prepared', line_count = 1, total_fen = 70 where id = '${building}'`);
    // Deferring to commit cannot be escaped by making the check immediate.
    await refused(() => inTx(`set constraints all immediate`, `insert into subsidy_lines (batch_id, seq, subject_key, payee_name, amount_fen, detail) values ('${building}', 2, 'hiring:inv-c', 'x', 1, '{}')`), '23000', totals);
  });

  it('on PostgreSQL the app role can neither drop nor disable any of it', async () => {
    if (ctx.h.driver === 'pglite') {
      expect(ctx.owner).toBe(ctx.h);
      return;
    }
    const attempts = [
      'alter table subsidy_lines drop constraint subsidy_lines_no_overlap',
      'alter table subsidy_lines drop constraint subsidy_lines_amount_nonnegative',
      'alter table subsidy_lines disable trigger all',
      'alter table subsidy_lines disable trigger subsidy_lines_frozen',
      'drop trigger subsidy_lines_totals on subsidy_lines',
      'alter table subsidy_batches disable trigger subsidy_batches_forward',
      'drop function subsidy_batch_assert_totals(uuid) cascade',
      'create or replace function subsidy_batch_assert_totals(bid uuid) returns void as $$ begin end $$ language plpgsql',
      'drop extension btree_gist cascade',
      'truncate subsidy_lines',
    ];
    const triggers = () => ctx.owner.query(`select tgname, tgenabled from pg_trigger where tgrelid in ('subsidy_lines'::regclass, 'subsidy_batches'::regclass) and not tgisinternal order by tgname`);
    const constraints = () => ctx.owner.query(`select conname from pg_constraint where conrelid = 'subsidy_lines'::regclass order by conname`);
    const before = { t: await triggers(), c: await constraints() };
    expect(before.t.length).toBeGreaterThanOrEqual(6);
    for (const stmt of attempts) {
      const err = await ctx.h.query(stmt).then(() => null, (e: PgErr) => e);
      expect(err, stmt).not.toBeNull();
      expect(err!.code, stmt).toBe('42501');
    }
    expect({ t: await triggers(), c: await constraints() }).toEqual(before);
  });
});

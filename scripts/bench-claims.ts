/**
 * The 贴息 claim and disbursement-list benchmark (sections `claim-100k` and `export-100k` of
 * `npm run bench`). One process per phase, so each phase's peak RSS is its own:
 *
 *   npx tsx scripts/bench-claims.ts seed   --target <dir|url> --loans N
 *   npx tsx scripts/bench-claims.ts claim  --target <dir|url>
 *   npx tsx scripts/bench-claims.ts export --target <dir|url>
 *   npx tsx scripts/bench-claims.ts sql    --target <dir|url>
 *
 * `seed` writes N loans of one bank straight into the database (bulk inserts, not through
 * the use-cases): applicants, applications, contracts and disbursements spread over two
 * years under regimes B and C, quarterly interest repayments, some principal repayments,
 * some cured overdue spells — every loan active and subsidised in 2026Q2. `claim` times the
 * claim job for that bank's 2026Q2 (one line per loan). `export` takes the claim through HR
 * verification and finance approval and times the first export (.xlsx + .csv, stored with
 * their SHA-256). `sql` times ONE set-based statement that computes the quarter's lines with
 * the same formula (the claim's peer) and compares its lines with the claim's, to the fen.
 * Each phase prints one `RESULT {json}` line. The target is a PGlite
 * directory or a PostgreSQL URL.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { createDb, type Db, type DbHandle } from '../db/client';
import { migrateDb } from '../db/migrate';
import { organisations, subsidyBatches, subsidyLines, users } from '../db/schema';
import { seedReferenceData } from '../db/seed';
import { addDays, addMonthsRollForward, fromDay, toDay } from '../lib/domain/dates';
import { maskIdNumber } from '../lib/domain/mask';
import { sealForm } from '../lib/server/applications/application-form-store';
import type { Actor } from '../lib/server/auth/actor';
import { approveBatch } from '../lib/server/batches/approve-batch';
import { exportBatch } from '../lib/server/batches/export-batch';
import { verifyBatch } from '../lib/server/batches/verify-batch';
import { ensureClaimBatch } from '../lib/server/claims/request-claim';
import { runClaimJob } from '../lib/server/claims/run-claim-job';
import { encryptPii } from '../lib/server/crypto/pii';
import { createFileStore } from '../lib/server/storage/file-store';
import { parseRate } from '../lib/domain/money';
import { parseQuarter } from '../lib/domain/subsidy-batches/quarter';
import { getRuleCatalog } from '../lib/server/policy/get-rule-catalog';

export const BENCH_PERIOD = '2026Q2';
export const BENCH_BANK = 'BANK-ABC-KZ';

/** mulberry32: deterministic, so runs are comparable. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function idNumber(n: number): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const body = `500234${1960 + (n % 40)}${String((n % 12) + 1).padStart(2, '0')}${String((n % 28) + 1).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  return body + '10X98765432'[[...body].reduce((s, c, i) => s + Number(c) * w[i], 0) % 11];
}

const uuid = (rand: () => number) => {
  const h = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  h[12] = '4';
  h[16] = ((parseInt(h[16], 16) & 3) | 8).toString(16);
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
};

type Query = DbHandle['query'];

/**
 * `insert into t (cols) select … from unnest($1::type[], …)`: one statement, one array
 * parameter per column (enums travel as text[] and are cast per row).
 */
async function bulkInsert(query: Query, table: string, columns: [name: string, type: string][], rows: unknown[][]) {
  if (rows.length === 0) return;
  const names = columns.map(([c]) => c);
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type === 'user_role' ? 'text' : type}[]`).join(', ');
  const select = columns.map(([c, type]) => (type === 'user_role' ? `${c}::user_role` : c)).join(', ');
  await query(`insert into ${table} (${names.join(', ')}) select ${select} from unnest(${arrays}) as u(${names.join(', ')})`, columns.map((_, i) => rows.map((r) => r[i])));
}

export async function openTarget(target: string): Promise<DbHandle> {
  return /^postgres(ql)?:\/\//.test(target) ? createDb({ url: target }) : createDb({ url: '', pgliteDir: target });
}

/** Seed `loans` loans of one bank with their repayment histories. */
export async function seedLoans(h: DbHandle, loans: number, seed = 20260620): Promise<{ loans: number; repayments: number; overdue: number }> {
  const db = h.db;
  const rand = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const [bank] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, BENCH_BANK));
  const [officer] = await db
    .insert(users)
    .values({ username: `bench_bank_${Date.now()}`, realName: '基准测试客户经理', role: 'bank_officer', orgId: bank.id, passwordHash: 'x' })
    .returning({ id: users.id });
  const t = new Date().toISOString();
  const individualForm = sealForm({ loanType: 'individual' });
  const enterpriseForm = sealForm({ loanType: 'enterprise', business: { uscc: '91350100M000100Y43', name: '基准测试有限公司' } });
  const towns = (await db.execute(sql`select code from towns order by sort_order`)) as unknown as { rows: { code: string }[] };
  const townCodes = towns.rows.map((r) => r.code);
  const first = toDay('2024-07-01');
  const last = toDay('2026-03-15');
  const regimeC = '2025-06-03';
  let repaymentCount = 0;
  let overdueCount = 0;
  const CHUNK = 5000;
  for (let start = 0; start < loans; start += CHUNK) {
    const n = Math.min(CHUNK, loans - start);
    const userRows: unknown[][] = [];
    const appRows: unknown[][] = [];
    const loanRows: unknown[][] = [];
    const repRows: unknown[][] = [];
    const eventRows: unknown[][] = [];
    for (let k = 0; k < n; k++) {
      const i = start + k;
      const userId = uuid(rand);
      const appId = uuid(rand);
      const id = idNumber(i);
      const type = rand() < 0.9 ? 'individual' : rand() < 0.5 ? 'partnership' : 'enterprise';
      userRows.push([userId, `bench_${seed}_${i}`, `借款人${i}`, 'applicant', 'x', encryptPii(id), maskIdNumber(id), `bench-${seed}-${i}`]);
      const contract = fromDay(int(first, last));
      const disbursed = addDays(contract, int(0, 10));
      const months = 36;
      const principalYuan = int(50, 300) * 1000;
      const rate = contract < regimeC ? ['3.85', '4.35', '4.65'][int(0, 2)] : ['3.00', '3.20', '3.50'][int(0, 2)];
      const rateUnits = Math.round(Number(rate) * 10_000);
      appRows.push([
        appId, `KZB${String(i).padStart(9, '0')}`, userId, type, 'disbursed', bank.id, type === 'enterprise' ? enterpriseForm : individualForm,
        `借款人${i}`, maskIdNumber(id), type === 'enterprise' ? `基准测试企业${i}` : `经营主体${i}`, townCodes[i % townCodes.length] ?? null, 'returning-migrant-worker',
        String(principalYuan * 100), months, t, t,
      ]);
      loanRows.push([appId, bank.id, `HTB-${i}`, String(rateUnits), String(principalYuan * 100), months, contract, addMonthsRollForward(disbursed, months), '{}', disbursed, String(principalYuan * 100), `JJB-${i}`, officer.id, t, t]);
      // Interest on every settlement day so far; a principal repayment for some.
      let ref = 0;
      for (let d = disbursed; ; ) {
        const y = Number(d.slice(0, 4));
        const m = Number(d.slice(5, 7));
        const qm = Math.ceil(m / 3) * 3;
        let settle = `${y}-${String(qm).padStart(2, '0')}-20`;
        if (settle < d) settle = qm === 12 ? `${y + 1}-03-20` : `${y}-${String(qm + 3).padStart(2, '0')}-20`;
        if (settle > '2026-06-20') break;
        repRows.push([appId, settle, '0', String(int(500, 5000) * 100), `B${i}-${ref++}`, 'import', officer.id, t]);
        d = addDays(settle, 1);
      }
      if (rand() < 0.3) {
        const on = fromDay(int(toDay(disbursed) + 1, toDay('2026-06-19')));
        repRows.push([appId, on, String(principalYuan * int(5, 20)), '0', `B${i}-p`, 'import', officer.id, t]);
      }
      // A cured overdue spell before 2026Q2 for a few.
      if (rand() < 0.03 && toDay(disbursed) < toDay('2026-02-01')) {
        const from = fromDay(int(toDay(disbursed) + 1, toDay('2026-02-15')));
        eventRows.push([appId, 'overdue', from, officer.id, t], [appId, 'cured', addDays(from, int(5, 30)), officer.id, t]);
        overdueCount++;
      }
    }
    {
      // No transaction: the pool may hand each statement to another connection (bench data only).
      const d = h.query;
      await bulkInsert(d, 'users', [['id', 'uuid'], ['username', 'text'], ['real_name', 'text'], ['role', 'user_role'], ['password_hash', 'text'], ['id_number_enc', 'text'], ['id_number_masked', 'text'], ['id_number_hash', 'text']], userRows);
      await bulkInsert(d, 'applications', [
        ['id', 'uuid'], ['number', 'text'], ['applicant_id', 'uuid'], ['loan_type', 'text'], ['state', 'text'], ['bank_org_id', 'int'], ['form_enc', 'text'], ['applicant_name', 'text'],
        ['id_number_masked', 'text'], ['business_name', 'text'], ['town_code', 'text'], ['category', 'text'], ['requested_amount_fen', 'bigint'], ['term_months', 'int'],
        ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
      ], appRows);
      await bulkInsert(d, 'loans', [
        ['application_id', 'uuid'], ['bank_org_id', 'int'], ['contract_no', 'text'], ['annual_rate_units', 'bigint'], ['principal_fen', 'bigint'], ['term_months', 'int'],
        ['contract_date', 'date'], ['maturity_date', 'date'], ['rate_check', 'jsonb'], ['disbursed_date', 'date'], ['disbursed_fen', 'bigint'], ['drawdown_no', 'text'],
        ['recorded_by', 'uuid'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
      ], loanRows);
      await bulkInsert(d, 'repayments', [['application_id', 'uuid'], ['repaid_on', 'date'], ['principal_fen', 'bigint'], ['interest_fen', 'bigint'], ['bank_ref', 'text'], ['source', 'text'], ['recorded_by', 'uuid'], ['created_at', 'timestamptz']], repRows);
      await bulkInsert(d, 'loan_events', [['application_id', 'uuid'], ['kind', 'text'], ['effective_date', 'date'], ['recorded_by', 'uuid'], ['created_at', 'timestamptz']], eventRows);
    }
    repaymentCount += repRows.length;
  }
  await db.execute(sql`analyze`);
  return { loans, repayments: repaymentCount, overdue: overdueCount };
}

async function benchActor(db: Db, role: 'hr_reviewer' | 'finance_officer', orgCode: string): Promise<Actor> {
  const [org] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, orgCode));
  const [u] = await db
    .insert(users)
    .values({ username: `bench_${role}_${Date.now()}`, realName: `基准测试${role === 'hr_reviewer' ? '人社' : '财政'}`, role, orgId: org.id, passwordHash: 'x' })
    .returning();
  return { userId: u.id, role, orgId: org.id, realName: u.realName, sessionId: 'bench' };
}

const rssMb = () => process.resourceUsage().maxRSS / 1024;

/**
 * The claim's lines for the bench's data as ONE statement (the yardstick): each loan's
 * period in the quarter from max(disbursement, window start) to the settlement day; principal ×
 * days with the principal repayments inside the period taken off from their day on
 * (算头不算尾: a repayment day accrues on the new balance); the reference rate L on the
 * contract date; regime B before 2025-06-03, s = clamp(r − (L − 1.50), 0, r), regime C from
 * then on, s = r/2; total and subsidy rounded half up once per period. It covers what the
 * seeded data holds (no settlement, extension, overdue period or subsidy-window end inside
 * 2026Q2, principals under the cap); the comparison with the claim proves it line by line.
 */
export const CLAIM_SQL = `
with lpr as (select * from unnest($4::date[], $5::bigint[]) as t(eff, units)),
l as (
  select l.application_id, l.contract_date, l.disbursed_fen as principal, l.annual_rate_units as r,
         greatest(l.disbursed_date, $1::date) as ps, least($2::date, l.maturity_date - 1) as pe,
         (select units from lpr where eff <= l.contract_date order by eff desc limit 1) as lpr
    from loans l
   where l.bank_org_id = $3 and l.disbursed_date is not null and l.disbursed_date <= $2::date
),
pd as (
  select l.*,
         (l.principal - coalesce((select sum(principal_fen) from repayments p where p.application_id = l.application_id and p.principal_fen > 0 and p.repaid_on <= l.ps), 0)) * (l.pe - l.ps + 1)
         - coalesce((select sum(p.principal_fen * (l.pe - p.repaid_on + 1)) from repayments p where p.application_id = l.application_id and p.principal_fen > 0 and p.repaid_on > l.ps and p.repaid_on <= l.pe), 0)
           as principal_days,
         case when l.contract_date < '2025-06-03' then greatest(0, least(l.r, l.r - l.lpr + 15000))::numeric else l.r::numeric / 2 end as s
    from l where l.pe >= l.ps
)
select application_id::text as id, ps::text as period_start,
       round(principal_days::numeric * r / 360000000)::bigint::text as total_fen,
       round(principal_days::numeric * s / 360000000)::bigint::text as subsidy_fen
  from pd
 where round(principal_days::numeric * s / 360000000) > 0`;

async function main() {
  const [phase] = process.argv.slice(2);
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const target = arg('target');
  if (!phase || !target) throw new Error('usage: bench-claims.ts seed|claim|export|sql --target <pglite dir|postgres url> [--loans N]');
  const h = await openTarget(target);
  const db = h.db;
  let result: Record<string, unknown>;
  try {
    if (phase === 'seed') {
      await migrateDb(h);
      await seedReferenceData(db);
      const t0 = performance.now();
      const seeded = await seedLoans(h, Number(arg('loans') ?? 100_000));
      result = { ...seeded, wallMs: performance.now() - t0, peakRssMb: rssMb() };
    } else if (phase === 'claim') {
      const [bank] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, BENCH_BANK));
      const t0 = performance.now();
      const { batch } = await db.transaction((tx) => ensureClaimBatch(tx, { bankOrgId: bank.id, period: BENCH_PERIOD, preparedBy: null, actor: null, now: new Date() }));
      const r = await runClaimJob(db, batch.id, arg('page') ? { pageSize: Number(arg('page')) } : {});
      const wallMs = performance.now() - t0;
      if (r.outcome !== 'prepared') throw new Error(`claim job ended ${JSON.stringify(r, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
      result = { batchId: batch.id, lines: r.lineCount, totalFen: r.totalFen.toString(), skipped: r.skipped, wallMs, peakRssMb: rssMb() };
    } else if (phase === 'export') {
      const [b] = await db.select().from(subsidyBatches).where(eq(subsidyBatches.period, BENCH_PERIOD));
      if (!b || b.status === 'building') throw new Error('run the claim phase first');
      const hr = await benchActor(db, 'hr_reviewer', 'KZ-EMP');
      const finance = await benchActor(db, 'finance_officer', 'KZ-FIN');
      if (b.status === 'exported' || b.status === 'reconciled') {
        // A rerun of this phase: forget the earlier export (benchmark data only).
        // The database lets a batch only move forward: the benchmark's owner connection lifts that
        // guard for this one transaction (and reconciliation results go back to pending).
        await db.transaction(async (tx) => {
          await tx.execute(sql`alter table subsidy_batches disable trigger subsidy_batches_forward`);
          await tx.execute(sql`alter table subsidy_lines disable trigger subsidy_lines_frozen`);
          await tx.update(subsidyLines).set({ status: 'pending', bankTxnRef: null, failureReason: null, settledAt: null }).where(eq(subsidyLines.batchId, b.id));
          await tx.update(subsidyBatches).set({ status: 'approved', exportXlsxKey: null, exportXlsxSha256: null, exportCsvKey: null, exportCsvSha256: null, exportedBy: null, exportedAt: null }).where(eq(subsidyBatches.id, b.id));
          await tx.execute(sql`alter table subsidy_lines enable trigger subsidy_lines_frozen`);
          await tx.execute(sql`alter table subsidy_batches enable trigger subsidy_batches_forward`);
        });
      }
      // Each decision at the batch's current version, as the pages send it.
      const at = async () => ({ batchId: b.id, version: (await db.select().from(subsidyBatches).where(eq(subsidyBatches.id, b.id)))[0].updatedAt.toISOString() });
      if (b.status === 'prepared') await verifyBatch(db, hr, await at());
      if (b.status === 'prepared' || b.status === 'verified') await approveBatch(db, finance, await at());
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kz-bench-export-'));
      const before = rssMb();
      try {
        const input = await at();
        const t0 = performance.now();
        const { batch } = await exportBatch(db, finance, input, { store: createFileStore(dir) });
        const wallMs = performance.now() - t0;
        const sizes = [batch.exportXlsxKey!, batch.exportCsvKey!].map((k) => fs.statSync(path.join(dir, ...k.split('/'))).size);
        const peakRssMb = rssMb();
        // The export's peer, after the peak RSS is taken: reading the same lines' list columns.
        const r0 = performance.now();
        await h.query(`select seq, amount_fen, payee_name, payee_id_masked, payee_account_masked, payee_bank_name, detail - 'trace' as detail from subsidy_lines where batch_id = $1 order by seq`, [b.id]);
        const readMs = performance.now() - r0;
        result = { lines: batch.lineCount, xlsxBytes: sizes[0], csvBytes: sizes[1], xlsxSha256: batch.exportXlsxSha256, wallMs, readMs, rssBeforeMb: before, peakRssMb };
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    } else if (phase === 'sql') {
      const [bank] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.code, BENCH_BANK));
      const q = parseQuarter(BENCH_PERIOD)!;
      const catalog = await getRuleCatalog(db);
      const rows = catalog.lprTable.rows;
      const params = [q.firstDay, q.settlementDay, bank.id, rows.map((r) => r.effectiveFrom), rows.map((r) => parseRate(r.ratePercent).toString())];
      const t0 = performance.now();
      const lines = await h.query<{ id: string; period_start: string; subsidy_fen: string }>(CLAIM_SQL, params);
      const wallMs = performance.now() - t0;
      // The claim's lines (run the claim phase first), compared to the fen.
      const claimed = await h.query<{ subject_key: string; amount_fen: string }>(
        `select l.subject_key, l.amount_fen::text as amount_fen from subsidy_lines l join subsidy_batches b on b.id = l.batch_id where b.period = $1 and b.kind = 'interest' and b.bank_org_id = $2`,
        [BENCH_PERIOD, bank.id],
      );
      const want = new Map(claimed.map((c) => [c.subject_key, c.amount_fen]));
      let equal = 0;
      const differ: string[] = [];
      for (const l of lines) {
        const key = `interest:${l.id}:${l.period_start}`;
        if (want.get(key) === l.subsidy_fen) equal++;
        else if (differ.length < 5) differ.push(`${key}: sql ${l.subsidy_fen}, claim ${want.get(key) ?? 'none'}`);
      }
      result = { lines: lines.length, claimLines: claimed.length, equal, same: equal === lines.length && equal === claimed.length, differ, wallMs, peakRssMb: rssMb() };
    } else throw new Error(`unknown phase ${phase}`);
  } finally {
    await h.close();
  }
  console.log(`RESULT ${JSON.stringify(result)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  main().catch((e) => {
    console.error(String(e instanceof Error ? e.stack ?? e.message : e).slice(0, 2000), (e as { cause?: unknown }).cause ? String((e as { cause: Error }).cause.message).slice(0, 500) : '');
    process.exit(1);
  });
}

/**
 * Benchmarks: `npm run bench [-- <name>...]` (all when no name is given).
 * Each benchmark is a named section so later issues can append their own
 * (e.g. disbursement-list export, claim generation). Inputs are generated
 * deterministically (seeded PRNG) so runs are comparable.
 *
 *   rules-cli-interest     10,000 `interest` inputs in one array through the
 *                          documented command (npm run -s rules -- interest),
 *                          wall time incl. start-up; budget 2 s (issue 3).
 *   rules-engine-interest  the same inputs through runCommand in-process.
 *   claim-100k             seeds N loans of one bank with repayment histories (default
 *                          100,000; `--loans N`) into a fresh database — PGlite in a
 *                          temporary directory, or a new database on BENCH_DATABASE_URL —
 *                          then times the quarterly 贴息 claim job for all of them (one line
 *                          per loan); budget 60 s. See scripts/bench-claims.ts.
 *   export-100k            times the first export of that claim's disbursement list
 *                          (.xlsx + .csv, stored with SHA-256), in its own process; budget
 *                          15 s and a peak RSS under 400 MB.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays, fromDay, toDay } from '../lib/domain/dates';
import { runCommand } from '../lib/domain/rules/run-command';

const ROOT = path.resolve(import.meta.dirname, '..');

interface BenchResult {
  wallMs: number;
  peakRssMb: number | null;
  budgetMs?: number;
  /** Checked against `rssForBudgetMb` when given, else against peakRssMb. */
  budgetRssMb?: number;
  rssForBudgetMb?: number;
  notes: string[];
}
interface Benchmark {
  name: string;
  description: string;
  run: () => BenchResult | Promise<BenchResult>;
}

/** mulberry32: tiny deterministic PRNG. */
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

export function generateInterestInputs(count: number, seed = 20250603): Record<string, unknown>[] {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const first = toDay('2016-01-01');
  const last = toDay('2026-01-31');
  return Array.from({ length: count }, () => {
    const contractDate = fromDay(int(first, last));
    const disbursedDate = addDays(contractDate, int(0, 20));
    const periodStart = addDays(disbursedDate, int(0, 900));
    const periodEnd = addDays(periodStart, int(0, 91));
    const input: Record<string, unknown> = {
      district: pick(['500154', '500154', '500103', '500101', '500243', '110105']),
      borrowerType: pick(['individual', 'individual', 'partnership', 'enterprise']),
      principal: `${int(10_000, 3_000_000)}.${String(int(0, 99)).padStart(2, '0')}`,
      contractDate, disbursedDate, periodStart, periodEnd,
      annualRate: pick(['2.85', '3.30', '3.50', '3.85', '4.35', '4.65', '5.20']),
    };
    if (rand() < 0.05) input.overdue = true;
    const span = toDay(periodEnd) - toDay(periodStart);
    if (rand() < 0.2 && span > 10) input.balances = [{ from: addDays(periodStart, int(1, span)), principal: `${int(1_000, 10_000)}.00` }];
    return input;
  });
}

function summarise(answers: Array<{ error?: { code: string } }>): string {
  const counts = new Map<string, number>();
  for (const a of answers) counts.set(a.error?.code ?? 'ok', (counts.get(a.error?.code ?? 'ok') ?? 0) + 1);
  return [...counts].map(([k, v]) => `${k}=${v}`).join(' ');
}

// ------------------------------------------------------------------ 贴息 claims and lists

const flag = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const LOANS = Number(flag('loans') ?? 100_000);

interface ClaimsTarget {
  target: string;
  label: string;
  cleanup: () => Promise<void>;
}

/** One phase of scripts/bench-claims.ts in its own process; its RESULT line. */
function phase(name: string, target: string): Record<string, number | string> {
  const r = spawnSync('npx', ['tsx', 'scripts/bench-claims.ts', name, '--target', target, '--loans', String(LOANS)], {
    cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024,
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (r.status !== 0 || !line) throw new Error(`bench-claims ${name} failed (exit ${r.status})`);
  return JSON.parse(line.slice(7));
}

async function claimsTarget(): Promise<ClaimsTarget> {
  const base = process.env.BENCH_DATABASE_URL;
  if (!base) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kz-bench-'));
    return { target: path.join(dir, 'pglite'), label: 'PGlite (temporary directory)', cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const { Client } = await import('pg');
  const name = `kz_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    target: url.toString(),
    label: `PostgreSQL (${url.host}, database ${name})`,
    cleanup: async () => {
      const c = new Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

let claims: Promise<{ t: ClaimsTarget; seed: Record<string, number | string>; claim: Record<string, number | string> }> | null = null;
let claimsDb: ClaimsTarget | null = null;
/** Seed and claim once, whichever of the two sections runs first. */
function claimsSuite() {
  claims ??= (async () => {
    const t = (claimsDb = await claimsTarget());
    console.log(`  [claims] seeding ${LOANS.toLocaleString('en')} loans into ${t.label} …`);
    const seed = phase('seed', t.target);
    console.log(`  [claims] seeded in ${(Number(seed.wallMs) / 1000).toFixed(1)} s: ${seed.loans} loans, ${seed.repayments} repayments, ${seed.overdue} cured overdue spells`);
    return { t, seed, claim: phase('claim', t.target) };
  })();
  return claims;
}

const BENCHMARKS: Benchmark[] = [
  {
    name: 'rules-cli-interest',
    description: '10,000 interest inputs through `npm run -s rules -- interest` (wall time incl. start-up)',
    run: () => {
      const stdin = JSON.stringify(generateInterestInputs(10_000));
      // GNU time (when present) reports the peak RSS of the process tree's largest member.
      const timed = existsSync('/usr/bin/time');
      const [cmd, args] = timed ? ['/usr/bin/time', ['-f', '%M', 'npm', 'run', '-s', 'rules', '--', 'interest']] : ['npm', ['run', '-s', 'rules', '--', 'interest']];
      const t0 = performance.now();
      const r = spawnSync(cmd, args, { cwd: ROOT, input: stdin, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
      const wallMs = performance.now() - t0;
      if (r.status !== 0) throw new Error(`rules CLI exited ${r.status}: ${r.stderr.slice(0, 500)}`);
      const answers = JSON.parse(r.stdout) as Array<{ error?: { code: string } }>;
      const kb = timed ? Number(r.stderr.trim().split('\n').pop()) : NaN;
      return { wallMs, peakRssMb: Number.isFinite(kb) ? kb / 1024 : null, budgetMs: 2000, notes: [`${answers.length} answers: ${summarise(answers)}`, `${(r.stdout.length / 1e6).toFixed(1)} MB of JSON out`] };
    },
  },
  {
    name: 'rules-engine-interest',
    description: '10,000 interest inputs through runCommand in this process (no start-up, no I/O)',
    run: () => {
      const inputs = generateInterestInputs(10_000);
      const t0 = performance.now();
      const answers = inputs.map((i) => runCommand('interest', i).output as { error?: { code: string } });
      const wallMs = performance.now() - t0;
      return { wallMs, peakRssMb: process.resourceUsage().maxRSS / 1024, notes: [summarise(answers)] };
    },
  },
  {
    name: 'claim-100k',
    description: `the quarterly 贴息 claim (2026Q2) of one bank with ${LOANS.toLocaleString('en')} loans: job pages, engine schedule per loan, fenced line inserts`,
    run: async () => {
      const { t, claim } = await claimsSuite();
      return {
        wallMs: Number(claim.wallMs), peakRssMb: Number(claim.peakRssMb), budgetMs: 60_000,
        notes: [`database: ${t.label}`, `${claim.lines} lines, Σ subsidy ${(Number(BigInt(claim.totalFen)) / 100).toFixed(2)} yuan, ${claim.skipped} skipped`],
      };
    },
  },
  {
    name: 'export-100k',
    description: 'the first export of that claim’s disbursement list: .xlsx + .csv in one pass, stored with SHA-256 (own process)',
    run: async () => {
      const { t } = await claimsSuite();
      const e = phase('export', t.target);
      const pglite = !process.env.BENCH_DATABASE_URL;
      const own = Number(e.peakRssMb) - Number(e.rssBeforeMb);
      return {
        wallMs: Number(e.wallMs), peakRssMb: Number(e.peakRssMb), budgetMs: 15_000, budgetRssMb: 400,
        // With PGlite the database engine lives in this process (≈ 380 MB on its own): the budget is checked on what the export adds.
        rssForBudgetMb: pglite ? own : undefined,
        notes: [
          `database: ${t.label}`,
          `${e.lines} lines; xlsx ${(Number(e.xlsxBytes) / 1e6).toFixed(1)} MB, csv ${(Number(e.csvBytes) / 1e6).toFixed(1)} MB; xlsx SHA-256 ${String(e.xlsxSha256).slice(0, 16)}…`,
          `RSS before the export ${Number(e.rssBeforeMb).toFixed(0)} MB, peak ${Number(e.peakRssMb).toFixed(0)} MB (export's own +${own.toFixed(0)} MB)${pglite ? '; PGlite runs inside this process — set BENCH_DATABASE_URL for PostgreSQL' : ''}`,
        ],
      };
    },
  },
];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const wanted = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1] === '--loans'));
  const unknown = wanted.filter((w) => !BENCHMARKS.some((b) => b.name === w));
  if (unknown.length) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  try {
    for (const bench of BENCHMARKS.filter((b) => wanted.length === 0 || wanted.includes(b.name))) {
      const r = await bench.run();
      const overTime = r.budgetMs !== undefined && r.wallMs > r.budgetMs;
      const rssChecked = r.rssForBudgetMb ?? r.peakRssMb;
      const overRss = r.budgetRssMb !== undefined && rssChecked !== null && rssChecked > r.budgetRssMb;
      const budget = r.budgetMs === undefined ? '' : ` (budget ${r.budgetMs} ms: ${overTime ? 'OVER' : 'ok'})`;
      const rssBudget = r.budgetRssMb === undefined ? '' : ` (budget ${r.budgetRssMb} MB${r.rssForBudgetMb !== undefined ? ' on the export’s own share' : ''}: ${overRss ? 'OVER' : 'ok'})`;
      console.log(`${bench.name}: ${r.wallMs.toFixed(0)} ms${budget}, peak RSS ${r.peakRssMb === null ? 'n/a' : `${r.peakRssMb.toFixed(0)} MB`}${rssBudget}`);
      console.log(`  ${bench.description}`);
      for (const n of r.notes) console.log(`  ${n}`);
      if (overTime || overRss) process.exitCode = 1;
    }
  } finally {
    await claimsDb?.cleanup();
  }
}

await main();

/**
 * Benchmarks: `npm run bench [-- --quick | --scale] [-- <section>...]`. Every figure is measured
 * against a PEER in the same run on the same machine, and printed twice: a line for people
 * (value, peer, ratio, budget) and one JSON line for scripts:
 *
 *   {"bench":"queue-p95","value":0.18,"unit":"s","peer":"login-p95","peerValue":0.05,"ratio":3.6,"budget":"≤ 0.2 s","ok":true}
 *
 * Sections (all when none is named):
 *   rules    interest computations/s in-process and through the CLI past start-up (the CLI with
 *            N inputs minus the CLI with one); each is the other's peer. Budget ≥ 50,000/s.
 *   queue    the HR reviewer queue (every tab, sort, filter and search kind) under 20 users
 *            against `/login` on the same `next start`, PostgreSQL: p95 ≤ 0.2 s, throughput
 *            ≥ 50 % of /login's. Seeds the applications and the demo accounts, logs in, drives
 *            autocannon (scripts/bench-queue.ts).
 *   claim    the quarterly 贴息 claim (2026Q2, one bank) on PostgreSQL against ONE set-based SQL
 *            statement computing the same lines (compared line by line): ≤ 3× it; on PGlite ≤ 20 s.
 *   export   the first export of that claim's list (.xlsx + .csv with SHA-256): ≤ 5 s on
 *            PostgreSQL, against reading the same lines; peak RSS ≤ 300 MB on both databases
 *            (with PGlite the database engine lives in the process: its own RSS before the export
 *            is the peer and the budget is checked on what the export adds).
 *
 * Sizes: 100,000 applications and 100,000 loans; `--quick` one tenth (under five minutes, not
 * counting a first `next build`); `--scale` 1,000,000 applications and 500,000 loans, budgets 2×.
 * PostgreSQL figures need BENCH_DATABASE_URL (a server where the role may create databases; each
 * run creates and drops its own); without it they are skipped, PGlite ones run in a temporary
 * directory. The process exits 1 when a figure misses its budget.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCommand } from '../lib/domain/rules/run-command';

const ROOT = path.resolve(import.meta.dirname, '..');

import { generateInterestInputs } from './bench-rules-inputs';

function summarise(answers: Array<{ error?: { code: string } }>): string {
  const counts = new Map<string, number>();
  for (const a of answers) counts.set(a.error?.code ?? 'ok', (counts.get(a.error?.code ?? 'ok') ?? 0) + 1);
  return [...counts].map(([k, v]) => `${k}=${v}`).join(' ');
}

// ------------------------------------------------------------------ figures

const args = process.argv.slice(2);
const QUICK = args.includes('--quick');
const SCALE = args.includes('--scale');
const size = (full: number, scale: number) => (SCALE ? scale : QUICK ? full / 10 : full);
const APPS = size(100_000, 1_000_000);
const LOANS = size(100_000, 500_000);
const INTEREST_INPUTS = QUICK ? 10_000 : 50_000;
const LOAD_SECONDS = QUICK ? 8 : 20;
/** Budgets hold within 2× at the scale point. */
const SLACK = SCALE ? 2 : 1;
const PG_BASE = process.env.BENCH_DATABASE_URL;

interface Figure {
  bench: string;
  value: number;
  unit: string;
  peer: string;
  peerValue: number;
  ratio: number;
  budget: string;
  ok: boolean;
}
const figures: Figure[] = [];
const round = (v: number, digits = 3) => Number(v.toPrecision(digits + 1));

function figure(f: Omit<Figure, 'ratio'> & { ratio?: number }, notes: string[] = []): void {
  const full: Figure = { ...f, value: round(f.value), peerValue: round(f.peerValue), ratio: round(f.ratio ?? f.value / f.peerValue) };
  figures.push(full);
  console.log(`${full.bench}: ${full.value} ${full.unit} — peer ${full.peer} ${full.peerValue} ${full.unit === 'MB' || full.unit === 's' ? full.unit : ''} (ratio ${full.ratio}); budget ${full.budget}: ${full.ok ? 'ok' : 'MISSED'}`);
  for (const n of notes) console.log(`  ${n}`);
  console.log(JSON.stringify(full));
}

/** One phase of a bench script in its own process (its own peak RSS); its RESULT line. */
function phase(script: string, name: string, target: string, extra: string[] = [], env: Record<string, string> = {}): Record<string, unknown> {
  const r = spawnSync('npx', ['tsx', script, name, '--target', target, ...extra], {
    cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env },
  });
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (r.status !== 0 || !line) throw new Error(`${script} ${name} failed (exit ${r.status})`);
  return JSON.parse(line.slice(7));
}

async function pgDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const { Client } = await import('pg');
  const name = `kz_bench_${label}_${crypto.randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: PG_BASE });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_BASE!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: PG_BASE });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

const cleanups: Array<() => Promise<void>> = [];
// Interrupted (Ctrl-C, a timeout): still drop the databases and directories made so far.
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    console.error(`bench: ${sig}, cleaning up …`);
    void (async () => {
      for (const c of cleanups.splice(0)) await c().catch(() => {});
      process.exit(130);
    })();
  });
}

// ------------------------------------------------------------------ rules

function rulesSection(): void {
  const inputs = generateInterestInputs(INTEREST_INPUTS);
  // In-process: runCommand as the CLI calls it (validation, engine, trace), warmed up first.
  for (const i of inputs.slice(0, 2000)) runCommand('interest', i);
  const t0 = performance.now();
  const answers = inputs.map((i) => runCommand('interest', i).output as { error?: { code: string } });
  const engineRate = inputs.length / ((performance.now() - t0) / 1000);
  // Through the CLI: N inputs, minus start-up (the same command with one input).
  const cli = (stdin: string) => {
    const t = performance.now();
    const r = spawnSync('npm', ['run', '-s', 'rules', '--', 'interest'], { cwd: ROOT, input: stdin, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(`rules CLI exited ${r.status}: ${r.stderr.slice(0, 500)}`);
    return { ms: performance.now() - t, out: r.stdout };
  };
  const one = cli(JSON.stringify([inputs[0]]));
  const all = cli(JSON.stringify(inputs));
  const cliAnswers = JSON.parse(all.out) as unknown[];
  if (cliAnswers.length !== inputs.length) throw new Error('the CLI answered a different number of inputs');
  const cliRate = inputs.length / ((all.ms - one.ms) / 1000);
  const budget = 50_000 / SLACK;
  figure({ bench: 'rules-engine-rate', value: engineRate, unit: '/s', peer: 'rules-cli-rate', peerValue: cliRate, budget: `≥ ${budget} /s`, ok: engineRate >= budget }, [
    `${inputs.length.toLocaleString('en')} interest inputs: ${summarise(answers)}`,
  ]);
  figure({ bench: 'rules-cli-rate', value: cliRate, unit: '/s', peer: 'rules-engine-rate', peerValue: engineRate, budget: `≥ ${budget} /s`, ok: cliRate >= budget }, [
    `CLI with ${inputs.length.toLocaleString('en')} inputs ${(all.ms / 1000).toFixed(2)} s, with one ${(one.ms / 1000).toFixed(2)} s (start-up)`,
  ]);
}

// ------------------------------------------------------------------ queue

async function queueSection(): Promise<void> {
  if (!PG_BASE) return void console.log('queue: skipped (set BENCH_DATABASE_URL for PostgreSQL)');
  if (!existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) {
    console.log('  [queue] no production build: running `next build` first (not timed) …');
    const b = spawnSync('npx', ['next', 'build'], { cwd: ROOT, stdio: 'inherit' });
    if (b.status !== 0) throw new Error('next build failed');
  }
  const db = await pgDatabase('queue');
  cleanups.push(db.drop);
  // The server and the seeder must share the key the 身份证号 blind index is made with.
  const env = { PII_KEY: crypto.randomBytes(32).toString('base64'), NEXTAUTH_SECRET: crypto.randomBytes(32).toString('base64url') };
  console.log(`  [queue] seeding ${APPS.toLocaleString('en')} applications into PostgreSQL …`);
  const seeded = phase('scripts/bench-queue.ts', 'seed', db.url, ['--apps', String(APPS)], env);
  console.log(`  [queue] seeded in ${(Number(seeded.wallMs) / 1000).toFixed(1)} s; next start, 20 users, ${LOAD_SECONDS} s per load …`);
  const r = phase('scripts/bench-queue.ts', 'load', db.url, ['--seconds', String(LOAD_SECONDS), '--port', process.env.BENCH_PORT ?? '3205'], env) as {
    paths: number; login: { perSecond: number; p50Ms: number; p95Ms: number; non2xx: number; errors: number; requests: number };
    queue: { perSecond: number; p50Ms: number; p95Ms: number; non2xx: number; errors: number; requests: number };
  };
  const clean = r.queue.non2xx === 0 && r.queue.errors === 0 && r.login.non2xx === 0 && r.login.errors === 0;
  const notes = [
    `${APPS.toLocaleString('en')} applications; ${r.paths} queue URLs (tabs, sorts, filters, name/number/身份证 searches, pages) cycled by each user`,
    `queue: ${r.queue.requests} requests, p50 ${r.queue.p50Ms} ms, ${r.queue.non2xx} non-2xx, ${r.queue.errors} errors; /login: ${r.login.requests} requests, p50 ${r.login.p50Ms} ms, ${r.login.non2xx} non-2xx`,
  ];
  const p95Budget = 0.2 * SLACK;
  figure({ bench: 'queue-p95', value: r.queue.p95Ms / 1000, unit: 's', peer: 'login-p95', peerValue: r.login.p95Ms / 1000, budget: `≤ ${p95Budget} s`, ok: clean && r.queue.p95Ms / 1000 <= p95Budget }, notes);
  const share = 0.5 / SLACK;
  figure({
    bench: 'queue-throughput', value: r.queue.perSecond, unit: 'req/s', peer: 'login-throughput', peerValue: r.login.perSecond,
    budget: `≥ ${share * 100} % of peer`, ok: clean && r.queue.perSecond >= share * r.login.perSecond,
  });
}

// ------------------------------------------------------------------ claim and export

async function claimSection(db: 'pg' | 'pglite', withExport: boolean, withClaim: boolean): Promise<void> {
  let target: string;
  if (db === 'pg') {
    if (!PG_BASE) return void console.log('claim/export on PostgreSQL: skipped (set BENCH_DATABASE_URL)');
    const d = await pgDatabase('claims');
    cleanups.push(d.drop);
    target = d.url;
  } else {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kz-bench-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    target = path.join(dir, 'pglite');
  }
  const label = db === 'pg' ? 'PostgreSQL' : 'PGlite';
  const loans = ['--loans', String(LOANS)];
  console.log(`  [${db}] seeding ${LOANS.toLocaleString('en')} loans into ${label} …`);
  const seed = phase('scripts/bench-claims.ts', 'seed', target, loans);
  console.log(`  [${db}] seeded in ${(Number(seed.wallMs) / 1000).toFixed(1)} s: ${seed.repayments} repayments, ${seed.overdue} cured overdue spells`);
  const claim = phase('scripts/bench-claims.ts', 'claim', target, loans);
  const sqlRun = phase('scripts/bench-claims.ts', 'sql', target, loans);
  const claimS = Number(claim.wallMs) / 1000;
  const sqlS = Number(sqlRun.wallMs) / 1000;
  const same = sqlRun.same === true;
  const claimNotes = [
    `${claim.lines} lines, Σ ${(Number(BigInt(String(claim.totalFen))) / 100).toFixed(2)} yuan; peak RSS ${Number(claim.peakRssMb).toFixed(0)} MB`,
    `the SQL statement's ${sqlRun.lines} lines ${same ? 'equal the claim’s to the fen' : `DIFFER from the claim’s ${sqlRun.claimLines}: ${JSON.stringify(sqlRun.differ)}`}`,
  ];
  if (withClaim) {
    if (db === 'pg') {
      const ratioBudget = 3 * SLACK;
      figure({ bench: 'claim-pg', value: claimS, unit: 's', peer: 'claim-sql-pg', peerValue: sqlS, budget: `≤ ${ratioBudget}× peer`, ok: same && claimS <= ratioBudget * sqlS }, claimNotes);
    } else {
      const budget = 20 * SLACK;
      figure({ bench: 'claim-pglite', value: claimS, unit: 's', peer: 'claim-sql-pglite', peerValue: sqlS, budget: `≤ ${budget} s`, ok: same && claimS <= budget }, claimNotes);
    }
  }
  if (!withExport) return;
  const e = phase('scripts/bench-claims.ts', 'export', target, loans);
  const exportS = Number(e.wallMs) / 1000;
  const readS = Number(e.readMs) / 1000;
  const exportNotes = [
    `${e.lines} lines; xlsx ${(Number(e.xlsxBytes) / 1e6).toFixed(1)} MB (SHA-256 ${String(e.xlsxSha256).slice(0, 16)}…), csv ${(Number(e.csvBytes) / 1e6).toFixed(1)} MB`,
  ];
  if (db === 'pg') figure({ bench: 'export-pg', value: exportS, unit: 's', peer: 'export-read-pg', peerValue: readS, budget: `≤ ${5 * SLACK} s`, ok: exportS <= 5 * SLACK }, exportNotes);
  const before = Number(e.rssBeforeMb);
  const peak = Number(e.peakRssMb);
  const own = peak - before;
  const rssBudget = 300 * SLACK;
  if (db === 'pg') figure({ bench: 'export-rss-pg', value: peak, unit: 'MB', peer: 'rss-before-export-pg', peerValue: before, budget: `≤ ${rssBudget} MB`, ok: peak <= rssBudget });
  else {
    figure({
      bench: 'export-rss-pglite', value: peak, unit: 'MB', peer: 'rss-before-export-pglite', peerValue: before, budget: `≤ ${rssBudget} MB added by the export`, ok: own <= rssBudget,
    }, [`the export added ${own.toFixed(0)} MB to a process holding the PGlite engine (${before.toFixed(0)} MB before); ${exportS.toFixed(1)} s, reading the lines alone ${readS.toFixed(1)} s`]);
  }
}

// ------------------------------------------------------------------ main

const SECTIONS = ['rules', 'queue', 'claim', 'export'] as const;

async function main(): Promise<void> {
  const named = args.filter((a) => !a.startsWith('--'));
  const unknown = named.filter((n) => !(SECTIONS as readonly string[]).includes(n));
  if (unknown.length) {
    console.error(`unknown section(s): ${unknown.join(', ')}; available: ${SECTIONS.join(', ')}`);
    process.exitCode = 2;
    return;
  }
  const want = (s: (typeof SECTIONS)[number]) => named.length === 0 || named.includes(s);
  console.log(`bench: ${SCALE ? 'scale point' : QUICK ? 'quick (one tenth)' : 'full'} — ${APPS.toLocaleString('en')} applications, ${LOANS.toLocaleString('en')} loans; PostgreSQL ${PG_BASE ? 'on' : 'off (BENCH_DATABASE_URL unset)'}`);
  const t0 = performance.now();
  try {
    if (want('rules') && !SCALE) rulesSection();
    if (want('queue')) await queueSection();
    if (want('claim') || want('export')) {
      await claimSection('pg', want('export') && !SCALE, want('claim'));
      await claimSection('pglite', want('export') && !SCALE, want('claim'));
    }
  } finally {
    for (const c of cleanups.splice(0)) await c().catch((e) => console.error(`cleanup: ${e instanceof Error ? e.message : e}`));
  }
  console.log(`bench: ${figures.length} figures in ${((performance.now() - t0) / 1000).toFixed(0)} s; ${figures.filter((f) => !f.ok).length} missed`);
  if (figures.some((f) => !f.ok)) process.exitCode = 1;
}

await main();

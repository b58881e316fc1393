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
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { addDays, fromDay, toDay } from '../lib/domain/dates';
import { runCommand } from '../lib/domain/rules/run-command';

const ROOT = path.resolve(import.meta.dirname, '..');

interface BenchResult {
  wallMs: number;
  peakRssMb: number | null;
  budgetMs?: number;
  notes: string[];
}
interface Benchmark {
  name: string;
  description: string;
  run: () => BenchResult;
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
];

function main(): void {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !BENCHMARKS.some((b) => b.name === w));
  if (unknown.length) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  for (const bench of BENCHMARKS.filter((b) => wanted.length === 0 || wanted.includes(b.name))) {
    const r = bench.run();
    const over = r.budgetMs !== undefined && r.wallMs > r.budgetMs;
    const budget = r.budgetMs === undefined ? '' : ` (budget ${r.budgetMs} ms: ${over ? 'OVER' : 'ok'})`;
    console.log(`${bench.name}: ${r.wallMs.toFixed(0)} ms${budget}, peak RSS ${r.peakRssMb === null ? 'n/a' : `${r.peakRssMb.toFixed(0)} MB`}`);
    console.log(`  ${bench.description}`);
    for (const n of r.notes) console.log(`  ${n}`);
    if (over) process.exitCode = 1;
  }
}

main();

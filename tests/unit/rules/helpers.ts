import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { expect } from 'vitest';
import { DEFAULT_CATALOG, computeInterest, type InterestInput } from '@/lib/domain/rules';
import { parseRate, parseYuan, formatYuan } from '@/lib/domain/money';

export const ROOT = path.resolve(import.meta.dirname, '../../..');

/**
 * The rules CLI in ONE process per test file: `tsx scripts/rules.ts --serve` answers each
 * invocation (command + stdin) with the exit status and output `rules <command> < stdin`
 * gives — the same `answerInvocation` the one-shot command runs. Start it in `beforeAll`,
 * close it in `afterAll`; start-up is paid once per file instead of once per case.
 */
export interface CliSession {
  run(command: string, stdin: string): Promise<{ status: number; stdout: string }>;
  close(): Promise<void>;
}

export function startCli(): CliSession {
  const child = spawn('npx', ['tsx', 'scripts/rules.ts', '--serve'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const waiting: Array<{ resolve: (v: { status: number; stdout: string }) => void; reject: (e: Error) => void }> = [];
  let exited: Error | null = null;
  const lines = readline.createInterface({ input: child.stdout, crlfDelay: Infinity });
  lines.on('line', (line) => {
    const w = waiting.shift();
    if (w) w.resolve(JSON.parse(line));
  });
  child.on('exit', (code) => {
    exited = new Error(`rules CLI (--serve) exited with ${code}`);
    for (const w of waiting.splice(0)) w.reject(exited);
  });
  return {
    run(command, stdin) {
      if (exited) return Promise.reject(exited);
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        child.stdin.write(`${JSON.stringify({ args: [command], stdin })}\n`);
      });
    },
    close() {
      if (exited) return Promise.resolve();
      return new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.stdin.end();
      });
    },
  };
}

const NUMERIC = /^-?\d+(\.\d+)?$/;
/** "0" equals "0.00": decimal strings compared by exact value (trailing zeros ignored). */
function canonicalNumber(v: string | number): string {
  const s = String(v);
  if (!s.includes('.')) return s.replace(/^(-?)0+(?=\d)/, '$1');
  return s.replace(/0+$/, '').replace(/\.$/, '');
}

/** Assert that `actual` satisfies a vector's `expect` (numbers by value, error by code). */
export function expectMatches(actualOutput: object, expected: Record<string, unknown>, id: string): void {
  const actual = actualOutput as Record<string, unknown>;
  for (const [key, want] of Object.entries(expected)) {
    const got = actual[key];
    if (key === 'error') {
      expect((got as { code?: string } | undefined)?.code, `${id}: error code`).toBe((want as { code: string }).code);
    } else if ((typeof want === 'string' || typeof want === 'number') && NUMERIC.test(String(want))) {
      expect(got === undefined || got === null ? got : canonicalNumber(got as string), `${id}: ${key}`).toBe(canonicalNumber(want));
    } else {
      expect(got, `${id}: ${key}`).toEqual(want);
    }
  }
}

/** Convenience for table tests: yuan/percent strings in, formatted money out. */
export function interest(overrides: Partial<Record<keyof InterestInput, unknown>> & { principal?: string; annualRate?: string; approvedAmount?: string }, catalog = DEFAULT_CATALOG) {
  const { principal = '200000.00', annualRate = '4.65', approvedAmount, balances, ...rest } = overrides as Record<string, unknown>;
  const input = {
    district: '500154', borrowerType: 'individual', contractDate: '2022-09-15', disbursedDate: '2022-09-15',
    periodStart: '2022-09-21', periodEnd: '2022-12-20', ...rest,
    principal: parseYuan(principal as string), annualRate: parseRate(annualRate as string),
    approvedAmount: approvedAmount === undefined ? undefined : parseYuan(approvedAmount as string),
    balances: (balances as { from: string; principal: string }[] | undefined)?.map((b) => ({ from: b.from, principal: parseYuan(b.principal) })),
  } as InterestInput;
  const r = computeInterest(input, catalog);
  return { ...r, total: formatYuan(r.totalInterest), sub: formatYuan(r.subsidy), borrower: formatYuan(r.borrowerInterest) };
}

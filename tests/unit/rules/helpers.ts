import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect } from 'vitest';
import { DEFAULT_CATALOG, computeInterest, type InterestInput } from '@/lib/domain/rules';
import { parseRate, parseYuan, formatYuan } from '@/lib/domain/money';

export const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Run the CLI exactly as documented (tsx scripts/rules.ts <command>) with a JSON stdin. */
export function runCli(command: string, stdin: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync('npx', ['tsx', 'scripts/rules.ts', command], { cwd: ROOT, input: stdin, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
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

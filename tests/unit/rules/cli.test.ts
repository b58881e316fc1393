/**
 * The command-line contract (rules.md §9): refusals are answers (exit 0),
 * malformed input exits 2 with INVALID_INPUT, arrays answer element by element.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli, type CliSession } from './helpers';

const loan = {
  district: '500154', borrowerType: 'individual', principal: '200000.00', contractDate: '2022-09-15', disbursedDate: '2022-09-15',
  annualRate: '4.65', periodStart: '2022-09-21', periodEnd: '2022-12-20',
};

describe('rules CLI', () => {
  let cli: CliSession;
  beforeAll(() => {
    cli = startCli();
  });
  afterAll(() => cli.close());
  const runCli = (command: string, stdin: string) => cli.run(command, stdin);

  it('answers a single object with a single object, trace included', async () => {
    const r = await runCli('interest', JSON.stringify(loan));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect([out.subsidy, out.trace.ruleSet.id, out.trace.totalInterest.rounded]).toEqual(['1263.89', 'loan/500154/2021-01-01', '2350.83']);
  });

  it('a refusal is an answer: RATE_ABOVE_CAP, exit 0', async () => {
    const r = await runCli('interest', JSON.stringify({ ...loan, annualRate: '6.16' }));
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).error.code).toBe('RATE_ABOVE_CAP');
  });

  it('NO_LPR before 2019-08-20 (exit 0)', async () => {
    const r = await runCli('lpr', JSON.stringify({ date: '2019-08-19' }));
    expect([r.status, JSON.parse(r.stdout).error.code]).toEqual([0, 'NO_LPR']);
  });

  it.each([
    ['malformed JSON', 'interest', '{"district":'],
    ['an unknown command', 'no-such-command', '{}'],
    ['a single invalid object', 'interest', JSON.stringify({ ...loan, principal: '12.345' })],
    ['a missing field', 'interest', JSON.stringify({ district: '500154' })],
    ['an unknown (misspelt) field', 'interest', JSON.stringify({ ...loan, overDue: true })],
    ['a scalar top level', 'lpr', '42'],
  ])('exits 2 with INVALID_INPUT for %s', async (_, command, stdin) => {
    const r = await runCli(command, stdin);
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stdout).error.code).toBe('INVALID_INPUT');
  });

  it('answers an array in order; a bad element gets its own INVALID_INPUT error and the run exits 0', async () => {
    const r = await runCli('interest', JSON.stringify([loan, { ...loan, periodEnd: 'tomorrow' }, { ...loan, overdue: true }, 7]));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.map((o: { subsidy?: string; error?: { code: string } }) => o.subsidy ?? o.error?.code)).toEqual(['1263.89', 'INVALID_INPUT', '0.00', 'INVALID_INPUT']);
  });

  it('runs the extra schedule command', async () => {
    const r = await runCli('schedule', JSON.stringify({ ...loan, periodStart: undefined, periodEnd: undefined, maturityDate: '2024-09-15', asOf: '2023-01-10' }));
    expect(r.status, r.stdout).toBe(0);
    const out = JSON.parse(r.stdout);
    expect([out.periods.length, out.periods[1].subsidy, out.closedTotals.subsidy]).toEqual([9, '1263.89', '1347.22']);
  });
});

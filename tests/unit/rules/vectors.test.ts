/**
 * Every worked case of vectors.json (copied into tests/fixtures) through the
 * command function in-process AND through the CLI, one spawn per command with
 * the array of that command's cases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import vectors from '../../fixtures/vectors.json';
import { runCommand } from '@/lib/domain/rules';
import { expectMatches, startCli, type CliSession } from './helpers';

type Vector = { id: string; command: string; input: Record<string, unknown>; expect: Record<string, unknown> };
const all = vectors as Vector[];
const commands = [...new Set(all.map((v) => v.command))];

describe('vectors.json through runCommand', () => {
  it('carries every case of the shared spec', () => {
    expect(all).toHaveLength(20);
    expect(new Set(all.map((v) => v.id)).size).toBe(all.length);
  });
  for (const v of all) {
    it(`${v.id} (${v.command})`, () => {
      const outcome = runCommand(v.command, v.input);
      expectMatches(outcome.output, v.expect, v.id);
    });
  }
});

describe('vectors.json through the CLI', () => {
  let cli: CliSession;
  beforeAll(() => {
    cli = startCli();
  });
  afterAll(() => cli.close());
  for (const command of commands) {
    it(`${command}: all cases in one array`, async () => {
      const cases = all.filter((v) => v.command === command);
      const r = await cli.run(command, JSON.stringify(cases.map((v) => v.input)));
      expect(r.status, r.stdout).toBe(0);
      const answers = JSON.parse(r.stdout) as Record<string, unknown>[];
      expect(answers).toHaveLength(cases.length);
      cases.forEach((v, i) => expectMatches(answers[i], v.expect, v.id));
    });
  }
});

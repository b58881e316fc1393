/**
 * Dispatch for the command contract (rules.md §9): a command name and one
 * input object → one output object, or `{ error: { code, message } }`.
 * A refusal (RATE_ABOVE_CAP, NO_LPR, …) is an answer. `invalidInput` tells
 * the CLI whether the error was the caller's malformed input (exit 2 at top level).
 */
import type { z } from 'zod';
import { RuleError, type RuleErrorCode } from '../errors';
import { describeZodError } from './commands/fields';
import * as loan from './commands/loan-commands';
import * as subsidy from './commands/subsidy-commands';
import * as validators from './commands/validator-commands';
import { DEFAULT_CATALOG } from './defaults';
import type { RuleCatalog } from './rule-set-schema';

type Handler = { schema: z.ZodType; run: (input: never, catalog: RuleCatalog) => unknown };
const handler = <S extends z.ZodType>(schema: S, run: (input: z.output<S>, catalog: RuleCatalog) => unknown): Handler => ({ schema, run: run as Handler['run'] });

const COMMANDS = {
  lpr: handler(loan.lprInput, loan.runLpr),
  interest: handler(loan.interestInput, loan.runInterest),
  'loan-limit': handler(loan.loanLimitInput, loan.runLoanLimit),
  'guarantee-fee-subsidy': handler(loan.guaranteeFeeInput, loan.runGuaranteeFee),
  schedule: handler(loan.scheduleInput, loan.runSchedule),
  'wage-refund': handler(subsidy.wageRefundInput, subsidy.runWageRefund),
  'hiring-subsidy': handler(subsidy.hiringSubsidyInput, subsidy.runHiringSubsidy),
  'skills-subsidy': handler(subsidy.skillsSubsidyInput, subsidy.runSkillsSubsidy),
  'returnee-package': handler(subsidy.returneePackageInput, subsidy.runReturneePackage),
  'validate-id': handler(validators.validateIdInput, validators.runValidateId),
  'validate-uscc': handler(validators.validateValueInput, validators.runValidateUscc),
  'validate-mobile': handler(validators.validateValueInput, validators.runValidateMobile),
} satisfies Record<string, Handler>;

export type CommandName = keyof typeof COMMANDS;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];
export const isCommandName = (name: string): name is CommandName => Object.hasOwn(COMMANDS, name);

export interface CommandError {
  error: { code: RuleErrorCode; message: string };
}
export type CommandOutcome = { ok: true; output: Record<string, unknown> } | { ok: false; output: CommandError; invalidInput: boolean };

const fail = (code: RuleErrorCode, message: string): CommandOutcome => ({ ok: false, output: { error: { code, message } }, invalidInput: code === 'INVALID_INPUT' });

export function runCommand(name: string, input: unknown, catalog: RuleCatalog = DEFAULT_CATALOG): CommandOutcome {
  if (!isCommandName(name)) return fail('INVALID_INPUT', `未知命令：${name}（可用：${COMMAND_NAMES.join(', ')}）`);
  const { schema, run } = COMMANDS[name];
  const parsed = schema.safeParse(input);
  if (!parsed.success) return fail('INVALID_INPUT', describeZodError(parsed.error));
  try {
    return { ok: true, output: run(parsed.data as never, catalog) as Record<string, unknown> };
  } catch (e) {
    if (e instanceof RuleError) return fail(e.code, e.message);
    throw e; // a bug, not an answer: let it crash loudly
  }
}

/**
 * Typed refusals of the rules engine. A RuleError is an *answer* (e.g. the
 * contract rate is above the cap), not a crash: callers turn it into
 * `{ error: { code, message } }`. Messages are Chinese and safe to show to
 * applicants (no internal details).
 */
export type RuleErrorCode =
  | 'INVALID_INPUT'
  | 'NO_LPR'
  | 'RATE_ABOVE_CAP'
  | 'NO_RULE_SET';

export class RuleError extends Error {
  readonly code: RuleErrorCode;
  /** Optional machine-readable details (field names, values) for logs and traces. */
  readonly details?: Record<string, string>;

  constructor(code: RuleErrorCode, message: string, details?: Record<string, string>) {
    super(message);
    this.name = 'RuleError';
    this.code = code;
    this.details = details;
  }

  toJSON(): { code: RuleErrorCode; message: string } {
    return { code: this.code, message: this.message };
  }
}

export function invalidInput(message: string, field?: string): RuleError {
  return new RuleError('INVALID_INPUT', message, field ? { field } : undefined);
}

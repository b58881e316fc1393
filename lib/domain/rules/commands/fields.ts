/**
 * Zod fields for the command contract (rules.md §9): money as yuan strings
 * (or plain JSON numbers) → fen bigint; rates as percent strings → 0.0001%
 * units; ISO dates; district codes. Domain errors become zod issues so one
 * message lists every bad field.
 */
import { z } from 'zod';
import { isIsoDate } from '../../dates';
import { RuleError } from '../../errors';
import { parseRate, parseYuan } from '../../money';
import { rat, type Rational } from '../../rational';
import { BORROWER_TYPES } from '../rule-set-schema';

// One transform instead of a string|number union: this runs for every field of 10,000-row batches.
function viaParser<T>(parse: (v: string | number) => T) {
  return z.unknown().transform((value, ctx) => {
    if (typeof value !== 'string' && typeof value !== 'number') {
      ctx.addIssue({ code: 'custom', message: '应为数字字符串（如 "1234.50"）' });
      return z.NEVER;
    }
    try {
      return parse(value);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: e instanceof RuleError ? e.message : String(e) });
      return z.NEVER;
    }
  });
}

export const money = viaParser((v) => parseYuan(v));
export const rate = viaParser((v) => parseRate(v));
/** A non-negative decimal with up to 4 places as an exact rational (e.g. monthly-average headcount). */
export const decimal = viaParser((v): Rational => {
  const m = /^(\d+)(?:\.(\d{1,4}))?$/.exec(String(v));
  if (!m || /e/i.test(String(v))) throw new RuleError('INVALID_INPUT', `应为非负数（最多四位小数）：${String(v)}`);
  return rat(BigInt(m[1]) * 10_000n + BigInt((m[2] ?? '').padEnd(4, '0')), 10_000n);
});
export const isoDate = z.string().refine(isIsoDate, { message: '日期应为YYYY-MM-DD格式的有效日期' });
export const district = z.string().regex(/^\d{6}$/, '行政区划代码应为6位数字');
export const jurisdiction = z.union([z.literal('national'), district]);
export const borrowerType = z.enum(BORROWER_TYPES);
export const count = z.number().int().nonnegative();
export const policyYear = z.number().int().min(1990).max(2200);

/** Chinese summary of a zod error: every path with its message. */
export function describeZodError(error: z.ZodError): string {
  return `输入不正确：${error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(输入)'}：${i.message}`).join('；')}`;
}

/**
 * Zod building blocks shared by forms and server actions. Each one validates
 * with the pure domain validator and outputs the normalised value, with a
 * distinct Chinese message per failure (length / birth date / check digit …).
 */
import { z } from './zod';
import { validateIdCard, validateMobile, validateUscc } from '@/lib/domain/validators';

export const zIdCardNumber = z.string().transform((value, ctx) => {
  const result = validateIdCard(value);
  if (!result.valid) {
    ctx.addIssue({ code: 'custom', message: result.message, params: { reason: result.code } });
    return z.NEVER;
  }
  return result.normalized;
});

export const zUscc = z.string().transform((value, ctx) => {
  const result = validateUscc(value);
  if (!result.valid) {
    ctx.addIssue({ code: 'custom', message: result.message, params: { reason: result.code } });
    return z.NEVER;
  }
  return result.normalized;
});

export const zMobile = z.string().transform((value, ctx) => {
  const result = validateMobile(value);
  if (!result.valid) {
    ctx.addIssue({ code: 'custom', message: result.message, params: { reason: result.code } });
    return z.NEVER;
  }
  return result.normalized;
});

/** The same checks for a field that may be left empty: '' (or missing) means "not given". */
const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
// Typed as an optional string field so forms and object types see `field?: string`.
type OptionalText = z.ZodOptional<z.ZodType<string, string>>;
export const zOptionalIdCardNumber = z.preprocess(emptyToUndefined, zIdCardNumber.optional()).optional() as unknown as OptionalText;
export const zOptionalUscc = z.preprocess(emptyToUndefined, zUscc.optional()).optional() as unknown as OptionalText;

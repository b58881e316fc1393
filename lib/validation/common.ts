/**
 * Zod building blocks shared by forms and server actions. Each one validates
 * with the pure domain validator and outputs the normalised value, with a
 * distinct Chinese message per failure (length / birth date / check digit …).
 */
import { z } from 'zod';
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

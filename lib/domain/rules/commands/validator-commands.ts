/** `validate-id`, `validate-uscc`, `validate-mobile`: invalid values are answers (valid: false), not errors. */
import { z } from 'zod';
import { validateIdCard, validateMobile, validateUscc } from '../../validators';
import { isoDate } from './fields';

export const validateIdInput = z.strictObject({ value: z.string(), today: isoDate.optional() });
export function runValidateId(input: z.output<typeof validateIdInput>) {
  const r = validateIdCard(input.value, { today: input.today });
  return r.valid
    ? { valid: true, normalized: r.normalized, birthDate: r.birthDate, gender: r.gender }
    : { valid: false, normalized: r.normalized, reason: { code: r.code, message: r.message } };
}

export const validateValueInput = z.strictObject({ value: z.string() });
export function runValidateUscc(input: z.output<typeof validateValueInput>) {
  const r = validateUscc(input.value);
  return r.valid
    ? { valid: true, normalized: r.normalized, warnings: r.warnings }
    : { valid: false, normalized: r.normalized, reason: { code: r.code, message: r.message } };
}

export function runValidateMobile(input: z.output<typeof validateValueInput>) {
  const r = validateMobile(input.value);
  return r.valid ? { valid: true, normalized: r.normalized } : { valid: false, normalized: r.normalized, reason: { code: r.code, message: r.message } };
}

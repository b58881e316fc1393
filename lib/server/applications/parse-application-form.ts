import { AppError } from '@/lib/errors/app-error';
import { ZApplicationFormSchema, type TApplicationForm } from '@/lib/validation/application';

/** Parse a full form, or INVALID_INPUT carrying every field message at once (一次性告知). */
export function parseApplicationForm(raw: unknown): TApplicationForm {
  const parsed = ZApplicationFormSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const issue of parsed.error.issues) fieldErrors[issue.path.join('.') || '_'] ??= issue.message;
  throw new AppError('INVALID_INPUT', { userMessage: `请修改以下 ${Object.keys(fieldErrors).length} 处填写问题后再提交`, fieldErrors });
}

import type { z } from 'zod';
import { AppError } from '@/lib/errors/app-error';

/** Parse with a shared schema or throw INVALID_INPUT carrying every field message. */
export function parseOrThrow<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string> = {};
  for (const i of parsed.error.issues) fieldErrors[i.path.join('.') || '_'] ??= i.message;
  throw new AppError('INVALID_INPUT', { userMessage: Object.values(fieldErrors)[0], fieldErrors });
}

import type { z } from 'zod';
import { AppError } from './errors.js';

/**
 * Parses input at the edge with its contract; callers get the parsed value and never read the
 * raw request again. The message names each offending field and what to fix.
 */
export function parse<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what = 'request',
): z.output<S> {
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({
    path: i.path.length ? i.path.join('.') : what,
    message: i.code === 'unrecognized_keys' ? `unknown field(s): ${i.keys.join(', ')}` : i.message,
  }));
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  throw new AppError(
    'VALIDATION_FAILED',
    `Invalid ${what}: ${summary}`,
    { issues },
    { fields: [...new Set(issues.map((i) => i.path))].join(', ') },
  );
}

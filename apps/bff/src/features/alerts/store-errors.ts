import { DuplicateNameError } from '@obconsole/store';
import { AppError } from '../../lib/errors.js';

/**
 * Runs a store call: a duplicate name is the user's to fix (400), any other failure means the
 * store cannot be used right now (503 STORE_UNAVAILABLE, the cause kept for the log only).
 */
export async function inStore<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (e instanceof DuplicateNameError)
      throw new AppError(
        'VALIDATION_FAILED',
        `A ${e.kind} named "${e.duplicate}" already exists in this cluster: pick another name.`,
        undefined,
        { fields: 'name' },
      );
    throw new AppError(
      'STORE_UNAVAILABLE',
      `The console cannot ${what} right now: its store does not answer. Try again in a moment.`,
      undefined,
      undefined,
      e,
    );
  }
}

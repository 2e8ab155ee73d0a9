import { readFileSync } from 'node:fs';
import { StoreConfigError } from './location.js';
import type { OpenStoreOptions } from './open.js';

/**
 * The store's settings from the environment: STORE_URL, STORE_PASSWORD_FILE (preferred) or
 * STORE_PASSWORD, DATA_DIR (default ./data).
 */
export function storeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): OpenStoreOptions {
  const dataDir = env.DATA_DIR?.trim() || './data';
  const url = env.STORE_URL?.trim() || undefined;
  let password = env.STORE_PASSWORD;
  const file = env.STORE_PASSWORD_FILE?.trim();
  if (file) {
    if (password !== undefined)
      throw new StoreConfigError('set STORE_PASSWORD_FILE or STORE_PASSWORD, not both');
    try {
      // One trailing newline is what editors and `echo` add; it is not part of the password.
      password = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (e) {
      throw new StoreConfigError(
        `STORE_PASSWORD_FILE ${file} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}): check the path and its permissions`,
      );
    }
  }
  return { url, password, dataDir };
}

/** AUDIT_RETENTION_DAYS: whole days the audit trail keeps (default 365). */
export function auditRetentionDaysFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.AUDIT_RETENTION_DAYS?.trim();
  if (!raw) return 365;
  if (!/^[1-9]\d{0,5}$/.test(raw))
    throw new StoreConfigError(
      `AUDIT_RETENTION_DAYS must be a whole number of days from 1 (got ${JSON.stringify(raw)}), e.g. 365`,
    );
  return Number(raw);
}

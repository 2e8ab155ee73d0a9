import { AppError } from './errors.js';
import type { Logger } from './logger.js';
import { scrub } from './redact.js';
import { isDriverError } from './db-errors.js';

/* How a statement is logged: its name, masked text and duration; the errno when it failed. */

/** Statements that only read; anything else (ALTER SYSTEM …) logs at info whatever the level of reads. */
const READ = /^\s*(SELECT|SHOW|WITH)\b/i;

export function logLevelOf(sql: string, readLevel: 'info' | 'debug'): 'info' | 'debug' {
  return READ.test(sql) ? readLevel : 'info';
}

export function logStatement(
  log: Logger,
  level: 'info' | 'debug',
  fields: { sqlName: string; sql: string; started: number; rows?: number },
): void {
  const { started, ...rest } = fields;
  log[level]({ ...rest, ms: round(performance.now() - started) }, 'sql');
}

export function logFailure(
  log: Logger,
  fields: { sqlName: string; sql: string; started: number },
  e: unknown,
): void {
  log.info(
    {
      sqlName: fields.sqlName,
      sql: fields.sql,
      ms: round(performance.now() - fields.started),
      errno: isDriverError(e) ? (e.errno ?? e.code) : e instanceof AppError ? e.code : undefined,
    },
    'sql failed',
  );
}

/** OceanBase may echo a statement in its error: the literals it carried are masked there. */
export function scrubDriverError(
  e: { sqlMessage?: string; message?: string; sql?: string },
  secrets: string[],
): void {
  if (e.sqlMessage !== undefined) e.sqlMessage = scrub(e.sqlMessage, secrets);
  if (e.message !== undefined) e.message = scrub(e.message, secrets);
  if (e.sql !== undefined) e.sql = scrub(e.sql, secrets);
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

import { AppError } from './errors.js';
import { innerObCode, OB_MEANINGS } from './ob-error-meaning.js';
import { scrub } from './redact.js';

const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'POOL_CLOSED',
  'ER_CON_COUNT_ERROR',
]);

interface DriverError {
  code?: string;
  errno?: number;
  sqlState?: string;
  sqlMessage?: string;
  fatal?: boolean;
  message?: string;
}

export function isDriverError(e: unknown): e is DriverError {
  return typeof e === 'object' && e !== null && ('code' in e || 'errno' in e);
}

/** True when the error means the database could not be reached (not that it refused something). */
export function isUnavailable(e: unknown): boolean {
  if (!isDriverError(e)) return false;
  if (e.code && UNAVAILABLE_CODES.has(e.code)) return true;
  // A fatal error without an OceanBase errno is a broken connection.
  return Boolean(e.fatal) && !e.sqlState;
}

/**
 * Turns a driver error into the one error the client sees. OceanBase's own errors keep their
 * number and text; anything that looks like a password is scrubbed from them first.
 */
export function toAppError(e: unknown, secrets: Iterable<string> = []): AppError {
  if (e instanceof AppError) return e;
  if (isUnavailable(e)) {
    return new AppError(
      'DATABASE_UNAVAILABLE',
      'The database cannot be reached right now. Try again in a moment.',
    );
  }
  if (isDriverError(e) && typeof e.errno === 'number' && e.sqlMessage !== undefined) {
    // A syntax error echoes the rest of the statement: keep the start, not a 100 kB body.
    const sqlMessage = truncate(scrub(e.sqlMessage, secrets), 500);
    const obCode = innerObCode(e.errno, e.sqlMessage);
    const meaning = obCode === null ? undefined : OB_MEANINGS[obCode];
    if (meaning) {
      // Same meaning in both modes: 9036 in MySQL mode, ORA-00600 "-9036, ..." in Oracle mode.
      return new AppError(meaning.code, meaning.message, {
        errno: e.errno,
        sqlState: e.sqlState,
        sqlMessage,
        obCode,
      });
    }
    return new AppError(
      'OCEANBASE_ERROR',
      `OceanBase refused the statement: ERROR ${e.errno} (${e.sqlState ?? 'HY000'}): ${sqlMessage}`,
      {
        errno: e.errno,
        sqlState: e.sqlState,
        sqlMessage,
        ...(obCode === null ? {} : { obCode }),
      },
    );
  }
  // The original error travels along so the error handler can log its stack.
  return new AppError('INTERNAL', 'Something went wrong on the server.', undefined, undefined, e);
}

function truncate(text: string, max: number): string {
  return text.length <= max
    ? text
    : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

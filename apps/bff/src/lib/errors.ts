import type { ErrorCode, MessageParams } from '@obconsole/contracts';

const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  INVALID_CURSOR: 400,
  PAYLOAD_TOO_LARGE: 413,
  LOGIN_FAILED: 401,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  CROSS_ORIGIN_REJECTED: 403,
  NOT_FOUND: 404,
  TENANT_NOT_FOUND: 404,
  IDEMPOTENCY_CONFLICT: 409,
  BACKUP_IN_PROGRESS: 409,
  NOT_A_USER_TENANT: 422,
  TENANT_NOT_NORMAL: 422,
  LOG_ARCHIVE_NOT_DOING: 422,
  BACKUP_DEST_NOT_SET: 422,
  NO_FULL_BACKUP: 422,
  NO_ELIGIBLE_TENANT: 422,
  OCEANBASE_ERROR: 422,
  RATE_LIMITED: 429,
  DATABASE_UNAVAILABLE: 503,
  DATABASE_BUSY: 503,
  STORE_UNAVAILABLE: 503,
  NO_SERVICE_ACCOUNT: 422,
  POLICY_NAME_TAKEN: 409,
  TOO_MANY_SESSIONS: 429,
  TOO_MANY_STREAMS: 429,
  TOO_MANY_CONNECTIONS: 503,
  MISDIRECTED_REQUEST: 421,
  INTERNAL: 500,
};

/**
 * An error the client may see: a stable code, a safe English message, optional safe details,
 * and the params the web needs to say the same in the user's language (with `variant` when one
 * code has several sentences). Params are shown to the user: never put a secret in them.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly params?: MessageParams,
    /** What caused an INTERNAL error: logged with its stack, never shown. */
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'AppError';
    this.status = STATUS[code];
  }
}

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

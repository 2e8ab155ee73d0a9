import { z } from 'zod';

/** Every error the BFF answers with has one of these stable codes. */
export const ErrorCode = z.enum([
  'VALIDATION_FAILED',
  'MALFORMED_JSON',
  'PAYLOAD_TOO_LARGE',
  'LOGIN_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'CROSS_ORIGIN_REJECTED',
  'NOT_FOUND',
  'INVALID_CURSOR',
  'IDEMPOTENCY_CONFLICT',
  'TENANT_NOT_FOUND',
  'NOT_A_USER_TENANT',
  'TENANT_NOT_NORMAL',
  'LOG_ARCHIVE_NOT_DOING',
  'BACKUP_DEST_NOT_SET',
  'BACKUP_IN_PROGRESS',
  'NO_FULL_BACKUP',
  'NO_ELIGIBLE_TENANT',
  'OCEANBASE_ERROR',
  'DATABASE_UNAVAILABLE',
  'DATABASE_BUSY',
  /** The console's own store (audit trail) cannot be written: the action is not taken. */
  'STORE_UNAVAILABLE',
  /** A policy cannot be enabled (or run) on a cluster without a service account. */
  'NO_SERVICE_ACCOUNT',
  /** Another policy of the cluster already has this name. */
  'POLICY_NAME_TAKEN',
  'TOO_MANY_SESSIONS',
  'TOO_MANY_STREAMS',
  'TOO_MANY_CONNECTIONS',
  'MISDIRECTED_REQUEST',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/**
 * The values a message is built from, so that a client can say it in the user's language:
 * the client looks the text up by code (and `variant`, when one code has several sentences)
 * and falls back to the English `message` for a code it does not know.
 */
export const MessageParams = z.record(z.string(), z.union([z.string(), z.number()]));
export type MessageParams = z.infer<typeof MessageParams>;

export const ErrorBody = z.object({
  error: z.object({
    code: ErrorCode,
    /** English, for API clients and logs. */
    message: z.string(),
    params: MessageParams.optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** `details` of an OCEANBASE_ERROR: the server's own error, untouched. */
export const OceanBaseErrorDetails = z.object({
  errno: z.number().int(),
  sqlState: z.string().optional(),
  sqlMessage: z.string(),
});
export type OceanBaseErrorDetails = z.infer<typeof OceanBaseErrorDetails>;

/** `details` of VALIDATION_FAILED: one entry per offending field. */
export const ValidationIssue = z.object({ path: z.string(), message: z.string() });
export type ValidationIssue = z.infer<typeof ValidationIssue>;

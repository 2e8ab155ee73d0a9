import { z } from 'zod';
import { ErrorCode, MessageParams } from './errors.js';
import {
  BackupType,
  EncryptionMode,
  Initiator,
  IsoTimestamp,
  JobLevel,
  JobStatus,
  TaskStatus,
  TenantName,
  hasLoneSurrogate,
} from './common.js';

/** `"all"` or a non-empty list of distinct tenant names. */
export const TenantScope = z.union([
  z.literal('all'),
  z
    .array(TenantName)
    .min(1, 'choose at least one tenant, or "all"')
    .max(64, 'at most 64 tenants at once')
    .refine(
      (names) => new Set(names.map((n) => n.toLowerCase())).size === names.length,
      'a tenant is listed twice',
    ),
]);
export type TenantScope = z.infer<typeof TenantScope>;

/** OceanBase keeps DESCRIPTION in a varchar(4096); the console keeps it to one readable line. */
export const Description = z
  .string()
  .max(256, 'a description is at most 256 characters')
  .refine(
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    (d) => !/[\0-\x1f\x7f]/.test(d),
    'a description is one line of text without control characters',
  );

/**
 * The backup password: kept in memory for one statement, never logged or returned. NUL cannot
 * travel inside an SQL string literal, so it is refused here rather than silently cut.
 */
export const EncryptionPassword = z
  .string()
  .min(1, 'the encryption password cannot be empty')
  .max(128, 'the encryption password is at most 128 characters')
  .refine((p) => !p.includes('\0'), 'the encryption password cannot contain NUL')
  // A lone UTF-16 surrogate has no UTF-8 form: sent on, it would become U+FFFD and the backup
  // would be encrypted with a password nobody typed.
  .refine(
    (p) => !hasLoneSurrogate(p),
    'the encryption password contains an unpaired surrogate (a broken emoji or character): retype it',
  );

const backupFields = {
  type: BackupType,
  tenants: TenantScope,
  plusArchivelog: z.boolean().default(false),
  description: Description.optional(),
};

export const PreviewRequest = z.strictObject({
  ...backupFields,
  /** Whether a password will be given: the SQL preview then shows the masked SET ENCRYPTION. */
  encrypted: z.boolean().default(false),
});
export type PreviewRequest = z.input<typeof PreviewRequest>;

export const StartBackupRequest = z.strictObject({
  ...backupFields,
  encryptionPassword: EncryptionPassword.optional(),
});
export type StartBackupRequest = z.input<typeof StartBackupRequest>;

/** One check before a backup: its code, whether it passed, and the values its sentence names. */
export const PreconditionCheck = z.object({
  code: ErrorCode,
  ok: z.boolean(),
  /** English, for API clients. */
  message: z.string(),
  params: MessageParams.optional(),
});
export type PreconditionCheck = z.infer<typeof PreconditionCheck>;

export const PreviewTenant = z.object({
  tenantId: z.number().int().nullable(),
  tenantName: z.string(),
  /** backup: it will run; skip: OceanBase would skip it silently ("all"); refuse: the request cannot run. */
  action: z.enum(['backup', 'skip', 'refuse']),
  checks: z.array(PreconditionCheck),
  /** The data backup destination the set will be written to, credentials removed; null when unset. */
  destination: z.string().nullable(),
  /** The first failing check, when action is not backup. */
  reason: PreconditionCheck.optional(),
});
export type PreviewTenant = z.infer<typeof PreviewTenant>;

export const PreviewResponse = z.object({
  type: BackupType,
  canStart: z.boolean(),
  tenants: z.array(PreviewTenant),
  /** The exact statements that would run on one dedicated connection, password masked. */
  statements: z.array(z.string()),
  /** Why it cannot start, when canStart is false. */
  blocking: z.array(
    z.object({
      code: ErrorCode,
      message: z.string(),
      params: MessageParams.optional(),
      tenantName: z.string().optional(),
    }),
  ),
});
export type PreviewResponse = z.infer<typeof PreviewResponse>;

export const CreatedJob = z.object({
  tenantId: z.number().int(),
  tenantName: z.string(),
  jobId: z.number().int(),
  level: JobLevel,
});
export type CreatedJob = z.infer<typeof CreatedJob>;

export const StartBackupResponse = z.object({
  jobs: z.array(CreatedJob),
  /** The statements that ran on the dedicated connection, as the preview showed them (password masked). */
  statements: z.array(z.string()),
  /** Tenants that "all" left out, with the reason (OceanBase itself says nothing). */
  skipped: z.array(
    z.object({
      tenantName: z.string(),
      code: ErrorCode,
      message: z.string(),
      params: MessageParams.optional(),
    }),
  ),
});
export type StartBackupResponse = z.infer<typeof StartBackupResponse>;

export const CancelRequest = z.strictObject({ tenants: TenantScope });
export type CancelRequest = z.input<typeof CancelRequest>;

export const CancelResponse = z.object({
  /** The jobs that were running and are now CANCELING. Empty when nothing was running. */
  canceling: z.array(
    z.object({ tenantId: z.number().int(), tenantName: z.string(), jobId: z.number().int() }),
  ),
});
export type CancelResponse = z.infer<typeof CancelResponse>;

export const Progress = z.object({
  /** 0..100; 100 only once COMPLETED. */
  percent: z.number(),
  macroBlocks: z.object({ done: z.number(), total: z.number() }),
  tablets: z.object({ done: z.number(), total: z.number() }),
  inputBytes: z.number(),
  outputBytes: z.number(),
  /** Output bytes per second since the task started (the view's own rate is 0 while running). */
  rateBytesPerSec: z.number(),
  elapsedSeconds: z.number(),
  /** Estimated seconds left; null until enough of the work is done to say. */
  etaSeconds: z.number().nullable(),
});
export type Progress = z.infer<typeof Progress>;

export const ActiveJob = z.object({
  tenantId: z.number().int(),
  tenantName: z.string(),
  jobId: z.number().int(),
  backupSetId: z.number().int(),
  level: JobLevel,
  type: BackupType,
  status: JobStatus,
  /** The task's STATUS, null before the task exists (and for the cluster job). */
  phase: TaskStatus.nullable(),
  plusArchivelog: z.boolean(),
  encryptionMode: EncryptionMode,
  description: z.string(),
  initiator: Initiator,
  startTime: IsoTimestamp,
  path: z.string(),
  progress: Progress,
});
export type ActiveJob = z.infer<typeof ActiveJob>;

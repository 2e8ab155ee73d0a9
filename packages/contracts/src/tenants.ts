import { z } from 'zod';
import { ErrorCode, MessageParams } from './errors.js';
import { IsoTimestamp, JobStatus, TenantMode } from './common.js';
import { ActiveJob } from './backups.js';

export const Eligibility = z.object({
  ok: z.boolean(),
  /** Present when ok is false: the same code the start route would answer with. */
  reason: ErrorCode.optional(),
  message: z.string().optional(),
  /** The values of the failed check's sentence (see PreconditionCheck). */
  params: MessageParams.optional(),
});
export type Eligibility = z.infer<typeof Eligibility>;

export const BackupSummary = z.object({
  jobId: z.number().int(),
  backupSetId: z.number().int(),
  status: JobStatus,
  startTime: IsoTimestamp,
  endTime: IsoTimestamp.nullable(),
});
export type BackupSummary = z.infer<typeof BackupSummary>;

/** The newest COMPLETED job of a type, with its backup set's size: what a restore can use. */
export const SuccessfulBackup = BackupSummary.extend({
  /** OUTPUT_BYTES of the backup set, when the set is still listed. */
  outputBytes: z.number().nullable(),
});
export type SuccessfulBackup = z.infer<typeof SuccessfulBackup>;

export const Tenant = z.object({
  tenantId: z.number().int(),
  name: z.string(),
  mode: TenantMode,
  /** DBA_OB_TENANTS.STATUS, e.g. NORMAL, CREATING, DROPPING, RESTORE. */
  status: z.string(),
  /** ARCHIVELOG / NOARCHIVELOG */
  logMode: z.string(),
  /** The current archive round's STATUS (DOING, PREPARE, STOP, ...), or null when there is none. */
  archiveStatus: z.string().nullable(),
  dataBackupDest: z.object({
    set: z.boolean(),
    /** The path with any access credentials removed. */
    path: z.string().nullable(),
  }),
  latestFull: BackupSummary.nullable(),
  latestIncremental: BackupSummary.nullable(),
  /** A failed or cancelled attempt after it does not hide it. */
  lastSuccessfulFull: SuccessfulBackup.nullable(),
  lastSuccessfulIncremental: SuccessfulBackup.nullable(),
  running: ActiveJob.nullable(),
  eligible: z.object({ full: Eligibility, incremental: Eligibility }),
});
export type Tenant = z.infer<typeof Tenant>;

export const TenantsResponse = z.object({ tenants: z.array(Tenant) });
export type TenantsResponse = z.infer<typeof TenantsResponse>;

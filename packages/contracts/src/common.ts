import { z } from 'zod';

/**
 * OceanBase tenant names: a letter or underscore first, then letters, digits and underscores,
 * at most 64 bytes (CREATE TENANT reference). They cannot be bound as parameters in ALTER SYSTEM, so this pattern
 * is the first of two gates (the second is the live tenant list).
 */
export const TENANT_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
export const TenantName = z
  .string()
  .regex(
    TENANT_NAME_PATTERN,
    'a tenant name is a letter or _ followed by letters, digits or _ (at most 64)',
  );

export const TenantMode = z.enum(['MYSQL', 'ORACLE']);
export type TenantMode = z.infer<typeof TenantMode>;

/** Timestamps cross the wire as ISO-8601 strings in UTC with microseconds kept when known. */
export const IsoTimestamp = z.string();

export const BackupType = z.enum(['full', 'incremental']);
export type BackupType = z.infer<typeof BackupType>;

/** Job STATUS values of the *_OB_BACKUP_JOBS / *_JOB_HISTORY views. */
export const JobStatus = z.enum(['INIT', 'DOING', 'COMPLETED', 'FAILED', 'CANCELING', 'CANCELED']);
export type JobStatus = z.infer<typeof JobStatus>;

/** Task STATUS values (ObBackupStatus::get_str): the phase of a running backup. */
export const TaskStatus = z.enum([
  'INIT',
  'DOING',
  'COMPLETED',
  'FAILED',
  'CANCELING',
  'CANCELED',
  'BACKUP_SYS_META',
  'BACKUP_USER_META',
  'BACKUP_META_FINISH',
  'BACKUP_DATA_SYS',
  'BACKUP_DATA_MINOR',
  'BACKUP_DATA_MAJOR',
  'BEFORE_BACKUP_LOG',
  'BACKUP_LOG',
]);
export type TaskStatus = z.infer<typeof TaskStatus>;

export const JobLevel = z.enum(['CLUSTER', 'SYS_TENANT', 'USER_TENANT']);
export type JobLevel = z.infer<typeof JobLevel>;

export const EncryptionMode = z.enum([
  'NONE',
  'PASSWORD',
  'PASSWORD_ENCRYPTION',
  'TRANSPARENT_ENCRYPTION',
  'DUAL_MODE_ENCRYPTION',
]);
export type EncryptionMode = z.infer<typeof EncryptionMode>;

/** Who started a job: the sys tenant (INITIATOR_TENANT_ID = 1) or the tenant itself. */
export const Initiator = z.enum(['SYS', 'TENANT']);
export type Initiator = z.infer<typeof Initiator>;

/** True when the text has a UTF-16 surrogate without its pair: it has no UTF-8 form. */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

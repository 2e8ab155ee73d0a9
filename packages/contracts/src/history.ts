import { z } from 'zod';
import {
  BackupType,
  EncryptionMode,
  Initiator,
  IsoTimestamp,
  JobLevel,
  JobStatus,
  TaskStatus,
  TenantName,
} from './common.js';

const isoDate = z
  .string()
  .refine(
    (s) =>
      /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(s) &&
      !Number.isNaN(Date.parse(s)),
    {
      message: 'use an ISO date such as 2026-11-01 or 2026-11-01T08:00:00Z',
    },
  );

export const HistoryStatus = z.enum(['COMPLETED', 'FAILED', 'CANCELED']);
export type HistoryStatus = z.infer<typeof HistoryStatus>;

/** Query string of GET /api/backups/history (and history.csv). */
export const HistoryQuery = z
  .strictObject({
    tenant: TenantName.optional(),
    type: BackupType.optional(),
    status: HistoryStatus.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    /** Newest first (default) or oldest first, by start time. */
    order: z.enum(['desc', 'asc']).default('desc'),
    /** Opaque keyset cursor from a previous page's nextCursor. */
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), {
    message: '"from" must not be after "to"',
    path: ['from'],
  });
export type HistoryQuery = z.input<typeof HistoryQuery>;

export const HistoryItem = z.object({
  tenantId: z.number().int(),
  tenantName: z.string(),
  jobId: z.number().int(),
  backupSetId: z.number().int(),
  level: JobLevel,
  type: BackupType,
  status: JobStatus,
  initiator: Initiator,
  plusArchivelog: z.boolean(),
  encryptionMode: EncryptionMode,
  description: z.string(),
  startTime: IsoTimestamp,
  endTime: IsoTimestamp.nullable(),
  elapsedSeconds: z.number().nullable(),
  /** Bytes written by the backup set, when the set is known. */
  outputBytes: z.number().nullable(),
  /** The set's MIN_RESTORE_SCN_DISPLAY: the earliest point it can restore to; null when unknown. */
  minRestoreScnDisplay: z.string().nullable(),
  /** OceanBase error code, negative; 0 on success. */
  result: z.number().int(),
  comment: z.string(),
  path: z.string(),
});
export type HistoryItem = z.infer<typeof HistoryItem>;

export const HistoryPage = z.object({
  items: z.array(HistoryItem),
  nextCursor: z.string().nullable(),
  /** How many jobs match the filter, over all pages. */
  total: z.number().int().nonnegative(),
});
export type HistoryPage = z.infer<typeof HistoryPage>;

export const BackupTask = z.object({
  taskId: z.number().int(),
  status: TaskStatus,
  startTime: IsoTimestamp,
  endTime: IsoTimestamp.nullable(),
  startScn: z.string(),
  endScn: z.string(),
  inputBytes: z.number(),
  outputBytes: z.number(),
  outputRateBytes: z.number(),
  tabletCount: z.number(),
  finishTabletCount: z.number(),
  macroBlockCount: z.number(),
  finishMacroBlockCount: z.number(),
  fileCount: z.number(),
  result: z.number().int(),
  comment: z.string(),
  path: z.string(),
});
export type BackupTask = z.infer<typeof BackupTask>;

export const BackupSet = z.object({
  backupSetId: z.number().int(),
  type: BackupType,
  status: z.string(),
  fileStatus: z.string(),
  prevFullBackupSetId: z.number().int(),
  prevIncBackupSetId: z.number().int(),
  startTime: IsoTimestamp,
  endTime: IsoTimestamp.nullable(),
  elapsedSeconds: z.number(),
  inputBytes: z.number(),
  outputBytes: z.number(),
  encryptionMode: EncryptionMode,
  minRestoreScnDisplay: z.string().nullable(),
  tenantCompatible: z.string(),
  clusterVersion: z.string(),
  path: z.string(),
});
export type BackupSet = z.infer<typeof BackupSet>;

export const HistoryDetail = z.object({
  job: HistoryItem,
  tasks: z.array(BackupTask),
  backupSet: BackupSet.nullable(),
});
export type HistoryDetail = z.infer<typeof HistoryDetail>;

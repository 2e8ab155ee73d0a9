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

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A calendar date (and time) that exists: Date.parse reads February 30 as March 2, so each
 * field is checked against the calendar instead.
 */
export function isRealIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate())
    return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  const offset = m[7];
  if (
    offset &&
    offset !== 'Z' &&
    (Number(offset.slice(1, 3)) > 14 || Number(offset.slice(-2)) > 59)
  )
    return false;
  return !Number.isNaN(Date.parse(s.replace(' ', 'T')));
}

const isoDate = z.string().refine(isRealIsoDate, {
  message: 'use a real ISO date such as 2026-11-01 or 2026-11-01T08:00:00Z (February has no 30th)',
});

export const HistoryStatus = z.enum(['COMPLETED', 'FAILED', 'CANCELED']);
export type HistoryStatus = z.infer<typeof HistoryStatus>;

/** The filters of the history search, shared by one cluster's history and the fleet's. */
export const historyQueryShape = {
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
};

export const fromNotAfterTo: [
  (q: { from?: string; to?: string }) => boolean,
  { message: string; path: string[] },
] = [
  (q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to),
  { message: '"from" must not be after "to"', path: ['from'] },
];

/** Query string of a cluster's GET .../backups/history (and history.csv). */
export const HistoryQuery = z.strictObject(historyQueryShape).refine(...fromNotAfterTo);
export type HistoryQuery = z.input<typeof HistoryQuery>;

/**
 * Who started a job. `person` comes from the console's audit trail (the account that pressed
 * start), `policy` from the job's DESCRIPTION `policy:<name>`, `outside` is everything else
 * (obclient, another tool, or a console without a store).
 */
export const StartedBy = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), actor: z.string() }),
  z.object({ kind: z.literal('policy'), policy: z.string() }),
  z.object({ kind: z.literal('outside') }),
]);
export type StartedBy = z.infer<typeof StartedBy>;

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
  /** Who started the job: a person (from the audit trail), a policy, or outside the console. */
  startedBy: StartedBy,
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

import type { EncryptionMode, HistoryItem, JobLevel, JobStatus } from '@obconsole/contracts';
import { obTimeToIso, obTimeToMs } from '../../lib/rows.js';
import type { HistoryRow } from './history.sql.js';

export function backupTypeOf(viewValue: string): 'full' | 'incremental' {
  return viewValue === 'INC' ? 'incremental' : 'full';
}

export function toHistoryItem(
  row: HistoryRow,
  tenantName: string,
  outputBytes: number | null,
): HistoryItem {
  const start = obTimeToIso(row.startTimestamp);
  const end = row.endTimestamp ? obTimeToIso(row.endTimestamp) : null;
  return {
    tenantId: row.tenantId,
    tenantName,
    jobId: row.jobId,
    backupSetId: row.backupSetId,
    level: row.jobLevel as JobLevel,
    type: backupTypeOf(row.backupType),
    status: row.status as JobStatus,
    initiator: row.initiatorTenantId === 1 ? 'SYS' : 'TENANT',
    plusArchivelog: row.plusArchivelog === 'ON',
    encryptionMode: (row.encryptionMode || 'NONE') as EncryptionMode,
    description: row.description,
    startTime: start,
    endTime: end,
    elapsedSeconds: row.endTimestamp
      ? Math.max(
          0,
          Math.round((obTimeToMs(row.endTimestamp) - obTimeToMs(row.startTimestamp)) / 1000),
        )
      : null,
    outputBytes,
    result: row.result,
    comment: row.comment,
    path: row.path,
  };
}

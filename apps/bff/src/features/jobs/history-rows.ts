import type {
  EncryptionMode,
  HistoryItem,
  JobLevel,
  JobStatus,
  StartedBy,
} from '@obconsole/contracts';
import { obTimeToIso, obTimeToMs } from '../../lib/rows.js';
import type { Db } from '../../lib/db.js';
import type { Scope } from '../../lib/scope.js';
import { selectSetSizes } from './backup-sets.sql.js';
import type { HistoryRow } from './history.sql.js';

export function backupTypeOf(viewValue: string): 'full' | 'incremental' {
  return viewValue === 'INC' ? 'incremental' : 'full';
}

/**
 * Who started a job, as far as the job itself says: a policy's jobs carry DESCRIPTION
 * `policy:<name>` (its text may follow after a space). A person is known only from the audit
 * trail, which the caller joins in; everything else started outside the console.
 */
export function startedByOfDescription(description: string): StartedBy {
  const m = /^policy:(\S+)/.exec(description);
  return m ? { kind: 'policy', policy: m[1]! } : { kind: 'outside' };
}

export function toHistoryItem(
  row: HistoryRow,
  tenantName: string,
  set: { outputBytes: number; minRestoreScnDisplay: string | null } | undefined,
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
    outputBytes: set?.outputBytes ?? null,
    minRestoreScnDisplay: set?.minRestoreScnDisplay ?? null,
    result: row.result,
    comment: row.comment,
    path: row.path,
    startedBy: startedByOfDescription(row.description),
  };
}

/** History rows as the API's items, each with its backup set's size and restore point (one lookup for all). */
export async function toHistoryItems(
  db: Db,
  scope: Scope,
  rows: HistoryRow[],
  names: (tenantId: number) => string,
): Promise<HistoryItem[]> {
  const sizes = await selectSetSizes(
    db,
    scope,
    rows.map((r) => ({ tenantId: r.tenantId, backupSetId: r.backupSetId })),
  );
  // A map, not a search per row: a CSV chunk is 1,000 rows against up to 1,000 sets.
  const sets = new Map(sizes.map((s) => [`${s.tenantId}:${s.backupSetId}`, s]));
  return rows.map((r) =>
    toHistoryItem(r, names(r.tenantId), sets.get(`${r.tenantId}:${r.backupSetId}`)),
  );
}

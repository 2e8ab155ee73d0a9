import type { BackupSummary, JobStatus, SuccessfulBackup } from '@obconsole/contracts';
import type { Db } from '../../lib/db.js';
import { obTimeToIso } from '../../lib/rows.js';
import type { Scope } from '../../lib/scope.js';
import { selectSetSizes } from '../jobs/backup-sets.sql.js';
import type { TenantState } from '../jobs/directory.js';
import { selectLastSuccessfulJobs } from '../jobs/directory.sql.js';

export interface LastSuccessful {
  full: SuccessfulBackup | null;
  incremental: SuccessfulBackup | null;
}

/**
 * The newest completed full and incremental backup of each tenant, with its set's size. A
 * tenant whose newest finished job completed costs no statement beyond the one size lookup;
 * only a failed or cancelled newest job sends a look further back.
 */
export async function loadLastSuccessful(
  db: Db,
  scope: Scope,
  states: TenantState[],
): Promise<Map<number, LastSuccessful>> {
  const found = new Map<string, BackupSummary>();
  const wanted: { tenantId: number; backupType: 'FULL' | 'INC' }[] = [];
  for (const s of states) {
    for (const [backupType, latest] of [
      ['FULL', s.latestFull],
      ['INC', s.latestIncremental],
    ] as const) {
      if (!latest) continue; // never backed up: nothing to look for
      if (latest.status === 'COMPLETED') found.set(`${s.tenantId}:${backupType}`, latest);
      else wanted.push({ tenantId: s.tenantId, backupType });
    }
  }
  for (const row of await selectLastSuccessfulJobs(db, scope, wanted)) {
    found.set(`${row.tenantId}:${row.backupType}`, {
      jobId: row.jobId,
      backupSetId: row.backupSetId,
      status: row.status as JobStatus,
      startTime: obTimeToIso(row.startTimestamp),
      endTime: row.endTimestamp ? obTimeToIso(row.endTimestamp) : null,
    });
  }
  const keys = [...found].map(([k, b]) => ({
    tenantId: Number(k.split(':')[0]),
    backupSetId: b.backupSetId,
  }));
  const sizes = await selectSetSizes(db, scope, keys);
  const bytes = new Map(sizes.map((r) => [`${r.tenantId}:${r.backupSetId}`, r.outputBytes]));
  const withSize = (tenantId: number, type: 'FULL' | 'INC'): SuccessfulBackup | null => {
    const b = found.get(`${tenantId}:${type}`);
    return b ? { ...b, outputBytes: bytes.get(`${tenantId}:${b.backupSetId}`) ?? null } : null;
  };
  return new Map(
    states.map((s) => [
      s.tenantId,
      { full: withSize(s.tenantId, 'FULL'), incremental: withSize(s.tenantId, 'INC') },
    ]),
  );
}

import type { BackupSummary, JobStatus, TenantMode } from '@obconsole/contracts';
import type { Db } from '../../lib/db.js';
import { obTimeToIso } from '../../lib/rows.js';
import type { Scope } from '../../lib/scope.js';
import {
  selectArchiveStatus,
  selectDataBackupDest,
  selectLatestFinishedJobs,
  selectTenants,
  selectUsableFullSets,
  type LatestJobRow,
} from './directory.sql.js';

/** Everything the console knows about one tenant's backup readiness, read in one go. */
export interface TenantState {
  tenantId: number;
  name: string;
  /** SYS, USER or META */
  type: string;
  mode: TenantMode;
  status: string;
  logMode: string;
  archiveStatus: string | null;
  dest: { set: boolean; path: string | null };
  latestFull: BackupSummary | null;
  latestIncremental: BackupSummary | null;
  /** A successful, available FULL set exists on the current destination. */
  hasUsableFull: boolean;
}

/** A destination URI without its query string, which is where OSS/COS/S3 keep access keys. */
export function stripCredentials(uri: string): string {
  const q = uri.indexOf('?');
  return (q >= 0 ? uri.slice(0, q) : uri).replace(/\/+$/, '');
}

export async function loadTenantStates(db: Db, scope: Scope): Promise<TenantState[]> {
  const [tenants, archives, dests, latest, fullSets] = await Promise.all([
    selectTenants(db, scope),
    selectArchiveStatus(db, scope),
    selectDataBackupDest(db, scope),
    selectLatestFinishedJobs(db, scope),
    selectUsableFullSets(db, scope),
  ]);
  return tenants.map((t) => {
    const archive = pickArchive(
      archives.filter((a) => a.tenantId === t.tenantId).map((a) => a.status),
    );
    const destRaw = dests.find((d) => d.tenantId === t.tenantId)?.value.trim() ?? '';
    const destPath = destRaw ? stripCredentials(destRaw) : null;
    const mine = latest.filter((l) => l.tenantId === t.tenantId);
    return {
      tenantId: t.tenantId,
      name: t.name,
      type: t.type.toUpperCase(),
      mode: t.mode.toUpperCase() === 'ORACLE' ? 'ORACLE' : 'MYSQL',
      status: t.status,
      logMode: t.logMode,
      archiveStatus: archive,
      dest: { set: destPath !== null, path: destPath },
      latestFull: summary(mine.find((l) => l.backupType === 'FULL')),
      latestIncremental: summary(mine.find((l) => l.backupType === 'INC')),
      hasUsableFull:
        destPath !== null &&
        fullSets.some((f) => f.tenantId === t.tenantId && stripCredentials(f.path) === destPath),
    };
  });
}

/** A tenant archives to up to eight destinations; DOING on any of them is what backup needs. */
function pickArchive(statuses: string[]): string | null {
  if (statuses.length === 0) return null;
  return statuses.includes('DOING') ? 'DOING' : (statuses[0] ?? null);
}

function summary(row: LatestJobRow | undefined): BackupSummary | null {
  if (!row) return null;
  return {
    jobId: row.jobId,
    backupSetId: row.backupSetId,
    status: row.status as JobStatus,
    startTime: obTimeToIso(row.startTimestamp),
    endTime: row.endTimestamp ? obTimeToIso(row.endTimestamp) : null,
  };
}

import type {
  ActiveJob,
  BackupSummary,
  JobStatus,
  SuccessfulBackup,
  TenantMode,
} from '@obconsole/contracts';
import type { Db } from '../../lib/db.js';
import { obTimeToIso } from '../../lib/rows.js';
import type { Scope } from '../../lib/scope.js';
import { RECENT_WINDOW_MS, completeActiveJobs } from './active.js';
import { selectActiveJobs } from './active.sql.js';
import { selectArchiveStatus, selectDataBackupDest, selectTenants } from './directory.sql.js';
import type { FinishedJobs } from './finished-index.js';
import { selectSetFiles, type SetFileRow } from './finished.sql.js';
import type { HistoryRow } from './history.sql.js';

export interface LastSuccessful {
  full: SuccessfulBackup | null;
  incremental: SuccessfulBackup | null;
}

/** One tenant's backups as the fleet overview shows them: no destination needed. */
export interface TenantBackups {
  tenantId: number;
  name: string;
  /** SYS, USER or META */
  type: string;
  mode: TenantMode;
  status: string;
  logMode: string;
  archiveStatus: string | null;
  latestFull: BackupSummary | null;
  latestIncremental: BackupSummary | null;
}

/** Everything the console knows about one tenant's backup readiness, read in one go. */
export interface TenantState extends TenantBackups {
  dest: { set: boolean; path: string | null };
  /** A successful, available FULL set exists on the current destination. */
  hasUsableFull: boolean;
}

/** A destination URI without its query string, which is where OSS/COS/S3 keep access keys. */
export function stripCredentials(uri: string): string {
  const q = uri.indexOf('?');
  return (q >= 0 ? uri.slice(0, q) : uri).replace(/\/+$/, '');
}

/**
 * What the landing page, a backup plan and the fleet overview need of an account's tenants: their
 * states, the running jobs and the last successful backups. Nothing here reads the history at
 * large: the finished jobs come from the account's index (kept up to date by job id), the sets
 * of the last successful backups by their keys.
 */
export interface TenantDirectory<S extends TenantBackups = TenantState> {
  /** Every tenant the account sees (SYS and META included: callers filter). */
  states: S[];
  active: ActiveJob[];
  lastSuccessful: Map<number, LastSuccessful>;
}

/** The directory with each tenant's data backup destination (landing page, backup plan, health). */
export async function loadTenantDirectory(
  db: Db,
  scope: Scope,
  finished: FinishedJobs,
  /** Asked only when something runs (the probe of the TASKS view is then needed). */
  withDataProgress: () => Promise<boolean>,
): Promise<TenantDirectory> {
  // Read side by side with the rest: the destinations cost no round trip of their own.
  const [dests, read] = await Promise.all([
    selectDataBackupDest(db, scope),
    readDirectory(db, scope, finished, withDataProgress, 'files'),
  ]);
  const states = read.states.map(({ fullSet, ...t }): TenantState => {
    const destRaw = dests.find((d) => d.tenantId === t.tenantId)?.value.trim() ?? '';
    const destPath = destRaw ? stripCredentials(destRaw) : null;
    return {
      ...t,
      dest: { set: destPath !== null, path: destPath },
      // OceanBase bases an incremental backup on the newest full set of the destination: the
      // last successful full backup's set must still be there and available.
      hasUsableFull:
        destPath !== null &&
        fullSet !== undefined &&
        fullSet.status === 'SUCCESS' &&
        fullSet.fileStatus === 'AVAILABLE' &&
        stripCredentials(fullSet.path) === destPath,
    };
  });
  return { ...read, states };
}

/** The directory without destinations: what the fleet overview shows, and no more is read. */
export async function loadTenantBackups(
  db: Db,
  scope: Scope,
  finished: FinishedJobs,
  withDataProgress: () => Promise<boolean>,
): Promise<TenantDirectory<TenantBackups>> {
  const read = await readDirectory(db, scope, finished, withDataProgress, 'sizes');
  return { ...read, states: read.states.map(({ fullSet: _, ...t }) => t) };
}

async function readDirectory(
  db: Db,
  scope: Scope,
  finished: FinishedJobs,
  withDataProgress: () => Promise<boolean>,
  /**
   * 'files': the last completed sets as they are now (a set's file can be deleted, which decides
   * whether an incremental backup can start); 'sizes': only their sizes, which are final once a
   * set succeeded, so each is read once.
   */
  sets: 'files' | 'sizes',
): Promise<TenantDirectory<TenantBackups & { fullSet: SetFileRow | undefined }>> {
  // The running jobs are read before the history: a job that moves there in between is then
  // either still running (and holds the index's mark below it) or already in the history.
  const [tenants, archives, jobs] = await Promise.all([
    selectTenants(db, scope),
    selectArchiveStatus(db, scope),
    selectActiveJobs(db, scope),
  ]);
  const userIds = tenants.filter((t) => t.type.toUpperCase() === 'USER').map((t) => t.tenantId);
  const names = (id: number) => tenants.find((t) => t.tenantId === id)?.name ?? String(id);
  const [active] = await Promise.all([
    jobs.length === 0
      ? Promise.resolve([])
      : withDataProgress().then((p) => completeActiveJobs(db, scope, jobs, names, p)),
    finished.refresh(db, scope, userIds, jobs, Date.now(), RECENT_WINDOW_MS),
  ]);
  const completed = userIds.flatMap((id) => {
    const s = finished.summary(id);
    return [s.completed.FULL, s.completed.INC].filter((r) => r !== undefined);
  });
  const files = await selectSetFiles(
    db,
    scope,
    completed
      .filter((r) => sets === 'files' || finished.setBytes(r.tenantId, r.jobId) === undefined)
      .map((r) => ({ tenantId: r.tenantId, backupSetId: r.backupSetId })),
  );
  const setOf = (r: HistoryRow | undefined) =>
    r ? files.find((f) => f.tenantId === r.tenantId && f.backupSetId === r.backupSetId) : undefined;
  for (const r of completed) {
    const f = setOf(r);
    if (f?.status === 'SUCCESS') finished.knowSetBytes(r.tenantId, r.jobId, f.outputBytes);
  }

  const states = tenants.map((t) => {
    const archive = pickArchive(
      archives.filter((a) => a.tenantId === t.tenantId).map((a) => a.status),
    );
    const s = finished.summary(t.tenantId);
    return {
      tenantId: t.tenantId,
      name: t.name,
      type: t.type.toUpperCase(),
      mode: t.mode.toUpperCase() === 'ORACLE' ? ('ORACLE' as const) : ('MYSQL' as const),
      status: t.status,
      logMode: t.logMode,
      archiveStatus: archive,
      latestFull: summary(s.latest.FULL),
      latestIncremental: summary(s.latest.INC),
      fullSet: setOf(s.completed.FULL),
    };
  });
  const withSize = (r: HistoryRow | undefined): SuccessfulBackup | null => {
    const b = summary(r);
    if (!b || !r) return null;
    return {
      ...b,
      outputBytes: setOf(r)?.outputBytes ?? finished.setBytes(r.tenantId, r.jobId) ?? null,
    };
  };
  const lastSuccessful = new Map(
    userIds.map((id) => {
      const s = finished.summary(id);
      return [id, { full: withSize(s.completed.FULL), incremental: withSize(s.completed.INC) }];
    }),
  );
  return { states, active, lastSuccessful };
}

/** A tenant archives to up to eight destinations; DOING on any of them is what backup needs. */
function pickArchive(statuses: string[]): string | null {
  if (statuses.length === 0) return null;
  return statuses.includes('DOING') ? 'DOING' : (statuses[0] ?? null);
}

function summary(row: HistoryRow | undefined): BackupSummary | null {
  if (!row) return null;
  return {
    jobId: row.jobId,
    backupSetId: row.backupSetId,
    status: row.status as JobStatus,
    startTime: obTimeToIso(row.startTimestamp),
    endTime: row.endTimestamp ? obTimeToIso(row.endTimestamp) : null,
  };
}

/** The user tenants an account sees, and every tenant's name (one statement for sys, none else). */
export async function accountTenants(ctx: {
  db: Db;
  scope: Scope;
  profile: { tenant: string };
}): Promise<{ userTenants: { tenantId: number; name: string }[]; names: (id: number) => string }> {
  if (!ctx.scope.isSys) {
    return {
      userTenants: [{ tenantId: ctx.scope.tenantId, name: ctx.profile.tenant }],
      names: () => ctx.profile.tenant,
    };
  }
  const all = await selectTenants(ctx.db, ctx.scope);
  const byId = new Map(all.map((t) => [t.tenantId, t.name]));
  return {
    userTenants: all.filter((t) => t.type.toUpperCase() === 'USER'),
    names: (id) => byId.get(id) ?? String(id),
  };
}

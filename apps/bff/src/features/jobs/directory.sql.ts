import type { Db, Row } from '../../lib/db.js';
import type { TenantMode } from '@obconsole/contracts';
import { num, pathOf, str, viewTime, viewTimeOrNull } from '../../lib/rows.js';
import type { Scope } from '../../lib/scope.js';

export interface TenantRow {
  tenantId: number;
  name: string;
  type: string;
  mode: string;
  status: string;
  logMode: string;
}

export async function selectTenants(db: Db, scope: Scope): Promise<TenantRow[]> {
  const rows = await db.query(
    'tenants',
    `SELECT TENANT_ID, TENANT_NAME, TENANT_TYPE, COMPATIBILITY_MODE, STATUS, LOG_MODE FROM ${scope.tenantsView} ORDER BY TENANT_ID`,
  );
  return rows.map((r) => ({
    tenantId: num(r, 'TENANT_ID'),
    name: str(r, 'TENANT_NAME'),
    type: str(r, 'TENANT_TYPE'),
    mode: str(r, 'COMPATIBILITY_MODE'),
    status: str(r, 'STATUS'),
    logMode: str(r, 'LOG_MODE'),
  }));
}

export interface ArchiveRow {
  tenantId: number;
  destNo: number;
  status: string;
}

export async function selectArchiveStatus(db: Db, scope: Scope): Promise<ArchiveRow[]> {
  const rows = await db.query(
    'archive-status',
    `SELECT ${scope.tenantIdColumn}, DEST_NO, STATUS FROM ${scope.view('OB_ARCHIVELOG')}`,
  );
  return rows.map((r) => ({
    tenantId: num(r, 'TENANT_ID'),
    destNo: num(r, 'DEST_NO'),
    status: str(r, 'STATUS'),
  }));
}

export interface DestRow {
  tenantId: number;
  value: string;
}

export async function selectDataBackupDest(db: Db, scope: Scope): Promise<DestRow[]> {
  const rows = await db.query(
    'data-backup-dest',
    scope.bind(
      `SELECT ${scope.tenantIdColumn}, VALUE FROM ${scope.view('OB_BACKUP_PARAMETER')} WHERE NAME = ?`,
      ['data_backup_dest'],
    ),
  );
  return rows.map((r) => ({ tenantId: num(r, 'TENANT_ID'), value: pathOf(r, 'VALUE') }));
}

export interface LatestJobRow {
  tenantId: number;
  jobId: number;
  backupSetId: number;
  backupType: string;
  status: string;
  startTimestamp: string;
  endTimestamp: string | null;
}

/** The newest finished tenant-level job per tenant and type: two scans, no correlated subquery. */
export async function selectLatestFinishedJobs(db: Db, scope: Scope): Promise<LatestJobRow[]> {
  const view = scope.view('OB_BACKUP_JOB_HISTORY');
  const groupBy = scope.isSys ? 'TENANT_ID, BACKUP_TYPE' : 'BACKUP_TYPE';
  const newest = await db.query(
    'latest-job-ids',
    scope.bind(
      `SELECT ${scope.tenantIdColumn}, BACKUP_TYPE, MAX(JOB_ID) AS JOB_ID FROM ${view} WHERE JOB_LEVEL = ? GROUP BY ${groupBy}`,
      ['USER_TENANT'],
    ),
  );
  if (newest.length === 0) return [];
  const keys = newest.map(
    (r) => `(${scope.tenantIdExpr} = ${num(r, 'TENANT_ID')} AND JOB_ID = ${num(r, 'JOB_ID')})`,
  );
  const rows = await db.query(
    'latest-jobs',
    `SELECT ${scope.tenantIdColumn}, JOB_ID, BACKUP_SET_ID, BACKUP_TYPE, STATUS, START_TIMESTAMP, END_TIMESTAMP FROM ${view} WHERE ${keys.join(' OR ')}`,
  );
  return rows.map((r) => latestJob(r, scope.mode));
}

function latestJob(r: Row, mode: TenantMode): LatestJobRow {
  return {
    tenantId: num(r, 'TENANT_ID'),
    jobId: num(r, 'JOB_ID'),
    backupSetId: num(r, 'BACKUP_SET_ID'),
    backupType: str(r, 'BACKUP_TYPE'),
    status: str(r, 'STATUS'),
    startTimestamp: viewTime(r, 'START_TIMESTAMP', mode),
    endTimestamp: viewTimeOrNull(r, 'END_TIMESTAMP', mode),
  };
}

export interface FullSetRow {
  tenantId: number;
  path: string;
}

/**
 * Successful, still available FULL backup sets, per tenant and path: an incremental backup
 * needs one on the current destination, or OceanBase silently makes it a full one.
 */
export async function selectUsableFullSets(db: Db, scope: Scope): Promise<FullSetRow[]> {
  const rows = await db.query(
    'usable-full-sets',
    scope.bind(
      `SELECT ${scope.tenantIdColumn}, PATH, COUNT(*) AS N FROM ${scope.view('OB_BACKUP_SET_FILES')} WHERE BACKUP_TYPE = ? AND STATUS = ? AND FILE_STATUS = ? GROUP BY ${scope.isSys ? 'TENANT_ID, PATH' : 'PATH'}`,
      ['FULL', 'SUCCESS', 'AVAILABLE'],
    ),
  );
  return rows.map((r) => ({ tenantId: num(r, 'TENANT_ID'), path: pathOf(r, 'PATH') }));
}

/**
 * The newest COMPLETED tenant-level job of one type for each tenant asked about. Only asked for
 * tenants whose newest finished job of that type did not complete, so usually not at all; each
 * branch reads down JOB_ID from the top and stops at the first success, rather than aggregating
 * over the tenant's whole history.
 */
export async function selectLastSuccessfulJobs(
  db: Db,
  scope: Scope,
  wanted: { tenantId: number; backupType: 'FULL' | 'INC' }[],
): Promise<LatestJobRow[]> {
  if (wanted.length === 0) return [];
  const view = scope.view('OB_BACKUP_JOB_HISTORY');
  const results = await Promise.all(
    wanted.map((w) =>
      db.query(
        'last-successful-job',
        scope.bind(
          `SELECT ${scope.tenantIdColumn}, JOB_ID, BACKUP_SET_ID, BACKUP_TYPE, STATUS, START_TIMESTAMP, END_TIMESTAMP FROM ${view} WHERE ${scope.isSys ? 'TENANT_ID = ? AND ' : ''}JOB_LEVEL = ? AND BACKUP_TYPE = ? AND STATUS = ? ORDER BY JOB_ID DESC ${scope.limit(1)}`,
          [...(scope.isSys ? [w.tenantId] : []), 'USER_TENANT', w.backupType, 'COMPLETED'],
        ),
      ),
    ),
  );
  return results.flatMap((rows) => rows.map((r) => latestJob(r, scope.mode)));
}

import type { HistoryKey } from '../../lib/cursor.js';
import type { Db, Row } from '../../lib/db.js';
import type { TenantMode } from '@obconsole/contracts';
import { num, pathOf, str, toViewTime, viewTime, viewTimeOrNull } from '../../lib/rows.js';
import type { Scope } from '../../lib/scope.js';

export interface HistoryRow {
  tenantId: number;
  jobId: number;
  backupSetId: number;
  initiatorTenantId: number;
  jobLevel: string;
  backupType: string;
  status: string;
  plusArchivelog: string;
  encryptionMode: string;
  description: string;
  startTimestamp: string;
  endTimestamp: string | null;
  result: number;
  comment: string;
  path: string;
}

/** The history view's columns every reader selects (PASSWD is never read). */
export function historyColumns(scope: Scope): string {
  return `${scope.tenantIdColumn}, JOB_ID, BACKUP_SET_ID, INITIATOR_TENANT_ID, JOB_LEVEL, BACKUP_TYPE, STATUS, PLUS_ARCHIVELOG, ENCRYPTION_MODE, DESCRIPTION, START_TIMESTAMP, END_TIMESTAMP, RESULT, ${scope.commentColumn}, PATH`;
}

export function historyRow(r: Row, mode: TenantMode): HistoryRow {
  return {
    tenantId: num(r, 'TENANT_ID'),
    jobId: num(r, 'JOB_ID'),
    backupSetId: num(r, 'BACKUP_SET_ID'),
    initiatorTenantId: num(r, 'INITIATOR_TENANT_ID'),
    jobLevel: str(r, 'JOB_LEVEL'),
    backupType: str(r, 'BACKUP_TYPE'),
    status: str(r, 'STATUS'),
    plusArchivelog: str(r, 'PLUS_ARCHIVELOG'),
    encryptionMode: str(r, 'ENCRYPTION_MODE'),
    description: str(r, 'DESCRIPTION'),
    startTimestamp: viewTime(r, 'START_TIMESTAMP', mode),
    endTimestamp: viewTimeOrNull(r, 'END_TIMESTAMP', mode),
    result: num(r, 'RESULT'),
    comment: str(r, 'COMMENT'),
    path: pathOf(r, 'PATH'),
  };
}

export interface HistoryFilter {
  tenantId?: number;
  backupType?: 'FULL' | 'INC';
  status?: string;
  /** Inclusive lower bound, OceanBase UTC text. */
  from?: string;
  /** Exclusive upper bound, OceanBase UTC text. */
  toExclusive?: string;
}

export type { HistoryKey } from '../../lib/cursor.js';

/** The WHERE conditions of a history filter, shared by the page and its total count. */
function filterConditions(
  scope: Scope,
  filter: HistoryFilter,
): { where: string[]; values: (string | number)[] } {
  const where: string[] = ['JOB_LEVEL = ?'];
  const values: (string | number)[] = ['USER_TENANT'];
  if (filter.tenantId !== undefined && scope.isSys) {
    where.push('TENANT_ID = ?');
    values.push(filter.tenantId);
  }
  if (filter.backupType) {
    where.push('BACKUP_TYPE = ?');
    values.push(filter.backupType);
  }
  if (filter.status) {
    where.push('STATUS = ?');
    values.push(filter.status);
  }
  if (filter.from) {
    where.push('START_TIMESTAMP >= ?');
    values.push(toViewTime(filter.from, scope.mode, 'down'));
  }
  if (filter.toExclusive) {
    where.push('START_TIMESTAMP < ?');
    values.push(toViewTime(filter.toExclusive, scope.mode, 'up'));
  }
  return { where, values };
}

/** How many tenant-level jobs match the filter: the total a history page states. */
export async function selectHistoryCount(
  db: Db,
  scope: Scope,
  filter: HistoryFilter,
): Promise<number> {
  const { where, values } = filterConditions(scope, filter);
  const rows = await db.query(
    'history-count',
    scope.bind(
      `SELECT COUNT(*) AS N FROM ${scope.view('OB_BACKUP_JOB_HISTORY')} WHERE ${where.join(' AND ')}`,
      values,
    ),
  );
  return rows[0] ? num(rows[0], 'N') : 0;
}

/**
 * One keyset page over the tenant-level job history, newest (or oldest) first. The key is
 * (START_TIMESTAMP, TENANT_ID, JOB_ID); the comparison is spelled out rather than written as a
 * row value so that Oracle mode reads it too.
 */
export async function selectHistoryPage(
  db: Db,
  scope: Scope,
  filter: HistoryFilter,
  after: HistoryKey | null,
  order: 'desc' | 'asc',
  limit: number,
): Promise<HistoryRow[]> {
  const { where, values } = filterConditions(scope, filter);
  if (after) {
    const cmp = order === 'desc' ? '<' : '>';
    const t = scope.tenantIdExpr;
    where.push(
      `(START_TIMESTAMP ${cmp} ? OR (START_TIMESTAMP = ? AND (${t} ${cmp} ? OR (${t} = ? AND JOB_ID ${cmp} ?))))`,
    );
    // The key came from a row: its Oracle text is exact (whole seconds), so no rounding happens.
    const key = toViewTime(after.startTimestamp, scope.mode);
    values.push(key, key, after.tenantId, after.tenantId, after.jobId);
  }
  const dir = order === 'desc' ? 'DESC' : 'ASC';
  const orderBy = scope.isSys
    ? `START_TIMESTAMP ${dir}, TENANT_ID ${dir}, JOB_ID ${dir}`
    : `START_TIMESTAMP ${dir}, JOB_ID ${dir}`;
  const sql = scope.bind(
    `SELECT ${historyColumns(scope)} FROM ${scope.view('OB_BACKUP_JOB_HISTORY')} WHERE ${where.join(' AND ')} ORDER BY ${orderBy} ${scope.limit(limit)}`,
    values,
  );
  const rows = await db.query('history-page', sql);
  return rows.map((r) => historyRow(r, scope.mode));
}

export async function selectHistoryJob(
  db: Db,
  scope: Scope,
  tenantId: number,
  jobId: number,
): Promise<HistoryRow | null> {
  const conds = scope.isSys ? 'TENANT_ID = ? AND JOB_ID = ?' : 'JOB_ID = ?';
  const values = scope.isSys ? [tenantId, jobId] : [jobId];
  const rows = await db.query(
    'history-job',
    scope.bind(
      `SELECT ${historyColumns(scope)} FROM ${scope.view('OB_BACKUP_JOB_HISTORY')} WHERE ${conds}`,
      values,
    ),
  );
  return rows[0] ? historyRow(rows[0], scope.mode) : null;
}

/** History rows for a handful of (tenant, job) pairs: the jobs a poller just saw finish. */
export async function selectHistoryJobs(
  db: Db,
  scope: Scope,
  keys: { tenantId: number; jobId: number }[],
): Promise<HistoryRow[]> {
  if (keys.length === 0) return [];
  const conds = keys
    .map((k) => `(${scope.tenantIdExpr} = ${k.tenantId} AND JOB_ID = ${k.jobId})`)
    .join(' OR ');
  const rows = await db.query(
    'history-jobs',
    `SELECT ${historyColumns(scope)} FROM ${scope.view('OB_BACKUP_JOB_HISTORY')} WHERE ${conds}`,
  );
  return rows.map((r) => historyRow(r, scope.mode));
}

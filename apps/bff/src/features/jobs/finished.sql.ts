import type { Db } from '../../lib/db.js';
import { num, pathOf, str } from '../../lib/rows.js';
import type { Scope } from '../../lib/scope.js';
import { historyColumns, historyRow, type HistoryRow } from './history.sql.js';

/**
 * The reads behind the finished-jobs index. Each one walks the history's (tenant, job id) key
 * from a known point and stops after `limit` rows, so its cost follows the rows it returns,
 * never the size of the history: no aggregate, no ORDER BY on a column without an index.
 */

function tenantCondition(scope: Scope, tenantId: number): { sql: string; values: number[] } {
  // DBA_ views hold the session's own tenant only (and have no TENANT_ID column).
  return scope.isSys ? { sql: 'TENANT_ID = ? AND ', values: [tenantId] } : { sql: '', values: [] };
}

/** A tenant's newest finished tenant-level jobs, newest first. */
export async function selectNewestFinished(
  db: Db,
  scope: Scope,
  tenantId: number,
  limit: number,
): Promise<HistoryRow[]> {
  const t = tenantCondition(scope, tenantId);
  const rows = await db.query(
    'finished-newest',
    scope.bind(
      `SELECT ${historyColumns(scope)} FROM ${scope.view('OB_BACKUP_JOB_HISTORY')} WHERE ${t.sql}JOB_LEVEL = ? ORDER BY JOB_ID DESC ${scope.limit(limit)}`,
      [...t.values, 'USER_TENANT'],
    ),
  );
  return rows.map((r) => historyRow(r, scope.mode));
}

/** A tenant's finished tenant-level jobs with a JOB_ID above `afterJobId`, oldest first. */
export async function selectFinishedAfter(
  db: Db,
  scope: Scope,
  tenantId: number,
  afterJobId: number,
  limit: number,
): Promise<HistoryRow[]> {
  const t = tenantCondition(scope, tenantId);
  const rows = await db.query(
    'finished-after',
    scope.bind(
      `SELECT ${historyColumns(scope)} FROM ${scope.view('OB_BACKUP_JOB_HISTORY')} WHERE ${t.sql}JOB_LEVEL = ? AND JOB_ID > ? ORDER BY JOB_ID ${scope.limit(limit)}`,
      [...t.values, 'USER_TENANT', afterJobId],
    ),
  );
  return rows.map((r) => historyRow(r, scope.mode));
}

/**
 * The sys tenant's catch-up for several tenants in one statement: each tenant's finished
 * tenant-level jobs above its own mark, by tenant then job id, at most `limit` rows in all. Each
 * branch of the OR is a seek in the (tenant, job id) key. When `limit` rows come back, some
 * tenant may have more: the caller then reads tenant by tenant.
 */
export async function selectFinishedAfterEach(
  db: Db,
  scope: Scope,
  marks: readonly { tenantId: number; afterJobId: number }[],
  limit: number,
): Promise<HistoryRow[]> {
  const branches = marks.map(() => '(TENANT_ID = ? AND JOB_ID > ?)').join(' OR ');
  const rows = await db.query(
    'finished-after-each',
    scope.bind(
      `SELECT ${historyColumns(scope)} FROM ${scope.view('OB_BACKUP_JOB_HISTORY')} WHERE JOB_LEVEL = ? AND (${branches}) ORDER BY TENANT_ID, JOB_ID ${scope.limit(limit)}`,
      ['USER_TENANT', ...marks.flatMap((m) => [m.tenantId, m.afterJobId])],
    ),
  );
  return rows.map((r) => historyRow(r, scope.mode));
}

/**
 * A tenant's newest finished job of one type (COMPLETED only, when asked), at or below a job id.
 * Only sent when the newest rows held none: reads down from the top and stops at the first hit.
 */
export async function selectNewestOfType(
  db: Db,
  scope: Scope,
  tenantId: number,
  backupType: 'FULL' | 'INC',
  completedOnly: boolean,
  atMostJobId: number,
): Promise<HistoryRow | null> {
  const t = tenantCondition(scope, tenantId);
  const status = completedOnly ? ' AND STATUS = ?' : '';
  const rows = await db.query(
    'finished-newest-of-type',
    scope.bind(
      `SELECT ${historyColumns(scope)} FROM ${scope.view('OB_BACKUP_JOB_HISTORY')} WHERE ${t.sql}JOB_LEVEL = ? AND BACKUP_TYPE = ?${status} AND JOB_ID <= ? ORDER BY JOB_ID DESC ${scope.limit(1)}`,
      [
        ...t.values,
        'USER_TENANT',
        backupType,
        ...(completedOnly ? ['COMPLETED'] : []),
        atMostJobId,
      ],
    ),
  );
  return rows[0] ? historyRow(rows[0], scope.mode) : null;
}

export interface SetFileRow {
  tenantId: number;
  backupSetId: number;
  backupType: string;
  status: string;
  fileStatus: string;
  path: string;
  outputBytes: number;
}

/** The set files of a few (tenant, set id) pairs: the last successful backups' sets. */
export async function selectSetFiles(
  db: Db,
  scope: Scope,
  keys: { tenantId: number; backupSetId: number }[],
): Promise<SetFileRow[]> {
  if (keys.length === 0) return [];
  const conds = keys
    .map((k) => `(${scope.tenantIdExpr} = ${k.tenantId} AND BACKUP_SET_ID = ${k.backupSetId})`)
    .join(' OR ');
  const rows = await db.query(
    'set-files',
    `SELECT ${scope.tenantIdColumn}, BACKUP_SET_ID, BACKUP_TYPE, STATUS, FILE_STATUS, PATH, OUTPUT_BYTES FROM ${scope.view('OB_BACKUP_SET_FILES')} WHERE ${conds}`,
  );
  return rows.map((r) => ({
    tenantId: num(r, 'TENANT_ID'),
    backupSetId: num(r, 'BACKUP_SET_ID'),
    backupType: str(r, 'BACKUP_TYPE'),
    status: str(r, 'STATUS'),
    fileStatus: str(r, 'FILE_STATUS'),
    path: pathOf(r, 'PATH'),
    outputBytes: num(r, 'OUTPUT_BYTES'),
  }));
}

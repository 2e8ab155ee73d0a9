import type { Db, Row } from '../../lib/db.js';
import { isDriverError } from '../../lib/db.js';
import type { TenantMode } from '@obconsole/contracts';
import { num, numOrNull, pathOf, str, viewTime } from '../../lib/rows.js';
import type { Scope } from '../../lib/scope.js';

export interface JobRow {
  tenantId: number;
  jobId: number;
  backupSetId: number;
  initiatorTenantId: number;
  initiatorJobId: number;
  jobLevel: string;
  backupType: string;
  plusArchivelog: string;
  encryptionMode: string;
  description: string;
  startTimestamp: string;
  status: string;
  path: string;
}

/** Job columns the console reads. PASSWD is deliberately never among them. */
const JOB_COLUMNS =
  'JOB_ID, BACKUP_SET_ID, INITIATOR_TENANT_ID, INITIATOR_JOB_ID, JOB_LEVEL, BACKUP_TYPE, PLUS_ARCHIVELOG, ENCRYPTION_MODE, DESCRIPTION, START_TIMESTAMP, STATUS, PATH';

export async function selectActiveJobs(db: Db, scope: Scope): Promise<JobRow[]> {
  const rows = await db.query(
    'active-jobs',
    `SELECT ${scope.tenantIdColumn}, ${JOB_COLUMNS} FROM ${scope.view('OB_BACKUP_JOBS')}`,
  );
  return rows.map((r) => jobRow(r, scope.mode));
}

function jobRow(r: Row, mode: TenantMode): JobRow {
  return {
    tenantId: num(r, 'TENANT_ID'),
    jobId: num(r, 'JOB_ID'),
    backupSetId: num(r, 'BACKUP_SET_ID'),
    initiatorTenantId: num(r, 'INITIATOR_TENANT_ID'),
    initiatorJobId: num(r, 'INITIATOR_JOB_ID'),
    jobLevel: str(r, 'JOB_LEVEL'),
    backupType: str(r, 'BACKUP_TYPE'),
    plusArchivelog: str(r, 'PLUS_ARCHIVELOG'),
    encryptionMode: str(r, 'ENCRYPTION_MODE'),
    description: str(r, 'DESCRIPTION'),
    startTimestamp: viewTime(r, 'START_TIMESTAMP', mode),
    status: str(r, 'STATUS'),
    path: pathOf(r, 'PATH'),
  };
}

export interface TaskRow {
  tenantId: number;
  taskId: number;
  jobId: number;
  backupSetId: number;
  status: string;
  startTimestamp: string;
  inputBytes: number;
  outputBytes: number;
  tabletCount: number;
  finishTabletCount: number;
  macroBlockCount: number;
  finishMacroBlockCount: number;
  /** DATA_PROGRESS where the build has it (4.2.1 BP3+, 4.3.1+), else null. */
  dataProgress: number | null;
}

const TASK_COLUMNS =
  'TASK_ID, JOB_ID, BACKUP_SET_ID, STATUS, START_TIMESTAMP, INPUT_BYTES, OUTPUT_BYTES, TABLET_COUNT, FINISH_TABLET_COUNT, MACRO_BLOCK_COUNT, FINISH_MACRO_BLOCK_COUNT';

export async function selectActiveTasks(
  db: Db,
  scope: Scope,
  withDataProgress: boolean,
): Promise<TaskRow[]> {
  const extra = withDataProgress ? ', DATA_PROGRESS' : '';
  const rows = await db.query(
    'active-tasks',
    `SELECT ${scope.tenantIdColumn}, ${TASK_COLUMNS}${extra} FROM ${scope.view('OB_BACKUP_TASKS')}`,
  );
  return rows.map((r) => ({
    tenantId: num(r, 'TENANT_ID'),
    taskId: num(r, 'TASK_ID'),
    jobId: num(r, 'JOB_ID'),
    backupSetId: num(r, 'BACKUP_SET_ID'),
    status: str(r, 'STATUS'),
    startTimestamp: viewTime(r, 'START_TIMESTAMP', scope.mode),
    inputBytes: num(r, 'INPUT_BYTES'),
    outputBytes: num(r, 'OUTPUT_BYTES'),
    tabletCount: num(r, 'TABLET_COUNT'),
    finishTabletCount: num(r, 'FINISH_TABLET_COUNT'),
    macroBlockCount: num(r, 'MACRO_BLOCK_COUNT'),
    finishMacroBlockCount: num(r, 'FINISH_MACRO_BLOCK_COUNT'),
    dataProgress: withDataProgress ? numOrNull(r, 'DATA_PROGRESS') : null,
  }));
}

/**
 * Whether the TASKS view has DATA_PROGRESS: asked once per server by naming the column in a
 * query that returns no rows (no SELECT *, which would touch PASSWD).
 */
export async function probeDataProgress(db: Db, scope: Scope): Promise<boolean> {
  try {
    await db.query(
      'probe-data-progress',
      `SELECT DATA_PROGRESS FROM ${scope.view('OB_BACKUP_TASKS')} WHERE 1 = 0`,
    );
    return true;
  } catch (e) {
    // 1054: unknown column. Anything else is a real failure.
    if (isDriverError(e) && e.errno === 1054) return false;
    if (isDriverError(e) && e.errno === 904) return false; // ORA-00904 in Oracle mode
    throw e;
  }
}

/** The newest job this session's tenant started itself, or the newest sys CLUSTER job. */
export async function selectNewestInitiatedJob(
  run: (name: string, sql: string) => Promise<Row[]>,
  scope: Scope,
): Promise<{ tenantId: number; jobId: number; jobLevel: string } | null> {
  const where = scope.isSys ? 'TENANT_ID = 1' : 'INITIATOR_JOB_ID = 0';
  const rows = await run(
    'newest-initiated-job',
    `SELECT ${scope.tenantIdColumn}, JOB_ID, JOB_LEVEL FROM ${scope.view('OB_BACKUP_JOBS')} WHERE ${where} ORDER BY JOB_ID DESC ${scope.limit(1)}`,
  );
  const r = rows[0];
  return r
    ? { tenantId: num(r, 'TENANT_ID'), jobId: num(r, 'JOB_ID'), jobLevel: str(r, 'JOB_LEVEL') }
    : null;
}

/** The tenant jobs a sys CLUSTER job spawned. */
export async function selectJobsOfClusterJob(
  run: (name: string, sql: string) => Promise<Row[]>,
  scope: Scope,
  clusterJobId: number,
): Promise<{ tenantId: number; jobId: number }[]> {
  const sql = scope.bind(
    `SELECT TENANT_ID, JOB_ID FROM ${scope.view('OB_BACKUP_JOBS')} WHERE INITIATOR_TENANT_ID = 1 AND INITIATOR_JOB_ID = ? AND TENANT_ID <> 1
     UNION ALL
     SELECT TENANT_ID, JOB_ID FROM ${scope.view('OB_BACKUP_JOB_HISTORY')} WHERE INITIATOR_TENANT_ID = 1 AND INITIATOR_JOB_ID = ? AND TENANT_ID <> 1`,
    [clusterJobId, clusterJobId],
  );
  const rows = await run('cluster-job-children', sql);
  return rows.map((r) => ({ tenantId: num(r, 'TENANT_ID'), jobId: num(r, 'JOB_ID') }));
}

/**
 * The database's own clock, in UTC: elapsed time and rate are measured on the clock that wrote
 * START_TIMESTAMP, so skew between this host and the cluster does not distort them.
 */
export async function selectDbNow(db: Db, scope: Scope): Promise<string | null> {
  const sql =
    scope.mode === 'ORACLE'
      ? "SELECT TO_CHAR(SYS_EXTRACT_UTC(SYSTIMESTAMP), 'YYYY-MM-DD HH24:MI:SS.FF6') AS DB_NOW FROM DUAL"
      : 'SELECT NOW(6) AS DB_NOW';
  const rows = await db.query('db-now', sql);
  return rows[0] ? str(rows[0], 'DB_NOW') : null;
}

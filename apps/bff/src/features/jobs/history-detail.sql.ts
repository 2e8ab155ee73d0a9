import type { Db } from '../../lib/db.js';
import { num, pathOf, str, strOrNull, viewTime, viewTimeOrNull } from '../../lib/rows.js';
import type { Scope } from '../../lib/scope.js';

/** The tasks and backup set of one job, for the history detail. */

export interface TaskDetailRow {
  taskId: number;
  status: string;
  startTimestamp: string;
  endTimestamp: string | null;
  startScn: string;
  endScn: string;
  inputBytes: number;
  outputBytes: number;
  outputRateBytes: number;
  tabletCount: number;
  finishTabletCount: number;
  macroBlockCount: number;
  finishMacroBlockCount: number;
  fileCount: number;
  result: number;
  comment: string;
  path: string;
}

const TASK_DETAIL_COLUMNS = (scope: Scope) =>
  `TASK_ID, STATUS, START_TIMESTAMP, END_TIMESTAMP, START_SCN, END_SCN, INPUT_BYTES, OUTPUT_BYTES, OUTPUT_RATE_BYTES, TABLET_COUNT, FINISH_TABLET_COUNT, MACRO_BLOCK_COUNT, FINISH_MACRO_BLOCK_COUNT, FILE_COUNT, RESULT, ${scope.commentColumn}, PATH`;

/** The tasks of one job, whether it is still running or already in history. */
export async function selectTasksOfJob(
  db: Db,
  scope: Scope,
  tenantId: number,
  jobId: number,
): Promise<TaskDetailRow[]> {
  const conds = scope.isSys ? 'TENANT_ID = ? AND JOB_ID = ?' : 'JOB_ID = ?';
  const values = scope.isSys ? [tenantId, jobId] : [jobId];
  const cols = TASK_DETAIL_COLUMNS(scope);
  const sql = scope.bind(
    `SELECT ${cols} FROM ${scope.view('OB_BACKUP_TASK_HISTORY')} WHERE ${conds} UNION ALL SELECT ${cols} FROM ${scope.view('OB_BACKUP_TASKS')} WHERE ${conds}`,
    [...values, ...values],
  );
  const rows = await db.query('job-tasks', sql);
  return rows.map((r) => ({
    taskId: num(r, 'TASK_ID'),
    status: str(r, 'STATUS'),
    startTimestamp: viewTime(r, 'START_TIMESTAMP', scope.mode),
    endTimestamp: viewTimeOrNull(r, 'END_TIMESTAMP', scope.mode),
    startScn: str(r, 'START_SCN'),
    endScn: str(r, 'END_SCN'),
    inputBytes: num(r, 'INPUT_BYTES'),
    outputBytes: num(r, 'OUTPUT_BYTES'),
    outputRateBytes: num(r, 'OUTPUT_RATE_BYTES'),
    tabletCount: num(r, 'TABLET_COUNT'),
    finishTabletCount: num(r, 'FINISH_TABLET_COUNT'),
    macroBlockCount: num(r, 'MACRO_BLOCK_COUNT'),
    finishMacroBlockCount: num(r, 'FINISH_MACRO_BLOCK_COUNT'),
    fileCount: num(r, 'FILE_COUNT'),
    result: num(r, 'RESULT'),
    comment: str(r, 'COMMENT'),
    path: pathOf(r, 'PATH'),
  }));
}

export interface SetDetailRow {
  backupSetId: number;
  backupType: string;
  status: string;
  fileStatus: string;
  prevFullBackupSetId: number;
  prevIncBackupSetId: number;
  startTimestamp: string;
  endTimestamp: string | null;
  elapsedSeconds: number;
  inputBytes: number;
  outputBytes: number;
  encryptionMode: string;
  minRestoreScnDisplay: string | null;
  tenantCompatible: string;
  clusterVersion: string;
  path: string;
}

export async function selectBackupSet(
  db: Db,
  scope: Scope,
  tenantId: number,
  backupSetId: number,
): Promise<SetDetailRow | null> {
  const conds = scope.isSys ? 'TENANT_ID = ? AND BACKUP_SET_ID = ?' : 'BACKUP_SET_ID = ?';
  const values = scope.isSys ? [tenantId, backupSetId] : [backupSetId];
  const rows = await db.query(
    'backup-set',
    scope.bind(
      // ELAPSED_SECONDES is the view's real (misspelt) column name.
      `SELECT BACKUP_SET_ID, BACKUP_TYPE, STATUS, FILE_STATUS, PREV_FULL_BACKUP_SET_ID, PREV_INC_BACKUP_SET_ID, START_TIMESTAMP, END_TIMESTAMP, ELAPSED_SECONDES, INPUT_BYTES, OUTPUT_BYTES, ENCRYPTION_MODE, MIN_RESTORE_SCN_DISPLAY, TENANT_COMPATIBLE, CLUSTER_VERSION, PATH FROM ${scope.view('OB_BACKUP_SET_FILES')} WHERE ${conds}`,
      values,
    ),
  );
  const r = rows[0];
  if (!r) return null;
  return {
    backupSetId: num(r, 'BACKUP_SET_ID'),
    backupType: str(r, 'BACKUP_TYPE'),
    status: str(r, 'STATUS'),
    fileStatus: str(r, 'FILE_STATUS'),
    prevFullBackupSetId: num(r, 'PREV_FULL_BACKUP_SET_ID'),
    prevIncBackupSetId: num(r, 'PREV_INC_BACKUP_SET_ID'),
    startTimestamp: viewTime(r, 'START_TIMESTAMP', scope.mode),
    endTimestamp: viewTimeOrNull(r, 'END_TIMESTAMP', scope.mode),
    elapsedSeconds: num(r, 'ELAPSED_SECONDES'),
    inputBytes: num(r, 'INPUT_BYTES'),
    outputBytes: num(r, 'OUTPUT_BYTES'),
    encryptionMode: str(r, 'ENCRYPTION_MODE'),
    minRestoreScnDisplay: strOrNull(r, 'MIN_RESTORE_SCN_DISPLAY'),
    tenantCompatible: str(r, 'TENANT_COMPATIBLE'),
    clusterVersion: str(r, 'CLUSTER_VERSION'),
    path: pathOf(r, 'PATH'),
  };
}

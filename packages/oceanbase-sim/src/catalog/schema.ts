import type { ColumnDef } from '../protocol/types.js';
import { usecToTextSql } from './time.js';

/**
 * The inner tables (named like OceanBase's `__all_*`) and the OceanBase views computed from
 * them. Everything lives in SQLite's main database so that `Database.export()` persists it;
 * the `oceanbase.` / `SYS.` prefixes are resolved by the SELECT rewriter, never by SQLite.
 */

export type SqlType = 'bigint' | 'ubigint' | 'varchar' | 'longtext' | 'ts6' | 'dec28_4' | 'dec26_2';

export interface ViewColumn {
  name: string;
  type: SqlType;
  /** SQL over the inner table; `off` is the session's offset in minutes. */
  expr: (off: number) => string;
}

export interface ViewFamily {
  /** Without the CDB_/DBA_ prefix, e.g. OB_BACKUP_JOBS. */
  name: string;
  /** SELECT … FROM source, or a UNION of two tables. */
  sources: string[];
  columns: ViewColumn[];
}

const col = (name: string, type: SqlType, expr?: string): ViewColumn => ({
  name,
  type,
  expr: () => expr ?? name.toLowerCase(),
});
const tsCol = (name: string, usecColumn: string, nullWhenZero: boolean): ViewColumn => ({
  name,
  type: 'ts6',
  expr: (off) =>
    nullWhenZero
      ? `CASE WHEN ${usecColumn} = 0 THEN NULL ELSE ${usecToTextSql(usecColumn, off)} END`
      : usecToTextSql(usecColumn, off),
});
const scnDisplay = (name: string, scnColumn: string): ViewColumn => ({
  name,
  type: 'ts6',
  expr: (off) => `CASE WHEN ${scnColumn} = 0 THEN NULL ELSE ${usecToTextSql(`${scnColumn} / 1000`, off)} END`,
});
const rate = (name: string): ViewColumn =>
  col(name, 'dec28_4', `CASE WHEN end_ts = 0 OR end_ts <= start_ts THEN 0 ELSE output_bytes * 1.0 / ((end_ts - start_ts) / 1000000.0) END`);
const progress = (name: string, total: string, finished: string): ViewColumn =>
  col(
    name,
    'dec26_2',
    `CASE WHEN ${total} = 0 THEN 0 WHEN ${finished} > ${total} THEN 99.99 ELSE ROUND(${finished} * 100.0 / ${total}, 2) END`,
  );

export const INNER_TABLES_DDL = `
CREATE TABLE __all_tenant (
  tenant_id INTEGER PRIMARY KEY, tenant_name TEXT NOT NULL, compatibility_mode TEXT NOT NULL,
  status TEXT NOT NULL, create_ts INTEGER NOT NULL, modify_ts INTEGER NOT NULL, primary_zone TEXT,
  locality TEXT, previous_locality TEXT, in_recyclebin TEXT, locked TEXT, tenant_role TEXT,
  switchover_status TEXT, switchover_epoch INTEGER, log_mode TEXT, arbitration_service_status TEXT,
  unit_num INTEGER, compatible TEXT, max_ls_id INTEGER);
CREATE TABLE __all_backup_job (
  tenant_id INTEGER NOT NULL, job_id INTEGER NOT NULL, incarnation INTEGER NOT NULL DEFAULT 1,
  backup_set_id INTEGER NOT NULL, initiator_tenant_id INTEGER NOT NULL, initiator_job_id INTEGER NOT NULL,
  executor_tenant_id TEXT NOT NULL, plus_archivelog TEXT NOT NULL, backup_type TEXT NOT NULL,
  job_level TEXT NOT NULL, encryption_mode TEXT NOT NULL, passwd TEXT NOT NULL,
  start_ts INTEGER NOT NULL, end_ts INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL,
  result INTEGER NOT NULL DEFAULT 0, comment TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '',
  path TEXT NOT NULL DEFAULT '', PRIMARY KEY (tenant_id, job_id));
CREATE TABLE __all_backup_task (
  tenant_id INTEGER NOT NULL, task_id INTEGER NOT NULL, job_id INTEGER NOT NULL, incarnation INTEGER NOT NULL DEFAULT 1,
  backup_set_id INTEGER NOT NULL, start_ts INTEGER NOT NULL, end_ts INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL,
  start_scn INTEGER NOT NULL DEFAULT 0, end_scn INTEGER NOT NULL DEFAULT 0, user_ls_start_scn INTEGER NOT NULL DEFAULT 0,
  encryption_mode TEXT NOT NULL, passwd TEXT NOT NULL, input_bytes INTEGER NOT NULL DEFAULT 0,
  output_bytes INTEGER NOT NULL DEFAULT 0, extra_bytes INTEGER NOT NULL DEFAULT 0, tablet_count INTEGER NOT NULL DEFAULT 0,
  finish_tablet_count INTEGER NOT NULL DEFAULT 0, macro_block_count INTEGER NOT NULL DEFAULT 0,
  finish_macro_block_count INTEGER NOT NULL DEFAULT 0, file_count INTEGER NOT NULL DEFAULT 0,
  meta_turn_id INTEGER NOT NULL DEFAULT 1, data_turn_id INTEGER NOT NULL DEFAULT 0, result INTEGER NOT NULL DEFAULT 0,
  comment TEXT NOT NULL DEFAULT '', path TEXT NOT NULL DEFAULT '', minor_turn_id INTEGER NOT NULL DEFAULT 1,
  major_turn_id INTEGER NOT NULL DEFAULT 1, log_file_count INTEGER NOT NULL DEFAULT 0,
  finish_log_file_count INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (tenant_id, task_id));
CREATE TABLE __all_backup_set_files (
  tenant_id INTEGER NOT NULL, backup_set_id INTEGER NOT NULL, dest_id INTEGER NOT NULL DEFAULT 1,
  incarnation INTEGER NOT NULL DEFAULT 1, backup_type TEXT NOT NULL, prev_full_backup_set_id INTEGER NOT NULL DEFAULT 0,
  prev_inc_backup_set_id INTEGER NOT NULL DEFAULT 0, start_ts INTEGER NOT NULL, end_ts INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL, file_status TEXT NOT NULL, plus_archivelog TEXT NOT NULL,
  start_replay_scn INTEGER NOT NULL DEFAULT 0, min_restore_scn INTEGER NOT NULL DEFAULT 0,
  input_bytes INTEGER NOT NULL DEFAULT 0, output_bytes INTEGER NOT NULL DEFAULT 0, extra_bytes INTEGER NOT NULL DEFAULT 0,
  tablet_count INTEGER NOT NULL DEFAULT 0, finish_tablet_count INTEGER NOT NULL DEFAULT 0,
  macro_block_count INTEGER NOT NULL DEFAULT 0, finish_macro_block_count INTEGER NOT NULL DEFAULT 0,
  file_count INTEGER NOT NULL DEFAULT 0, meta_turn_id INTEGER NOT NULL DEFAULT 1, data_turn_id INTEGER NOT NULL DEFAULT 0,
  result INTEGER NOT NULL DEFAULT 0, comment TEXT NOT NULL DEFAULT '', encryption_mode TEXT NOT NULL,
  passwd TEXT NOT NULL, tenant_compatible TEXT NOT NULL, backup_compatible INTEGER NOT NULL DEFAULT 3,
  path TEXT NOT NULL, cluster_version TEXT NOT NULL, consistent_scn INTEGER NOT NULL DEFAULT 0,
  minor_turn_id INTEGER NOT NULL DEFAULT 1, major_turn_id INTEGER NOT NULL DEFAULT 1, job_id INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, backup_set_id));
CREATE TABLE __all_tenant_archive_progress (
  tenant_id INTEGER NOT NULL, dest_id INTEGER NOT NULL, round_id INTEGER NOT NULL, incarnation INTEGER NOT NULL DEFAULT 1,
  dest_no INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL, start_scn INTEGER NOT NULL, checkpoint_scn INTEGER NOT NULL,
  compatible INTEGER NOT NULL DEFAULT 2, base_piece_id INTEGER NOT NULL, used_piece_id INTEGER NOT NULL,
  piece_switch_interval INTEGER NOT NULL, unit_size INTEGER NOT NULL DEFAULT 1, compression TEXT NOT NULL DEFAULT 'none',
  input_bytes INTEGER NOT NULL DEFAULT 0, output_bytes INTEGER NOT NULL DEFAULT 0, deleted_input_bytes INTEGER NOT NULL DEFAULT 0,
  deleted_output_bytes INTEGER NOT NULL DEFAULT 0, comment TEXT NOT NULL DEFAULT '', path TEXT NOT NULL,
  PRIMARY KEY (tenant_id, dest_no));
CREATE TABLE __all_backup_parameter (tenant_id INTEGER NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (tenant_id, name));
CREATE TABLE __all_archive_dest_parameter (tenant_id INTEGER NOT NULL, dest_no INTEGER NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (tenant_id, dest_no, name));
CREATE TABLE __sim_session_privs (account TEXT NOT NULL, privilege TEXT NOT NULL);
CREATE TABLE __sim_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE __is_columns (tenant_class TEXT, TABLE_CATALOG TEXT, TABLE_SCHEMA TEXT, TABLE_NAME TEXT, COLUMN_NAME TEXT,
  ORDINAL_POSITION INTEGER, COLUMN_DEFAULT TEXT, IS_NULLABLE TEXT, DATA_TYPE TEXT, CHARACTER_MAXIMUM_LENGTH INTEGER,
  NUMERIC_PRECISION INTEGER, NUMERIC_SCALE INTEGER, COLUMN_TYPE TEXT, COLUMN_KEY TEXT, EXTRA TEXT, COLUMN_COMMENT TEXT);
CREATE TABLE DUAL (DUMMY TEXT);
INSERT INTO DUAL VALUES ('X');
CREATE TABLE __all_backup_job_history AS SELECT * FROM __all_backup_job WHERE 0;
CREATE TABLE __all_backup_task_history AS SELECT * FROM __all_backup_task WHERE 0;
CREATE TABLE __all_tenant_archive_his AS SELECT * FROM __all_tenant_archive_progress WHERE 0;
CREATE INDEX idx_job_his_tenant_job ON __all_backup_job_history (tenant_id, job_id);
CREATE INDEX idx_job_his_status ON __all_backup_job_history (status, tenant_id);
CREATE INDEX idx_job_his_type ON __all_backup_job_history (backup_type, tenant_id);
CREATE INDEX idx_job_his_start ON __all_backup_job_history (start_ts);
CREATE INDEX idx_task_his_tenant_job ON __all_backup_task_history (tenant_id, job_id);
CREATE INDEX idx_task_his_tenant_set ON __all_backup_task_history (tenant_id, backup_set_id);
CREATE INDEX idx_task_his_start ON __all_backup_task_history (start_ts);
CREATE INDEX idx_set_files_job ON __all_backup_set_files (tenant_id, job_id);
CREATE INDEX idx_set_files_status ON __all_backup_set_files (status, tenant_id);
CREATE INDEX idx_task_job ON __all_backup_task (tenant_id, job_id);
`;

/** Tables whose START_TIMESTAMP the console sorts on: they get expression indexes per offset. */
const TIMESTAMP_INDEXED: { table: string; key: string }[] = [
  { table: '__all_backup_job_history', key: 'job_id' },
  { table: '__all_backup_task_history', key: 'task_id' },
  { table: '__all_backup_set_files', key: 'backup_set_id' },
];

export function timestampIndexesDdl(off: number): string {
  const tag = offsetTag(off);
  return TIMESTAMP_INDEXED.map(({ table, key }) => {
    const expr = usecToTextSql('start_ts', off);
    return (
      // (time, tenant, key) matches the CDB order START_TIMESTAMP, TENANT_ID, JOB_ID exactly: with
      // only (time, key) SQLite sorted the whole table for a first page filtered on JOB_LEVEL.
      `CREATE INDEX IF NOT EXISTS "idx_${table}_tk_${tag}" ON ${table} (${expr}, tenant_id, ${key});\n` +
      `CREATE INDEX IF NOT EXISTS "idx_${table}_ts_${tag}" ON ${table} (${expr}, ${key});\n` +
      `CREATE INDEX IF NOT EXISTS "idx_${table}_tts_${tag}" ON ${table} (tenant_id, ${expr}, ${key});`
    );
  }).join('\n');
}

export function offsetTag(off: number): string {
  const abs = Math.abs(off);
  return `${off < 0 ? 'm' : 'p'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

const JOB_COLUMNS: ViewColumn[] = [
  col('TENANT_ID', 'bigint'),
  col('JOB_ID', 'bigint'),
  col('INCARNATION', 'bigint'),
  col('BACKUP_SET_ID', 'bigint'),
  col('INITIATOR_TENANT_ID', 'bigint'),
  col('INITIATOR_JOB_ID', 'bigint'),
  col('EXECUTOR_TENANT_ID', 'varchar'),
  col('PLUS_ARCHIVELOG', 'varchar'),
  col('BACKUP_TYPE', 'varchar'),
  col('JOB_LEVEL', 'varchar'),
  col('ENCRYPTION_MODE', 'varchar'),
  col('PASSWD', 'varchar'),
  tsCol('START_TIMESTAMP', 'start_ts', false),
  tsCol('END_TIMESTAMP', 'end_ts', true),
  col('STATUS', 'varchar'),
  col('RESULT', 'bigint'),
  col('COMMENT', 'varchar'),
  col('DESCRIPTION', 'varchar'),
  col('PATH', 'varchar'),
];

function taskColumns(withProgress: boolean): ViewColumn[] {
  const base: ViewColumn[] = [
    col('TENANT_ID', 'bigint'),
    col('TASK_ID', 'bigint'),
    col('JOB_ID', 'bigint'),
    col('INCARNATION', 'bigint'),
    col('BACKUP_SET_ID', 'bigint'),
    tsCol('START_TIMESTAMP', 'start_ts', false),
    tsCol('END_TIMESTAMP', 'end_ts', true),
    col('STATUS', 'varchar'),
    col('START_SCN', 'ubigint'),
    col('END_SCN', 'ubigint'),
    col('USER_LS_START_SCN', 'ubigint'),
    col('ENCRYPTION_MODE', 'varchar'),
    col('PASSWD', 'varchar'),
    col('INPUT_BYTES', 'bigint'),
    col('OUTPUT_BYTES', 'bigint'),
    rate('OUTPUT_RATE_BYTES'),
    col('EXTRA_META_BYTES', 'bigint', 'extra_bytes'),
    col('TABLET_COUNT', 'bigint'),
    col('FINISH_TABLET_COUNT', 'bigint'),
    col('MACRO_BLOCK_COUNT', 'bigint'),
    col('FINISH_MACRO_BLOCK_COUNT', 'bigint'),
    col('FILE_COUNT', 'bigint'),
    col('META_TURN_ID', 'bigint'),
    col('DATA_TURN_ID', 'bigint'),
    col('RESULT', 'bigint'),
    col('COMMENT', 'varchar'),
    col('PATH', 'varchar'),
    col('MINOR_TURN_ID', 'bigint'),
    col('MAJOR_TURN_ID', 'bigint'),
  ];
  if (!withProgress) return base;
  return [
    ...base,
    progress('DATA_PROGRESS', 'macro_block_count', 'finish_macro_block_count'),
    col('LOG_FILE_COUNT', 'bigint'),
    col('FINISH_LOG_FILE_COUNT', 'bigint'),
    progress('LOG_PROGRESS', 'log_file_count', 'finish_log_file_count'),
  ];
}

const SET_FILE_COLUMNS: ViewColumn[] = [
  col('TENANT_ID', 'bigint'),
  col('BACKUP_SET_ID', 'bigint'),
  col('DEST_ID', 'bigint'),
  col('INCARNATION', 'bigint'),
  col('BACKUP_TYPE', 'varchar'),
  col('PREV_FULL_BACKUP_SET_ID', 'bigint'),
  col('PREV_INC_BACKUP_SET_ID', 'bigint'),
  tsCol('START_TIMESTAMP', 'start_ts', false),
  tsCol('END_TIMESTAMP', 'end_ts', true),
  col('STATUS', 'varchar'),
  col('FILE_STATUS', 'varchar'),
  col('ELAPSED_SECONDES', 'bigint', 'CASE WHEN end_ts = 0 THEN 0 ELSE CAST(ROUND((end_ts - start_ts) / 1000000.0, 0) AS INTEGER) END'),
  col('PLUS_ARCHIVELOG', 'varchar'),
  col('START_REPLAY_SCN', 'ubigint'),
  scnDisplay('START_REPLAY_SCN_DISPLAY', 'start_replay_scn'),
  col('MIN_RESTORE_SCN', 'ubigint'),
  scnDisplay('MIN_RESTORE_SCN_DISPLAY', 'min_restore_scn'),
  col('INPUT_BYTES', 'bigint'),
  col('OUTPUT_BYTES', 'bigint'),
  rate('OUTPUT_RATE_BYTES'),
  col('EXTRA_META_BYTES', 'bigint', 'extra_bytes'),
  col('TABLET_COUNT', 'bigint'),
  col('FINISH_TABLET_COUNT', 'bigint'),
  col('MACRO_BLOCK_COUNT', 'bigint'),
  col('FINISH_MACRO_BLOCK_COUNT', 'bigint'),
  col('FILE_COUNT', 'bigint'),
  col('META_TURN_ID', 'bigint'),
  col('DATA_TURN_ID', 'bigint'),
  col('RESULT', 'bigint'),
  col('COMMENT', 'varchar'),
  col('ENCRYPTION_MODE', 'varchar'),
  col('PASSWD', 'varchar'),
  col('TENANT_COMPATIBLE', 'varchar'),
  col('BACKUP_COMPATIBLE', 'bigint'),
  col('PATH', 'varchar'),
  col('CLUSTER_VERSION', 'varchar'),
  col('CONSISTENT_SCN', 'ubigint'),
  col('MINOR_TURN_ID', 'bigint'),
  col('MAJOR_TURN_ID', 'bigint'),
];

const ARCHIVE_COLUMNS: ViewColumn[] = [
  col('TENANT_ID', 'bigint'),
  col('DEST_ID', 'bigint'),
  col('ROUND_ID', 'bigint'),
  col('INCARNATION', 'bigint'),
  col('DEST_NO', 'bigint'),
  col('STATUS', 'varchar'),
  col('START_SCN', 'ubigint'),
  scnDisplay('START_SCN_DISPLAY', 'start_scn'),
  col('CHECKPOINT_SCN', 'ubigint'),
  scnDisplay('CHECKPOINT_SCN_DISPLAY', 'checkpoint_scn'),
  col('COMPATIBLE', 'bigint'),
  col('BASE_PIECE_ID', 'bigint'),
  col('USED_PIECE_ID', 'bigint'),
  col('PIECE_SWITCH_INTERVAL', 'bigint'),
  col('UNIT_SIZE', 'bigint'),
  col('COMPRESSION', 'varchar'),
  col('INPUT_BYTES', 'bigint'),
  col('INPUT_BYTES_DISPLAY', 'varchar', 'ob_bytes_display(input_bytes)'),
  col('OUTPUT_BYTES', 'bigint'),
  col('OUTPUT_BYTES_DISPLAY', 'varchar', 'ob_bytes_display(output_bytes)'),
  col('COMPRESSION_RATIO', 'dec26_2', 'CASE WHEN output_bytes = 0 THEN NULL ELSE ROUND(input_bytes * 1.0 / output_bytes, 2) END'),
  col('DELETED_INPUT_BYTES', 'bigint'),
  col('DELETED_INPUT_BYTES_DISPLAY', 'varchar', 'ob_bytes_display(deleted_input_bytes)'),
  col('DELETED_OUTPUT_BYTES', 'bigint'),
  col('DELETED_OUTPUT_BYTES_DISPLAY', 'varchar', 'ob_bytes_display(deleted_output_bytes)'),
  col('COMMENT', 'varchar'),
  col('PATH', 'varchar'),
];

export function viewFamilies(dataProgressColumns: boolean): ViewFamily[] {
  return [
    { name: 'OB_BACKUP_JOBS', sources: ['__all_backup_job'], columns: JOB_COLUMNS },
    { name: 'OB_BACKUP_JOB_HISTORY', sources: ['__all_backup_job_history'], columns: JOB_COLUMNS },
    { name: 'OB_BACKUP_TASKS', sources: ['__all_backup_task'], columns: taskColumns(dataProgressColumns) },
    { name: 'OB_BACKUP_TASK_HISTORY', sources: ['__all_backup_task_history'], columns: taskColumns(false) },
    { name: 'OB_BACKUP_SET_FILES', sources: ['__all_backup_set_files'], columns: SET_FILE_COLUMNS },
    { name: 'OB_ARCHIVELOG', sources: ['__all_tenant_archive_progress'], columns: ARCHIVE_COLUMNS },
    {
      name: 'OB_ARCHIVELOG_SUMMARY',
      sources: ['__all_tenant_archive_progress', '__all_tenant_archive_his'],
      columns: ARCHIVE_COLUMNS,
    },
    {
      name: 'OB_ARCHIVE_DEST',
      sources: ['__all_archive_dest_parameter'],
      columns: [col('TENANT_ID', 'bigint'), col('DEST_NO', 'bigint'), col('NAME', 'varchar'), col('VALUE', 'varchar')],
    },
    {
      name: 'OB_BACKUP_PARAMETER',
      sources: ['__all_backup_parameter'],
      columns: [col('TENANT_ID', 'bigint'), col('NAME', 'varchar'), col('VALUE', 'longtext')],
    },
  ];
}

export const TENANT_COLUMNS: ViewColumn[] = [
  col('TENANT_ID', 'bigint'),
  col('TENANT_NAME', 'varchar'),
  col('TENANT_TYPE', 'varchar', `CASE WHEN tenant_id = 1 THEN 'SYS' WHEN tenant_id & 1 THEN 'META' ELSE 'USER' END`),
  tsCol('CREATE_TIME', 'create_ts', false),
  tsCol('MODIFY_TIME', 'modify_ts', false),
  col('PRIMARY_ZONE', 'varchar'),
  col('LOCALITY', 'varchar'),
  col('PREVIOUS_LOCALITY', 'varchar'),
  col('COMPATIBILITY_MODE', 'varchar'),
  col('STATUS', 'varchar'),
  col('IN_RECYCLEBIN', 'varchar'),
  col('LOCKED', 'varchar'),
  col('TENANT_ROLE', 'varchar'),
  col('SWITCHOVER_STATUS', 'varchar'),
  col('SWITCHOVER_EPOCH', 'bigint'),
  col('SYNC_SCN', 'ubigint', 'ob_scn_now()'),
  col('REPLAYABLE_SCN', 'ubigint', 'ob_scn_now()'),
  col('READABLE_SCN', 'ubigint', 'ob_scn_now()'),
  col('RECOVERY_UNTIL_SCN', 'ubigint', `'4611686018427387903'`),
  col('LOG_MODE', 'varchar'),
  col('ARBITRATION_SERVICE_STATUS', 'varchar'),
  col('UNIT_NUM', 'bigint'),
  col('COMPATIBLE', 'varchar'),
  col('MAX_LS_ID', 'bigint'),
];

export type ViewKind = 'CDB' | 'DBA';

/** The SQLite name of one view instance: per kind, tenant (DBA) and offset. */
export function instanceName(kind: ViewKind | 'TENANTS', family: string, tenantId: number, off: number): string {
  return kind === 'CDB' ? `v$CDB_${family}$${offsetTag(off)}` : `v$${kind === 'DBA' ? 'DBA_' : ''}${family}$${tenantId}$${offsetTag(off)}`;
}

export function familyViewSql(kind: ViewKind, family: ViewFamily, tenantId: number, off: number): string {
  const cols = family.columns.filter((c) => kind === 'CDB' || c.name !== 'TENANT_ID');
  const select = cols.map((c) => `${c.expr(off)} AS "${c.name}"`).join(', ');
  const where = kind === 'DBA' ? ` WHERE tenant_id = ${tenantId}` : '';
  return family.sources.map((src) => `SELECT ${select} FROM ${src}${where}`).join(' UNION ALL ');
}

export function tenantsViewSql(tenantId: number, off: number): string {
  const select = TENANT_COLUMNS.map((c) => `${c.expr(off)} AS "${c.name}"`).join(', ');
  return `SELECT ${select} FROM __all_tenant${tenantId === 1 ? '' : ` WHERE tenant_id = ${tenantId}`}`;
}

/** Wire metadata for a column type, MySQL mode or Oracle mode. */
export function columnDef(name: string, type: SqlType, table: string, oracle: boolean): ColumnDef {
  const base = { name, table, schema: oracle ? 'SYS' : 'oceanbase' };
  if (oracle) {
    switch (type) {
      case 'bigint':
      case 'ubigint':
        return { ...base, type: 'NEWDECIMAL', decimals: 0, length: 38 };
      case 'dec28_4':
        return { ...base, type: 'NEWDECIMAL', decimals: 4, length: 28 };
      case 'dec26_2':
        return { ...base, type: 'NEWDECIMAL', decimals: 2, length: 26 };
      case 'ts6':
        return { ...base, type: 'VAR_STRING', length: 256 };
      case 'longtext':
        return { ...base, type: 'BLOB' };
      default:
        return { ...base, type: 'VAR_STRING', length: 4096 };
    }
  }
  switch (type) {
    case 'bigint':
      return { ...base, type: 'LONGLONG', length: 20 };
    case 'ubigint':
      return { ...base, type: 'LONGLONG', unsigned: true, length: 20 };
    case 'dec28_4':
      return { ...base, type: 'NEWDECIMAL', decimals: 4, length: 30 };
    case 'dec26_2':
      return { ...base, type: 'NEWDECIMAL', decimals: 2, length: 28 };
    case 'ts6':
      return { ...base, type: 'TIMESTAMP', decimals: 6, length: 26 };
    case 'longtext':
      return { ...base, type: 'BLOB' };
    default:
      return { ...base, type: 'VAR_STRING', length: 4096 };
  }
}

export function mysqlColumnType(type: SqlType): { dataType: string; columnType: string; precision: number | null; scale: number | null } {
  switch (type) {
    case 'bigint':
      return { dataType: 'bigint', columnType: 'bigint(20)', precision: 19, scale: 0 };
    case 'ubigint':
      return { dataType: 'bigint', columnType: 'bigint(20) unsigned', precision: 20, scale: 0 };
    case 'dec28_4':
      return { dataType: 'decimal', columnType: 'decimal(28,4)', precision: 28, scale: 4 };
    case 'dec26_2':
      return { dataType: 'decimal', columnType: 'decimal(26,2)', precision: 26, scale: 2 };
    case 'ts6':
      return { dataType: 'timestamp', columnType: 'timestamp(6)', precision: null, scale: null };
    case 'longtext':
      return { dataType: 'longtext', columnType: 'longtext', precision: null, scale: null };
    default:
      return { dataType: 'varchar', columnType: 'varchar(4096)', precision: null, scale: null };
  }
}

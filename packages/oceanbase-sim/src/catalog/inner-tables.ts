import { ORACLE_VIEW_OFFSET, usecToTextSql } from './time.js';

/** The inner tables (named like OceanBase's `__all_*`) and the expression indexes on them. */
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
  if (off === ORACLE_VIEW_OFFSET) return 'ora';
  const abs = Math.abs(off);
  return `${off < 0 ? 'm' : 'p'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** Backup cleaning (delete policies, jobs, tasks): created on every start, for older data files too. */
export const CLEAN_TABLES_DDL = `
CREATE TABLE IF NOT EXISTS __all_backup_delete_policy (
  tenant_id INTEGER NOT NULL, policy_name TEXT NOT NULL, recovery_window TEXT NOT NULL,
  PRIMARY KEY (tenant_id, policy_name));
CREATE TABLE IF NOT EXISTS __all_backup_delete_job (
  tenant_id INTEGER NOT NULL, job_id INTEGER NOT NULL, incarnation INTEGER NOT NULL, initiator_tenant_id INTEGER NOT NULL,
  initiator_job_id INTEGER NOT NULL, executor_tenant_id TEXT NOT NULL, type TEXT NOT NULL, parameter TEXT NOT NULL,
  job_level TEXT NOT NULL, start_ts INTEGER NOT NULL, end_ts INTEGER NOT NULL, status TEXT NOT NULL,
  task_count INTEGER NOT NULL, success_task_count INTEGER NOT NULL, result INTEGER NOT NULL, comment TEXT NOT NULL,
  PRIMARY KEY (tenant_id, job_id));
CREATE TABLE IF NOT EXISTS __all_backup_delete_job_history AS SELECT * FROM __all_backup_delete_job WHERE 0;
CREATE TABLE IF NOT EXISTS __all_backup_delete_task (
  tenant_id INTEGER NOT NULL, task_id INTEGER NOT NULL, job_id INTEGER NOT NULL, incarnation INTEGER NOT NULL,
  task_type TEXT NOT NULL, id INTEGER NOT NULL, round_id INTEGER NOT NULL, dest_id INTEGER NOT NULL, start_ts INTEGER NOT NULL,
  end_ts INTEGER NOT NULL, status TEXT NOT NULL, total_ls_count INTEGER NOT NULL, finish_ls_count INTEGER NOT NULL,
  result INTEGER NOT NULL, comment TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (tenant_id, job_id, task_id));
CREATE TABLE IF NOT EXISTS __all_backup_delete_task_history AS SELECT * FROM __all_backup_delete_task WHERE 0;
`;

/**
 * Rootservice events (ROOTSERVICE_EVENT_ADD): one row per event, time in microseconds; the
 * client-facing `__all_rootservice_event_history` / DBA_OB_ROOTSERVICE_EVENT_HISTORY are views.
 */
export const EVENT_TABLES_DDL = `
CREATE TABLE IF NOT EXISTS __sim_rs_event (
  gmt_create_us INTEGER NOT NULL, seq INTEGER PRIMARY KEY AUTOINCREMENT, module TEXT NOT NULL, event TEXT NOT NULL,
  name1 TEXT NOT NULL DEFAULT '', value1 TEXT NOT NULL DEFAULT '', name2 TEXT NOT NULL DEFAULT '', value2 TEXT NOT NULL DEFAULT '',
  name3 TEXT NOT NULL DEFAULT '', value3 TEXT NOT NULL DEFAULT '', name4 TEXT NOT NULL DEFAULT '', value4 TEXT NOT NULL DEFAULT '',
  name5 TEXT NOT NULL DEFAULT '', value5 TEXT NOT NULL DEFAULT '', name6 TEXT NOT NULL DEFAULT '', value6 TEXT NOT NULL DEFAULT '',
  extra_info TEXT NOT NULL DEFAULT '', rs_svr_ip TEXT NOT NULL, rs_svr_port INTEGER NOT NULL);
`;

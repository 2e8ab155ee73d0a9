/**
 * Backup and archive SQL exactly as real clients send it, with where it was read. Placeholders
 * (`?`) are sent with `params` through a prepared statement, as the Go drivers of those clients
 * do. `expect` is what a real OceanBase 4.3 cluster answers in the state the replay builds.
 *
 * Sources (GitHub, commit read):
 * - oceanbase/ob-operator 9f1ab81d62fd06e947ef867cfe7af503c010beeb, pkg/oceanbase-sdk/const/sql/backup.go
 *   (run in a MySQL tenant, database oceanbase)
 * - oceanbase/obshell 61ee14767de8b661dbbb3fbbd4fa6ae2bfb1c45b, ob/agent/service/tenant/backup.go
 *   (run in sys; tenant name substituted for %s)
 * - oceanbase/obdiag 1d2b1be47c697b7cb9733c9e144048b735246b75, plugins/gather/tasks/observer/backup.yaml
 *   (run in sys; `#{tenant_id}` substituted with 1002)
 * - oceanbase/obshell 61ee14767de8b661dbbb3fbbd4fa6ae2bfb1c45b, ob/agent/service/tenant/tenant.go and
 *   ob/agent/service/tenant/backup.go GORM reads, as GORM's MySQL dialector renders them
 *   (`Table("oceanbase.X")` quoted per part, a sub-query argument inlined in parentheses)
 */
export interface ReplayStatement {
  source: string;
  as: 'root@sys' | 'root@mysql_tenant';
  sql: string;
  params?: (string | number)[];
  /** ok: no error (rows or OK); otherwise the errno a real cluster answers. */
  expect: 'ok' | { errno: number };
  /** A step that puts the cluster in the state the statement needs (run first, not counted). */
  setup?: string[];
}

const OP = 'oceanbase/ob-operator pkg/oceanbase-sdk/const/sql/backup.go';
const SH = 'oceanbase/obshell ob/agent/service/tenant/backup.go';
const DIAG = 'oceanbase/obdiag plugins/gather/tasks/observer/backup.yaml';
const SH_TENANT = 'oceanbase/obshell ob/agent/service/tenant/tenant.go';

const jobCommonFields =
  'job_id, executor_tenant_id, job_level, start_timestamp, end_timestamp, status, result, comment';
const backupJobFields = `${jobCommonFields}, backup_set_id, plus_archivelog, backup_type, encryption_mode, passwd`;
const backupTaskFields =
  'job_id, backup_set_id, start_timestamp, end_timestamp, status, result, comment, task_id, incarnation, start_scn, end_scn, user_ls_start_scn, encryption_mode, passwd, input_bytes, output_bytes, output_rate_bytes, extra_meta_bytes, tablet_count, finish_tablet_count, macro_block_count, finish_macro_block_count, file_count, meta_turn_id, data_turn_id, path';
const cleanJobFields = `${jobCommonFields}, type, parameter, task_count, success_task_count`;
const logArchiveJobFields =
  "dest_id, round_id, dest_no, status, start_scn, start_scn_display, checkpoint_scn, IFNULL(checkpoint_scn_display, '-') as checkpoint_scn_display, compatible, base_piece_id, used_piece_id, piece_switch_interval, input_bytes, input_bytes_display, output_bytes, output_bytes_display, compression_ratio, deleted_input_bytes, deleted_input_bytes_display, deleted_output_bytes, deleted_output_bytes_display, comment, path";
const logArchivePieceFileFields =
  "dest_id, round_id, piece_id, incarnation, dest_no, status, start_scn, start_scn_display, checkpoint_scn, IFNULL(checkpoint_scn_display, '-') as checkpoint_scn_display, max_scn, end_scn, end_scn_display, compatible, unit_size, compression, input_bytes, input_bytes_display, output_bytes, output_bytes_display, compression_ratio, file_status, path";

const T = 'root@mysql_tenant' as const;
const SYS = 'root@sys' as const;

export const REPLAY: ReplayStatement[] = [
  // ob-operator, in the tenant
  { source: OP, as: T, sql: `SELECT ${logArchiveJobFields} FROM DBA_OB_ARCHIVELOG`, expect: 'ok' },
  {
    source: OP,
    as: T,
    sql: `SELECT ${logArchiveJobFields} FROM DBA_OB_ARCHIVELOG_SUMMARY`,
    expect: 'ok',
  },
  { source: OP, as: T, sql: 'SELECT dest_no, name, value FROM DBA_OB_ARCHIVE_DEST', expect: 'ok' },
  {
    source: OP,
    as: T,
    sql: `SELECT ${logArchivePieceFileFields} FROM DBA_OB_ARCHIVELOG_PIECE_FILES`,
    expect: 'ok',
  },
  {
    source: OP,
    as: T,
    sql: 'SET ENCRYPTION ON IDENTIFIED BY ? ONLY',
    params: ['op_pwd'],
    expect: 'ok',
  },
  { source: OP, as: T, sql: 'ALTER SYSTEM BACKUP DATABASE', expect: 'ok' },
  { source: OP, as: T, sql: 'ALTER SYSTEM BACKUP INCREMENTAL DATABASE', expect: { errno: 9036 } },
  { source: OP, as: T, sql: `SELECT ${backupJobFields} FROM DBA_OB_BACKUP_JOBS`, expect: 'ok' },
  {
    source: OP,
    as: T,
    sql: `SELECT ${backupJobFields} FROM DBA_OB_BACKUP_JOB_HISTORY`,
    expect: 'ok',
  },
  { source: OP, as: T, sql: `SELECT ${backupTaskFields} FROM DBA_OB_BACKUP_TASKS`, expect: 'ok' },
  {
    source: OP,
    as: T,
    sql: `SELECT ${backupTaskFields} FROM DBA_OB_BACKUP_TASK_HISTORY`,
    expect: 'ok',
  },
  { source: OP, as: T, sql: 'SELECT name, value FROM DBA_OB_BACKUP_PARAMETER', expect: 'ok' },
  {
    source: OP,
    as: T,
    sql: `SELECT ${backupJobFields} FROM DBA_OB_BACKUP_JOBS WHERE backup_type = ? order by job_id DESC LIMIT 1`,
    params: ['FULL'],
    expect: 'ok',
  },
  {
    source: OP,
    as: T,
    sql: `SELECT ${backupJobFields} FROM DBA_OB_BACKUP_JOB_HISTORY WHERE backup_type = ? and path = ? order by job_id DESC LIMIT 1`,
    params: ['FULL', 'file:///data/backup/mysql_tenant/data'],
    expect: 'ok',
  },
  {
    source: OP,
    as: T,
    sql: `SELECT ${backupJobFields} FROM DBA_OB_BACKUP_JOBS order by job_id DESC LIMIT 1`,
    expect: 'ok',
  },
  {
    source: OP,
    as: T,
    sql: `SELECT ${logArchiveJobFields} FROM DBA_OB_ARCHIVELOG_SUMMARY ORDER BY round_id DESC LIMIT 1`,
    expect: 'ok',
  },
  {
    source: OP,
    as: T,
    sql: `SELECT ${backupJobFields} FROM DBA_OB_BACKUP_JOBS WHERE job_id = ?`,
    params: [1],
    expect: 'ok',
  },
  {
    source: OP,
    as: T,
    sql: `SELECT ${backupTaskFields} FROM DBA_OB_BACKUP_TASKS WHERE job_id = ?`,
    params: [1],
    expect: 'ok',
  },
  { source: OP, as: T, sql: 'ALTER SYSTEM CANCEL BACKUP', expect: 'ok' },
  {
    source: OP,
    as: T,
    sql: 'ALTER SYSTEM ADD DELETE BACKUP POLICY ? RECOVERY_WINDOW ?',
    params: ['default', '7d'],
    expect: 'ok',
  },
  {
    source: OP,
    as: T,
    sql: 'SELECT policy_name, recovery_window FROM DBA_OB_BACKUP_DELETE_POLICY',
    expect: 'ok',
  },
  {
    source: OP,
    as: T,
    sql: `SELECT ${cleanJobFields} FROM DBA_OB_BACKUP_DELETE_JOBS`,
    expect: 'ok',
  },
  {
    source: OP,
    as: T,
    sql: `SELECT ${cleanJobFields} FROM DBA_OB_BACKUP_DELETE_JOB_HISTORY ORDER BY job_id DESC LIMIT 1`,
    expect: 'ok',
  },
  { source: OP, as: T, sql: 'ALTER SYSTEM CANCEL DELETE BACKUP', expect: 'ok' },
  {
    source: OP,
    as: T,
    sql: 'ALTER SYSTEM DROP DELETE BACKUP POLICY ?',
    params: ['default'],
    expect: 'ok',
  },
  { source: OP, as: T, sql: 'ALTER SYSTEM NOARCHIVELOG', expect: 'ok' },
  { source: OP, as: T, sql: 'ALTER SYSTEM ARCHIVELOG', setup: ['__advance 5'], expect: 'ok' },

  // obshell, from sys
  { source: SH, as: SYS, sql: 'ALTER SYSTEM NOARCHIVELOG TENANT = oracle_tenant;', expect: 'ok' },
  {
    source: SH,
    as: SYS,
    sql: "ALTER SYSTEM SET LOG_ARCHIVE_DEST = 'LOCATION=file:///data/obshell/archive BINDING=Optional PIECE_SWITCH_INTERVAL=1d' TENANT = oracle_tenant;",
    setup: ['__advance 5'],
    expect: 'ok',
  },
  {
    source: SH,
    as: SYS,
    sql: "ALTER SYSTEM SET LOG_ARCHIVE_DEST_STATE='DEFER' TENANT = oracle_tenant;",
    expect: 'ok',
  },
  {
    source: SH,
    as: SYS,
    sql: "ALTER SYSTEM SET LOG_ARCHIVE_DEST_STATE='ENABLE' TENANT = oracle_tenant;",
    expect: 'ok',
  },
  { source: SH, as: SYS, sql: 'ALTER SYSTEM ARCHIVELOG TENANT = oracle_tenant;', expect: 'ok' },
  {
    source: SH,
    as: SYS,
    sql: 'ALTER SYSTEM SET LOG_ARCHIVE_CONCURRENCY = 4 TENANT = oracle_tenant;',
    expect: 'ok',
  },
  {
    source: SH,
    as: SYS,
    sql: "ALTER SYSTEM SET ARCHIVE_LAG_TARGET = '120s' TENANT = oracle_tenant;",
    expect: 'ok',
  },
  {
    source: SH,
    as: SYS,
    sql: 'ALTER SYSTEM SET HA_LOW_THREAD_SCORE = 5 TENANT = oracle_tenant;',
    expect: 'ok',
  },
  {
    source: SH,
    as: SYS,
    sql: 'ALTER SYSTEM SET HA_HIGH_THREAD_SCORE = 5 TENANT = oracle_tenant;',
    expect: 'ok',
  },
  {
    source: SH,
    as: SYS,
    sql: "ALTER SYSTEM SET DATA_BACKUP_DEST = 'file:///data/obshell/data' TENANT = oracle_tenant;",
    expect: 'ok',
  },
  {
    source: SH,
    as: SYS,
    sql: 'SET ENCRYPTION ON IDENTIFIED BY "sh_pwd" ONLY',
    setup: ['__advance 5'],
    expect: 'ok',
  },
  { source: SH, as: SYS, sql: 'ALTER SYSTEM BACKUP TENANT = oracle_tenant', expect: 'ok' },
  {
    source: SH,
    as: SYS,
    sql: 'ALTER SYSTEM BACKUP INCREMENTAL TENANT = oracle_tenant',
    expect: { errno: 9036 },
  },
  { source: SH, as: SYS, sql: 'ALTER SYSTEM CANCEL BACKUP TENANT = oracle_tenant;', expect: 'ok' },
  {
    source: SH,
    as: SYS,
    sql: "ALTER SYSTEM ADD DELETE BACKUP POLICY 'default' RECOVERY_WINDOW '7d' TENANT oracle_tenant",
    expect: 'ok',
  },
  {
    source: SH,
    as: SYS,
    sql: "ALTER SYSTEM DROP DELETE BACKUP POLICY 'default' TENANT oracle_tenant",
    expect: 'ok',
  },

  // obdiag, from sys (the 4.x part of its backup gather task)
  { source: DIAG, as: SYS, sql: "show variables like 'version_comment';", expect: 'ok' },
  { source: DIAG, as: SYS, sql: 'SELECT * FROM oceanbase.DBA_OB_TENANTS;', expect: 'ok' },
  { source: DIAG, as: SYS, sql: "show parameters like '%backup%';", expect: 'ok' },
  { source: DIAG, as: SYS, sql: "show parameters like '%ha_low_thread_score%';", expect: 'ok' },
  {
    source: DIAG,
    as: SYS,
    sql: 'SELECT * FROM oceanbase.CDB_OB_BACKUP_PARAMETER where tenant_id = 1002',
    expect: 'ok',
  },
  {
    source: DIAG,
    as: SYS,
    sql: 'SELECT * FROM oceanbase.CDB_OB_BACKUP_JOBS where tenant_id = 1002;',
    expect: 'ok',
  },
  {
    source: DIAG,
    as: SYS,
    sql: "SELECT * FROM oceanbase.DBA_OB_ROOTSERVICE_EVENT_HISTORY WHERE module='backup_data' AND event ='start_backup_data';",
    expect: 'ok',
  },
  {
    source: DIAG,
    as: SYS,
    sql: 'SELECT * FROM oceanbase.CDB_OB_BACKUP_TASKS where tenant_id = 1002;',
    expect: 'ok',
  },
  {
    source: DIAG,
    as: SYS,
    sql: 'SELECT * FROM oceanbase.__all_virtual_backup_schedule_task where tenant_id = 1002',
    expect: 'ok',
  },
  {
    source: DIAG,
    as: SYS,
    sql: "SELECT * from oceanbase.CDB_OB_BACKUP_JOB_HISTORY where STATUS = 'FAILED' and tenant_id = 1002;",
    expect: 'ok',
  },
  // The topology reads of the same gather task.
  ...[
    'SELECT * FROM oceanbase.DBA_OB_ZONES ORDER BY ZONE;',
    'SELECT * FROM oceanbase.DBA_OB_SERVERS ORDER BY ZONE;',
    'SELECT * FROM oceanbase.DBA_OB_UNIT_CONFIGS;',
    'SELECT * FROM oceanbase.DBA_OB_RESOURCE_POOLS;',
    'SELECT a.TENANT_NAME,a.TENANT_ID,b.SVR_IP FROM oceanbase.DBA_OB_TENANTS a, oceanbase.GV$OB_UNITS b WHERE a.TENANT_ID=b.TENANT_ID;',
  ].map((sql): ReplayStatement => ({ source: DIAG, as: SYS, sql, expect: 'ok' })),
  // obdiag's 3.x part reads __all_tenant the same way; in 4.x it is a sys inner table too.
  {
    source: DIAG,
    as: SYS,
    sql: 'select tenant_id,tenant_name,primary_zone,compatibility_mode from oceanbase.__all_tenant;',
    expect: 'ok',
  },
  {
    source: DIAG,
    as: SYS,
    sql: 'select * from oceanbase.__all_rootservice_event_history where gmt_create > now() - interval 1 day order by gmt_create desc;',
    expect: 'ok',
  },

  // obshell's GORM reads of parameters and the log mode, from sys
  {
    source: SH_TENANT,
    as: SYS,
    sql: "SELECT DISTINCT NAME, VALUE, DATA_TYPE, INFO, EDIT_LEVEL FROM `oceanbase`.`GV$OB_PARAMETERS` WHERE NAME LIKE ? AND SCOPE = 'tenant' AND TENANT_ID = (SELECT `TENANT_ID` FROM `oceanbase`.`DBA_OB_TENANTS` WHERE TENANT_NAME = ?)",
    params: ['%archive%', 'oracle_tenant'],
    expect: 'ok',
  },
  {
    source: SH_TENANT,
    as: SYS,
    sql: "SELECT DISTINCT NAME, VALUE, DATA_TYPE, INFO, EDIT_LEVEL FROM `oceanbase`.`GV$OB_PARAMETERS` WHERE NAME = ? AND SCOPE = 'tenant' AND TENANT_ID = (?)",
    params: ['ha_low_thread_score', 1004],
    expect: 'ok',
  },
  {
    source: 'oceanbase/obshell ob/agent/service/obcluster/obcluster.go',
    as: SYS,
    sql: 'SELECT SVR_IP, SVR_PORT, ZONE, SCOPE, TENANT_ID, NAME, VALUE FROM oceanbase.GV$OB_PARAMETERS WHERE NAME IN (?,?)',
    params: ['backup_data_file_size', 'archive_lag_target'],
    expect: 'ok',
  },
  {
    source: SH,
    as: SYS,
    sql: 'SELECT `LOG_MODE` FROM `oceanbase`.`DBA_OB_TENANTS` WHERE TENANT_NAME = ?',
    params: ['oracle_tenant'],
    expect: 'ok',
  },
];

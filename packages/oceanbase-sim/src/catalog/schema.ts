import { offsetTag } from './inner-tables.js';
import { ARCHIVE_COLUMNS, PIECE_COLUMNS, SUMMARY_COLUMNS } from './archive-views.js';
import { CLEAN_VIEW_FAMILIES } from './clean-views.js';
import { ORACLE_VIEW_OFFSET, scnToText9Sql } from './time.js';
import { col, progress, rate, scnDisplay, tsCol, userTenantOnly } from './view-columns.js';
import type { ViewColumn, ViewFamily } from './view-columns.js';

export type { ViewColumn, ViewFamily } from './view-columns.js';

export type { SqlType } from './column-types.js';
export { columnDef, mysqlColumnType } from './column-types.js';
export {
  CLEAN_TABLES_DDL,
  EVENT_TABLES_DDL,
  INNER_TABLES_DDL,
  offsetTag,
  timestampIndexesDdl,
} from './inner-tables.js';

/**
 * The inner tables (named like OceanBase's `__all_*`) and the OceanBase views computed from
 * them. Everything lives in SQLite's main database so that `Database.export()` persists it;
 * the `oceanbase.` / `SYS.` prefixes are resolved by the SELECT rewriter, never by SQLite.
 */

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
  col(
    'ELAPSED_SECONDES',
    'dec22_0',
    'CASE WHEN end_ts = 0 THEN 0 ELSE CAST(ROUND((end_ts - start_ts) / 1000000.0, 0) AS INTEGER) END',
  ),
  col('PLUS_ARCHIVELOG', 'varchar'),
  col('START_REPLAY_SCN', 'ubigint'),
  scnDisplay('START_REPLAY_SCN_DISPLAY', 'start_replay_scn'),
  col('MIN_RESTORE_SCN', 'ubigint'),
  // Nanosecond precision, as scn_to_timestamp text with 9 fraction digits.
  {
    name: 'MIN_RESTORE_SCN_DISPLAY',
    type: 'varchar',
    expr: (off) =>
      `CASE WHEN min_restore_scn = 0 THEN NULL ELSE ${scnToText9Sql('min_restore_scn', off)} END`,
  },
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

export function viewFamilies(dataProgressColumns: boolean): ViewFamily[] {
  return [
    ...CLEAN_VIEW_FAMILIES,
    { name: 'OB_BACKUP_JOBS', sources: ['__all_backup_job'], columns: JOB_COLUMNS },
    { name: 'OB_BACKUP_JOB_HISTORY', sources: ['__all_backup_job_history'], columns: JOB_COLUMNS },
    {
      name: 'OB_BACKUP_TASKS',
      sources: ['__all_backup_task'],
      columns: taskColumns(dataProgressColumns),
    },
    {
      name: 'OB_BACKUP_TASK_HISTORY',
      sources: ['__all_backup_task_history'],
      columns: taskColumns(false),
    },
    { name: 'OB_BACKUP_SET_FILES', sources: ['__all_backup_set_files'], columns: SET_FILE_COLUMNS },
    { name: 'OB_ARCHIVELOG', sources: ['__all_tenant_archive_progress'], columns: ARCHIVE_COLUMNS },
    {
      name: 'OB_ARCHIVELOG_SUMMARY',
      sources: ['__all_tenant_archive_progress', '__all_tenant_archive_his'],
      columns: SUMMARY_COLUMNS,
    },
    {
      name: 'OB_ARCHIVELOG_PIECE_FILES',
      sources: ['__all_tenant_archive_progress', '__all_tenant_archive_his'],
      columns: PIECE_COLUMNS,
    },
    {
      name: 'OB_ARCHIVE_DEST',
      sources: ['__all_archive_dest_parameter'],
      columns: [
        col('TENANT_ID', 'bigint'),
        col('DEST_NO', 'bigint'),
        col('NAME', 'varchar'),
        col('VALUE', 'varchar'),
      ],
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
  col(
    'TENANT_TYPE',
    'varchar',
    `CASE WHEN tenant_id = 1 THEN 'SYS' WHEN tenant_id & 1 THEN 'META' ELSE 'USER' END`,
  ),
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
  // The sys and meta tenants have no SCNs of their own here.
  col('SYNC_SCN', 'ubigint', userTenantOnly('ob_scn_now()')),
  col('REPLAYABLE_SCN', 'ubigint', userTenantOnly('ob_scn_now()')),
  col('READABLE_SCN', 'ubigint', userTenantOnly('ob_scn_now()')),
  col('RECOVERY_UNTIL_SCN', 'ubigint', userTenantOnly(`'4611686018427387903'`)),
  col('LOG_MODE', 'varchar'),
  col('ARBITRATION_SERVICE_STATUS', 'varchar'),
  col('UNIT_NUM', 'bigint'),
  col('COMPATIBLE', 'varchar'),
  col('MAX_LS_ID', 'bigint'),
];

export type ViewKind = 'CDB' | 'DBA';

/** The SQLite name of one view instance: per kind, tenant (DBA) and offset. */
export function instanceName(
  kind: ViewKind | 'TENANTS',
  family: string,
  tenantId: number,
  off: number,
): string {
  return kind === 'CDB'
    ? `v$CDB_${family}$${offsetTag(off)}`
    : `v$${kind === 'DBA' ? 'DBA_' : ''}${family}$${tenantId}$${offsetTag(off)}`;
}

export function familyViewSql(
  kind: ViewKind,
  family: ViewFamily,
  tenantId: number,
  off: number,
): string {
  const cols = family.columns.filter((c) => kind === 'CDB' || c.name !== 'TENANT_ID');
  // Oracle mode: an empty VARCHAR2 is NULL.
  const oracle = off === ORACLE_VIEW_OFFSET;
  const select = (src: string): string =>
    cols
      .map((c) => {
        const expr = c.expr(off, src);
        const text = c.type === 'varchar' || c.type === 'longtext';
        return `${oracle && text ? `NULLIF(${expr}, '')` : expr} AS "${c.name}"`;
      })
      .join(', ');
  const where = kind === 'DBA' ? ` WHERE tenant_id = ${tenantId}` : '';
  return family.sources
    .map((src) => `SELECT ${select(src)} FROM ${src}${where}`)
    .join(' UNION ALL ');
}

export function tenantsViewSql(tenantId: number, off: number): string {
  const select = TENANT_COLUMNS.map((c) => `${c.expr(off, '__all_tenant')} AS "${c.name}"`).join(
    ', ',
  );
  return `SELECT ${select} FROM __all_tenant${tenantId === 1 ? '' : ` WHERE tenant_id = ${tenantId}`}`;
}

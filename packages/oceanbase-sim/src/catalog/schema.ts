import type { SqlType } from './column-types.js';
import { offsetTag } from './inner-tables.js';
import { ORACLE_VIEW_OFFSET, scnToText9Sql, usecToTextSql } from './time.js';

export type { SqlType } from './column-types.js';
export { columnDef, mysqlColumnType } from './column-types.js';
export { INNER_TABLES_DDL, offsetTag, timestampIndexesDdl } from './inner-tables.js';

/**
 * The inner tables (named like OceanBase's `__all_*`) and the OceanBase views computed from
 * them. Everything lives in SQLite's main database so that `Database.export()` persists it;
 * the `oceanbase.` / `SYS.` prefixes are resolved by the SELECT rewriter, never by SQLite.
 */

export interface ViewColumn {
  name: string;
  type: SqlType;
  /** SQL over the inner table; `off` is the session's offset in minutes, `source` the table. */
  expr: (off: number, source: string) => string;
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
  expr: (off) =>
    `CASE WHEN ${scnColumn} = 0 THEN NULL ELSE ${usecToTextSql(`${scnColumn} / 1000`, off)} END`,
});
const userTenantOnly = (expr: string): string =>
  `CASE WHEN tenant_id = 1 OR tenant_id % 2 = 1 THEN NULL ELSE ${expr} END`;
const rate = (name: string): ViewColumn =>
  col(
    name,
    'dec28_4',
    `CASE WHEN end_ts = 0 OR end_ts <= start_ts THEN 0 ELSE output_bytes * 1.0 / ((end_ts - start_ts) / 1000000.0) END`,
  );
const progress = (name: string, total: string, finished: string): ViewColumn =>
  col(
    name,
    'dec26_2',
    `CASE WHEN ${total} = 0 THEN 0 WHEN ${finished} > ${total} THEN 99.99 ELSE ROUND(${finished} * 100.0 / ${total}, 2) END`,
  );

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
  col(
    'COMPRESSION_RATIO',
    'dec26_2',
    // output / input, 0 before anything was read.
    'CASE WHEN input_bytes = 0 THEN 0 ELSE ROUND(output_bytes * 1.0 / input_bytes, 2) END',
  ),
  col('DELETED_INPUT_BYTES', 'bigint'),
  col('DELETED_INPUT_BYTES_DISPLAY', 'varchar', 'ob_bytes_display(deleted_input_bytes)'),
  col('DELETED_OUTPUT_BYTES', 'bigint'),
  col('DELETED_OUTPUT_BYTES_DISPLAY', 'varchar', 'ob_bytes_display(deleted_output_bytes)'),
  col('COMMENT', 'varchar'),
  col('PATH', 'varchar'),
];

/** ARCHIVELOG_SUMMARY ends PATH, COMMENT, and shows rounds of the history table as STOP. */
const SUMMARY_COLUMNS: ViewColumn[] = [
  ...ARCHIVE_COLUMNS.filter((c) => c.name !== 'COMMENT' && c.name !== 'PATH').map((c) =>
    c.name === 'STATUS'
      ? {
          ...c,
          expr: (_off: number, source: string) =>
            source === '__all_tenant_archive_his' ? `'STOP'` : 'status',
        }
      : c,
  ),
  col('PATH', 'varchar'),
  col('COMMENT', 'varchar'),
];

export function viewFamilies(dataProgressColumns: boolean): ViewFamily[] {
  return [
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
  const select = TENANT_COLUMNS.map((c) => `${c.expr(off, '__all_tenant')} AS "${c.name}"`).join(', ');
  return `SELECT ${select} FROM __all_tenant${tenantId === 1 ? '' : ` WHERE tenant_id = ${tenantId}`}`;
}

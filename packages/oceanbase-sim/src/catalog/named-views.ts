import type { SqlType } from './column-types.js';
import type { NamedView } from './named-view.js';
export type { NamedView } from './named-view.js';
import { TOPOLOGY_VIEWS } from './topology-views.js';
import { usecToTextSql } from './time.js';

/**
 * Views and inner/virtual tables other than the CDB_/DBA_ backup families, as a client reads
 * them (GV$OB_PARAMETERS, the rootservice events, the backup schedule tasks, `__all_tenant`).
 * Each is a SQLite view per (name, tenant, offset), built from the simulator's own tables.
 * Sources: oceanbase/oceanbase src/share/inner_table/ob_inner_table_schema_def.py (view
 * definitions), src/rootserver/virtual_table/ob_all_virtual_backup_task_scheduler_stat.{h,cpp};
 * see docs/oceanbase-facts.md.
 */

const c = (name: string, type: SqlType): { name: string; type: SqlType } => ({ name, type });
const SVR_IP = `'127.0.0.1'`;
const SVR_PORT = 2882;

const PARAMETER_COLUMNS = [
  c('SVR_IP', 'varchar'),
  c('SVR_PORT', 'bigint'),
  c('ZONE', 'varchar'),
  c('SCOPE', 'varchar'),
  c('TENANT_ID', 'bigint'),
  c('NAME', 'varchar'),
  c('DATA_TYPE', 'varchar'),
  c('VALUE', 'varchar'),
  c('INFO', 'varchar'),
  c('SECTION', 'varchar'),
  c('EDIT_LEVEL', 'varchar'),
  c('DEFAULT_VALUE', 'varchar'),
  c('ISDEFAULT', 'varchar'),
];

/**
 * Cluster parameters once with a NULL TENANT_ID, then tenant parameters once per tenant (sys:
 * every tenant, a user tenant: its own), as src/observer/virtual_table/
 * ob_all_virtual_tenant_parameter_stat.cpp fills them. Text compares case-insensitively, as with MySQL's
 * default collation (obshell filters on `SCOPE = 'tenant'`).
 */
function parametersSql(tenantId: number): string {
  const cols = (tenantExpr: string, owner: string): string =>
    [
      `${SVR_IP} AS "SVR_IP"`,
      `${SVR_PORT} AS "SVR_PORT"`,
      `'zone1' AS "ZONE"`,
      `m.scope COLLATE NOCASE AS "SCOPE"`,
      `${tenantExpr} AS "TENANT_ID"`,
      `m.name COLLATE NOCASE AS "NAME"`,
      `m.data_type COLLATE NOCASE AS "DATA_TYPE"`,
      `COALESCE(p.value, m.def) COLLATE NOCASE AS "VALUE"`,
      `m.info AS "INFO"`,
      `m.section COLLATE NOCASE AS "SECTION"`,
      `'DYNAMIC_EFFECTIVE' COLLATE NOCASE AS "EDIT_LEVEL"`,
      `m.def COLLATE NOCASE AS "DEFAULT_VALUE"`,
      `CASE WHEN p.value IS NULL OR p.value = m.def THEN 'YES' ELSE 'NO' END COLLATE NOCASE AS "ISDEFAULT"`,
    ].join(', ') +
    ` FROM __sim_parameter_meta m ${owner === 't.tenant_id' ? 'JOIN __all_tenant t ' : ''}` +
    `LEFT JOIN __sim_parameter p ON p.tenant_id = ${owner} AND p.name = m.name`;
  const own = tenantId === 1 ? '' : ` AND t.tenant_id = ${tenantId}`;
  // ObAllVirtualTenantParameterStat: the cluster's parameters first (no tenant), then each tenant's.
  return (
    `SELECT ${cols('NULL', '0')} WHERE m.scope = 'CLUSTER'` +
    ` UNION ALL SELECT ${cols('t.tenant_id', 't.tenant_id')} WHERE m.scope = 'TENANT'${own}`
  );
}

const EVENT_PAIRS = [1, 2, 3, 4, 5, 6].flatMap((i) => [`name${i}`, `value${i}`]);

function eventsSql(off: number, upper: boolean): string {
  const name = (n: string): string => (upper ? n.toUpperCase() : n);
  return (
    `SELECT ${usecToTextSql('gmt_create_us', off)} AS "${upper ? 'TIMESTAMP' : 'gmt_create'}", ` +
    ['module', 'event', ...EVENT_PAIRS, 'extra_info', 'rs_svr_ip', 'rs_svr_port']
      .map((n) => `${n} AS "${name(n)}"`)
      .join(', ') +
    ` FROM __sim_rs_event`
  );
}

const EVENT_COLUMNS = (upper: boolean): { name: string; type: SqlType }[] => {
  const name = (n: string): string => (upper ? n.toUpperCase() : n);
  return [
    c(upper ? 'TIMESTAMP' : 'gmt_create', 'ts6'),
    c(name('module'), 'varchar'),
    c(name('event'), 'varchar'),
    ...EVENT_PAIRS.map((n) => c(name(n), 'varchar')),
    c(name('extra_info'), 'varchar'),
    c(name('rs_svr_ip'), 'varchar'),
    c(name('rs_svr_port'), 'bigint'),
  ];
};

/** ObBackupScheduleTask rows: one per LS task the running backup has handed to the observer. */
const SCHEDULED_PHASES = `('BACKUP_SYS_META', 'BACKUP_USER_META', 'BACKUP_DATA_MINOR', 'BACKUP_DATA_MAJOR', 'BACKUP_LOG')`;
const SCHEDULE_TASK_SQL =
  `SELECT tenant_id, ${SVR_IP} AS svr_ip, ${SVR_PORT} AS svr_port, job_id, task_id, ` +
  `CASE WHEN status = 'BACKUP_SYS_META' THEN 1 ELSE 1001 END AS ls_id, 0 AS job_type, ` +
  `printf('YB427F000001-%016X-0-0', tenant_id * 1000000 + task_id) AS trace_id, ` +
  `'127.0.0.1:2882' AS dst, 'True' AS is_schedule, start_ts AS generate_ts, ` +
  `start_ts AS schedule_ts, start_ts AS executor_ts FROM __all_backup_task WHERE status IN ${SCHEDULED_PHASES}`;

const ALL_TENANT_SQL = (off: number): string =>
  `SELECT ${usecToTextSql('create_ts', off)} AS gmt_create, ${usecToTextSql('modify_ts', off)} AS gmt_modified, ` +
  `tenant_id, tenant_name, 'zone1' AS zone_list, primary_zone, ` +
  `CASE WHEN locked = 'YES' THEN 1 ELSE 0 END AS locked, 45 AS collation_type, '' AS info, locality, ` +
  `COALESCE(previous_locality, '') AS previous_locality, -1 AS default_tablegroup_id, ` +
  `CASE WHEN compatibility_mode = 'ORACLE' THEN 1 ELSE 0 END AS compatibility_mode, ` +
  `-1 AS drop_tenant_time, status, CASE WHEN in_recyclebin = 'YES' THEN 1 ELSE 0 END AS in_recyclebin ` +
  `FROM __all_tenant`;

export const NAMED_VIEWS: readonly NamedView[] = [
  {
    name: 'GV$OB_PARAMETERS',
    sysOnly: false,
    columns: PARAMETER_COLUMNS,
    sql: (tenantId) => parametersSql(tenantId),
  },
  {
    // One observer: V$ (this server) has the same rows as GV$ (every server).
    name: 'V$OB_PARAMETERS',
    sysOnly: false,
    columns: PARAMETER_COLUMNS,
    sql: (tenantId) => parametersSql(tenantId),
  },
  {
    name: 'DBA_OB_ROOTSERVICE_EVENT_HISTORY',
    sysOnly: true,
    columns: EVENT_COLUMNS(true),
    sql: (_t, off) => eventsSql(off, true),
  },
  {
    name: '__ALL_ROOTSERVICE_EVENT_HISTORY',
    sysOnly: true,
    columns: EVENT_COLUMNS(false),
    sql: (_t, off) => eventsSql(off, false),
  },
  {
    name: '__ALL_VIRTUAL_BACKUP_SCHEDULE_TASK',
    sysOnly: true,
    columns: [
      c('tenant_id', 'bigint'),
      c('svr_ip', 'varchar'),
      c('svr_port', 'bigint'),
      c('job_id', 'bigint'),
      c('task_id', 'bigint'),
      c('ls_id', 'bigint'),
      c('job_type', 'bigint'),
      c('trace_id', 'varchar'),
      c('dst', 'varchar'),
      c('is_schedule', 'varchar'),
      c('generate_ts', 'bigint'),
      c('schedule_ts', 'bigint'),
      c('executor_ts', 'bigint'),
    ],
    sql: () => SCHEDULE_TASK_SQL,
  },
  {
    name: '__ALL_TENANT',
    sysOnly: true,
    columns: [
      c('gmt_create', 'ts6'),
      c('gmt_modified', 'ts6'),
      c('tenant_id', 'bigint'),
      c('tenant_name', 'varchar'),
      c('zone_list', 'varchar'),
      c('primary_zone', 'varchar'),
      c('locked', 'bigint'),
      c('collation_type', 'bigint'),
      c('info', 'varchar'),
      c('locality', 'varchar'),
      c('previous_locality', 'varchar'),
      c('default_tablegroup_id', 'bigint'),
      c('compatibility_mode', 'bigint'),
      c('drop_tenant_time', 'bigint'),
      c('status', 'varchar'),
      c('in_recyclebin', 'bigint'),
    ],
    sql: (_t, off) => ALL_TENANT_SQL(off),
  },
  ...TOPOLOGY_VIEWS,
];

const BY_NAME = new Map(NAMED_VIEWS.map((v) => [v.name, v]));
export const namedView = (upper: string): NamedView | undefined => BY_NAME.get(upper);

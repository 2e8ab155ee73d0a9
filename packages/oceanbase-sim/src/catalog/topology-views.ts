import { OB_VERSION } from '../config.js';
import type { SqlType } from './column-types.js';
import type { NamedView, NamedViewColumn } from './named-view.js';
import { usecToTextSql } from './time.js';

/**
 * The cluster's topology as obdiag's gather task reads it: one zone (`zone1`), one observer, one
 * unit per tenant (meta tenants included, as on a real cluster), a unit config and a resource
 * pool per user tenant. Columns as OceanBase's 4.3 reference lists them (oceanbase/oceanbase-doc
 * en-US/700.reference/700.system-views/300.system-view-of-sys-tenant: DBA_OB_ZONES,
 * DBA_OB_SERVERS, DBA_OB_UNIT_CONFIGS, DBA_OB_RESOURCE_POOLS, GV$OB_UNITS); see
 * docs/oceanbase-facts.md. Where a reference table says NOT NULL but its text gives NULL values
 * (a server never stopped has no STOP_TIME; a pool of no tenant has no TENANT_ID; times the
 * table marks YES), the column is nullable.
 */

/** A column with the type and nullability the reference gives (DESC shows them). */
const c = (name: string, declared: string, nullable = false): NamedViewColumn => ({
  name,
  type: sqlTypeOf(declared),
  declared: { type: declared, nullable },
});

function sqlTypeOf(declared: string): SqlType {
  if (declared.startsWith('bigint')) return 'bigint';
  if (declared.startsWith('timestamp')) return 'ts6';
  if (declared === 'double') return 'double';
  return 'varchar';
}
const IP = `'127.0.0.1'`;
const RPC_PORT = 2882;
const SQL_PORT = 2881;
/** BUILD_VERSION as an observer reports it: version, build number and revision, build time. */
const BUILD_VERSION = `${OB_VERSION}_101000012025022117-0e4f9e4b8b3cf5f0a6e7e2c1b0f4f3b6a2d9d8c1(Feb 21 2025 17:12:32)`;
/** When the cluster was bootstrapped: the sys tenant's creation. */
const BOOTSTRAP = `(SELECT create_ts FROM __all_tenant WHERE tenant_id = 1)`;
const GIB = 1024 ** 3;

/**
 * Unit resources: sys and meta tenants the bootstrap's sys_unit_config, user tenants their own;
 * a meta tenant (odd id) shares its user tenant's unit and pool.
 */
const units = (off: number): string =>
  `SELECT tenant_id, tenant_name, create_ts, modify_ts, ` +
  `CASE WHEN tenant_id = 1 THEN 1 WHEN tenant_id & 1 THEN 1 ELSE 1000 + (tenant_id - 1000) / 2 END AS config_id, ` +
  `CASE WHEN tenant_id = 1 OR tenant_id & 1 THEN 'sys_unit_config' ELSE tenant_name || '_unit' END AS config_name, ` +
  `CASE WHEN tenant_id = 1 THEN 1 ELSE 1000 + (tenant_id - 999) / 2 END AS pool_id, ` +
  `CASE WHEN tenant_id = 1 THEN 'sys_pool' WHEN tenant_id & 1 THEN NULL ELSE tenant_name || '_pool' END AS pool_name, ` +
  `CASE WHEN tenant_id = 1 OR tenant_id & 1 THEN 1 ELSE 2 END AS cpu, ` +
  `CASE WHEN tenant_id = 1 THEN ${2 * GIB} WHEN tenant_id & 1 THEN ${GIB} ELSE ${4 * GIB} END AS memory, ` +
  `CASE WHEN tenant_id = 1 OR tenant_id & 1 THEN ${4 * GIB} ELSE ${12 * GIB} END AS log_disk, ` +
  `${usecToTextSql('create_ts', off)} AS created, ${usecToTextSql('modify_ts', off)} AS modified ` +
  `FROM __all_tenant`;

export const TOPOLOGY_VIEWS: readonly NamedView[] = [
  {
    name: 'DBA_OB_ZONES',
    sysOnly: true,
    columns: [
      c('ZONE', 'varchar(128)'),
      c('CREATE_TIME', 'timestamp(6)'),
      c('MODIFY_TIME', 'timestamp(6)'),
      c('STATUS', 'varchar(4096)'),
      c('IDC', 'varchar(4096)'),
      c('REGION', 'varchar(4096)'),
      c('TYPE', 'varchar(4096)'),
    ],
    sql: (_t, off) =>
      `SELECT 'zone1' AS "ZONE", ${usecToTextSql(BOOTSTRAP, off)} AS "CREATE_TIME", ` +
      `${usecToTextSql(BOOTSTRAP, off)} AS "MODIFY_TIME", 'ACTIVE' AS "STATUS", '' AS "IDC", ` +
      `'default_region' AS "REGION", 'ReadWrite' AS "TYPE"`,
  },
  {
    name: 'DBA_OB_SERVERS',
    sysOnly: true,
    columns: [
      c('SVR_IP', 'varchar(46)'),
      c('SVR_PORT', 'bigint(20)'),
      c('ID', 'bigint(20)'),
      c('ZONE', 'varchar(128)'),
      c('SQL_PORT', 'bigint(20)'),
      c('WITH_ROOTSERVER', 'varchar(3)'),
      c('STATUS', 'varchar(64)'),
      c('START_SERVICE_TIME', 'timestamp(6)', true),
      c('STOP_TIME', 'timestamp(6)', true),
      c('BLOCK_MIGRATE_IN_TIME', 'timestamp(6)', true),
      c('CREATE_TIME', 'timestamp(6)', true),
      c('MODIFY_TIME', 'timestamp(6)', true),
      c('BUILD_VERSION', 'varchar(256)'),
      c('LAST_OFFLINE_TIME', 'timestamp(6)', true),
    ],
    sql: (_t, off) =>
      `SELECT ${IP} AS "SVR_IP", ${RPC_PORT} AS "SVR_PORT", 1 AS "ID", 'zone1' AS "ZONE", ` +
      `${SQL_PORT} AS "SQL_PORT", 'YES' AS "WITH_ROOTSERVER", 'ACTIVE' AS "STATUS", ` +
      `${usecToTextSql(BOOTSTRAP, off)} AS "START_SERVICE_TIME", NULL AS "STOP_TIME", ` +
      `NULL AS "BLOCK_MIGRATE_IN_TIME", ${usecToTextSql(BOOTSTRAP, off)} AS "CREATE_TIME", ` +
      `${usecToTextSql(BOOTSTRAP, off)} AS "MODIFY_TIME", '${BUILD_VERSION}' AS "BUILD_VERSION", ` +
      `NULL AS "LAST_OFFLINE_TIME"`,
  },
  {
    name: 'DBA_OB_UNIT_CONFIGS',
    sysOnly: true,
    columns: [
      c('UNIT_CONFIG_ID', 'bigint(20)'),
      c('NAME', 'varchar(128)'),
      c('CREATE_TIME', 'timestamp(6)', true),
      c('MODIFY_TIME', 'timestamp(6)', true),
      c('MAX_CPU', 'double'),
      c('MIN_CPU', 'double'),
      c('MEMORY_SIZE', 'bigint(20)'),
      c('LOG_DISK_SIZE', 'bigint(20)'),
      c('MAX_IOPS', 'bigint(20)'),
      c('MIN_IOPS', 'bigint(20)'),
      c('IOPS_WEIGHT', 'bigint(20)'),
    ],
    // One row per config: the meta tenants share sys_unit_config with sys.
    sql: (_t, off) =>
      `SELECT config_id AS "UNIT_CONFIG_ID", config_name AS "NAME", created AS "CREATE_TIME", ` +
      `modified AS "MODIFY_TIME", CAST(cpu AS REAL) AS "MAX_CPU", CAST(cpu AS REAL) AS "MIN_CPU", ` +
      `memory AS "MEMORY_SIZE", log_disk AS "LOG_DISK_SIZE", 9223372036854775807 AS "MAX_IOPS", ` +
      `9223372036854775807 AS "MIN_IOPS", cpu AS "IOPS_WEIGHT" FROM (${units(off)}) ` +
      `WHERE tenant_id = 1 OR tenant_id % 2 = 0 ORDER BY config_id`,
  },
  {
    name: 'DBA_OB_RESOURCE_POOLS',
    sysOnly: true,
    columns: [
      c('RESOURCE_POOL_ID', 'bigint(20)'),
      c('NAME', 'varchar(128)'),
      c('TENANT_ID', 'bigint(20)', true),
      c('CREATE_TIME', 'timestamp(6)', true),
      c('MODIFY_TIME', 'timestamp(6)', true),
      c('UNIT_COUNT', 'bigint(20)'),
      c('UNIT_CONFIG_ID', 'bigint(20)'),
      c('ZONE_LIST', 'varchar(8192)'),
      c('REPLICA_TYPE', 'varchar(18)'),
    ],
    // A meta tenant lives in its user tenant's pool: pools are per sys and user tenant.
    sql: (_t, off) =>
      `SELECT pool_id AS "RESOURCE_POOL_ID", pool_name AS "NAME", tenant_id AS "TENANT_ID", ` +
      `created AS "CREATE_TIME", modified AS "MODIFY_TIME", 1 AS "UNIT_COUNT", ` +
      `config_id AS "UNIT_CONFIG_ID", 'zone1' AS "ZONE_LIST", 'FULL' AS "REPLICA_TYPE" ` +
      `FROM (${units(off)}) WHERE tenant_id = 1 OR tenant_id % 2 = 0 ORDER BY pool_id`,
  },
  {
    name: 'GV$OB_UNITS',
    sysOnly: false,
    columns: [
      c('SVR_IP', 'varchar(46)'),
      c('SVR_PORT', 'bigint(20)'),
      c('UNIT_ID', 'bigint(20)'),
      c('TENANT_ID', 'bigint(20)'),
      c('ZONE', 'varchar(128)'),
      c('ZONE_TYPE', 'varchar(128)'),
      c('REGION', 'varchar(128)'),
      c('MAX_CPU', 'double'),
      c('MIN_CPU', 'double'),
      c('MEMORY_SIZE', 'bigint(20)'),
      c('MAX_IOPS', 'bigint(20)'),
      c('MIN_IOPS', 'bigint(20)'),
      c('IOPS_WEIGHT', 'bigint(20)'),
      c('LOG_DISK_SIZE', 'bigint(20)'),
      c('LOG_DISK_IN_USE', 'bigint(20)'),
      c('DATA_DISK_IN_USE', 'bigint(20)'),
      c('STATUS', 'varchar(64)'),
      c('CREATE_TIME', 'timestamp(6)'),
    ],
    // sys sees every tenant's unit; a user tenant its own and its meta tenant's.
    sql: (tenantId, off) =>
      `SELECT ${IP} AS "SVR_IP", ${RPC_PORT} AS "SVR_PORT", pool_id AS "UNIT_ID", ` +
      `tenant_id AS "TENANT_ID", 'zone1' AS "ZONE", 'ReadWrite' AS "ZONE_TYPE", ` +
      `'default_region' AS "REGION", CAST(cpu AS REAL) AS "MAX_CPU", CAST(cpu AS REAL) AS "MIN_CPU", ` +
      `memory AS "MEMORY_SIZE", 9223372036854775807 AS "MAX_IOPS", 9223372036854775807 AS "MIN_IOPS", ` +
      `cpu AS "IOPS_WEIGHT", log_disk AS "LOG_DISK_SIZE", log_disk / 16 AS "LOG_DISK_IN_USE", ` +
      `${64 * 1024 ** 2} AS "DATA_DISK_IN_USE", 'NORMAL' AS "STATUS", created AS "CREATE_TIME" ` +
      `FROM (${units(off)})` +
      (tenantId === 1 ? '' : ` WHERE tenant_id IN (${tenantId}, ${tenantId - 1})`) +
      ` ORDER BY tenant_id`,
  },
];

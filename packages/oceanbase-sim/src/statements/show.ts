import { TENANT_COLUMNS, type SqlType } from '../catalog/schema.js';
import { declaredColumns } from '../catalog/declared.js';
import { ObErrors } from '../errors.js';
import { SqlError } from '../protocol/types.js';
import type { CellValue, StatementResult } from '../protocol/types.js';
import { PARAMETERS, parameterOwner } from '../catalog/parameters.js';
import { namedView } from '../catalog/named-views.js';
import type { NameRef } from './parser.js';
import type { StatementContext } from './context.js';
import { MYSQL_DATABASES, ORACLE_SCHEMAS, rs, vc } from './context.js';
import { tokenize } from './tokenizer.js';
import { likeToRegExp } from './variables.js';

export function showDatabases(ctx: StatementContext, like: string | null): StatementResult {
  const names = ctx.oracle ? ORACLE_SCHEMAS : MYSQL_DATABASES;
  const re = like === null ? null : likeToRegExp(like);
  return rs(
    [vc('Database')],
    names.filter((n) => !re || re.test(n)).map((n) => [n]),
  );
}

function visibleViews(ctx: StatementContext): string[] {
  const names: string[] = ['DBA_OB_TENANTS'];
  for (const f of ctx.store.viewFamilies) {
    if (ctx.isSys) names.push(`CDB_${f.name}`);
    names.push(`DBA_${f.name}`);
  }
  return names.sort();
}

export function showTables(
  ctx: StatementContext,
  database: string | null,
  like: string | null,
  full: boolean,
): StatementResult {
  const db = database ?? ctx.database;
  if (db === null) throw ObErrors.noDatabaseSelected();
  const isOb = db.toLowerCase() === 'oceanbase' || (ctx.oracle && db.toUpperCase() === 'SYS');
  if (!ctx.oracle && !MYSQL_DATABASES.includes(db.toLowerCase()))
    throw ObErrors.unknownDatabase(db);
  const re = like === null ? null : likeToRegExp(like);
  const names = isOb ? visibleViews(ctx).filter((n) => !re || re.test(n)) : [];
  const columns = [vc(`Tables_in_${db}`)];
  if (full) columns.push(vc('Table_type'));
  return rs(
    columns,
    names.map((n) => (full ? [n, 'SYSTEM VIEW'] : [n])),
  );
}

export function showVariables(ctx: StatementContext, like: string | null): StatementResult {
  const re = like === null ? null : likeToRegExp(like);
  const rows = [...ctx.sysvars.entries()]
    .filter(([k]) => !re || re.test(k))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]): CellValue[] => [
      k,
      typeof v === 'number' && (k === 'autocommit' || k === 'foreign_key_checks')
        ? v
          ? 'ON'
          : 'OFF'
        : String(v),
    ]);
  return rs([vc('Variable_name'), vc('Value')], rows);
}

export function showGrants(ctx: StatementContext): StatementResult {
  const user = ctx.account.user;
  const rows: CellValue[][] =
    (ctx.account.role ?? 'admin') === 'admin'
      ? [[`GRANT ALL PRIVILEGES ON *.* TO '${user}' WITH GRANT OPTION`]]
      : [[`GRANT USAGE ON *.* TO '${user}'`], [`GRANT SELECT ON \`oceanbase\`.* TO '${user}'`]];
  return rs([vc(`Grants for ${user}@%`)], rows);
}

/**
 * SHOW PARAMETERS [LIKE] [TENANT = t]: the session tenant's parameters, or (from sys) tenant t's;
 * cluster parameters in every tenant, with scope CLUSTER.
 */
export function showParameters(
  ctx: StatementContext,
  like: string | null,
  tenantRef: NameRef | null = null,
): StatementResult {
  const re = like === null ? null : likeToRegExp(like);
  const columns = [
    'zone',
    'svr_type',
    'svr_ip',
    'svr_port',
    'name',
    'data_type',
    'value',
    'info',
    'section',
    'scope',
    'source',
    'edit_level',
    'default_value',
    'isdefault',
  ].map((n) => vc(n, n === 'svr_port' || n === 'isdefault' ? 'LONGLONG' : 'VAR_STRING'));
  let tenant = ctx.tenant;
  if (tenantRef) {
    // Naming a tenant is for sys (a choice: OceanBase's show resolver was not read).
    if (!ctx.isSys) throw ObErrors.noPrivilege();
    const t = ctx.engine.tenantByName(tenantRef.name);
    if (!t) throw ObErrors.invalidTenantName();
    tenant = t;
  }
  const rows: CellValue[][] = [];
  for (const meta of PARAMETERS) {
    if (re && !re.test(meta.name)) continue;
    const value = ctx.store.parameterValue(parameterOwner(meta, tenant.id), meta.name) ?? meta.def;
    rows.push([
      'zone1',
      'observer',
      '127.0.0.1',
      2882,
      meta.name,
      meta.dataType,
      value,
      meta.info,
      meta.section,
      meta.scope,
      'DEFAULT',
      'DYNAMIC_EFFECTIVE',
      meta.def,
      value === meta.def ? 1 : 0,
    ]);
  }
  return rs(columns, rows);
}

export function showColumns(
  ctx: StatementContext,
  table: string,
  database: string | null,
): StatementResult {
  const db = (database ?? ctx.database ?? '').toLowerCase();
  const upper = table.toUpperCase();
  const notFound = (): SqlError =>
    ctx.oracle
      ? ObErrors.oracleTableNotExist(
          `${(database ?? ctx.database ?? 'SYS').toUpperCase()}.${upper}`,
        )
      : ObErrors.tableNotExist(`${database ?? ctx.database ?? 'oceanbase'}.${table}`);
  if (!ctx.oracle && db === '') throw ObErrors.noDatabaseSelected();
  if (!ctx.oracle && db !== 'oceanbase') throw notFound();
  let cols: { name: string; type: SqlType }[] | null = null;
  if (upper === 'DBA_OB_TENANTS') cols = TENANT_COLUMNS;
  const named = ctx.oracle ? undefined : namedView(upper);
  if (named && (!named.sysOnly || ctx.isSys)) cols = named.columns;
  for (const f of ctx.store.viewFamilies) {
    if (upper === `CDB_${f.name}` && ctx.isSys && !ctx.oracle) cols = f.columns;
    if (upper === `DBA_${f.name}`) cols = f.columns.filter((c) => c.name !== 'TENANT_ID');
  }
  if (!cols) throw notFound();
  return rs(
    [vc('Field'), vc('Type'), vc('Null'), vc('Key'), vc('Default'), vc('Extra')],
    declaredColumns(upper, cols).map((c) => [
      c.name,
      c.columnType,
      c.nullable ? 'YES' : 'NO',
      '',
      c.default,
      '',
    ]),
  );
}

/** INSERT/UPDATE/DELETE/REPLACE: views are not updatable, anything else does not exist. */
export function write(ctx: StatementContext, sql: string): StatementResult {
  const tokens = tokenize(sql, ctx.oracle ? 'ORACLE' : 'MYSQL');
  const verb = tokens[0]?.upper ?? '';
  if (!['INSERT', 'UPDATE', 'DELETE', 'REPLACE'].includes(verb))
    throw new SqlError(1064, '42000', ctx.parseErrorText(sql));
  let k = 1;
  while (
    tokens[k] &&
    tokens[k]?.type === 'word' &&
    ['INTO', 'FROM', 'IGNORE', 'LOW_PRIORITY', 'QUICK'].includes(tokens[k]?.upper ?? '')
  )
    k++;
  let name = tokens[k]?.value ?? '';
  if (tokens[k + 1]?.value === '.' && tokens[k + 2]) name = tokens[k + 2]?.value ?? name;
  const upper = name.toUpperCase();
  const isView =
    upper === 'DBA_OB_TENANTS' ||
    ctx.store.viewFamilies.some((f) => upper === `CDB_${f.name}` || upper === `DBA_${f.name}`);
  if (isView && !(upper.startsWith('CDB_') && !ctx.isSys)) throw ObErrors.notUpdatable(name, verb);
  throw ctx.oracle
    ? ObErrors.oracleTableNotExist(`${ctx.database ?? 'SYS'}.${upper}`)
    : ObErrors.tableNotExist(`${ctx.database ?? 'oceanbase'}.${name}`);
}

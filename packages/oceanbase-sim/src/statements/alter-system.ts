import { ObErrors } from '../errors.js';
import type { TenantState } from '../engine/engine.js';
import type { StatementResult } from '../protocol/types.js';
import type { StatementContext } from './context.js';
import { ok } from './context.js';
import type { NameRef, SetValue, Statement } from './parser.js';

export const BACKUP_PARAMS = new Set([
  'data_backup_dest',
  'log_archive_dest',
  'log_archive_dest_1',
  'log_archive_dest_state',
  'log_archive_dest_state_1',
]);
/** '120s', '5m', '100ms' → microseconds (a DEF_TIME value), or null. */
function timeUs(text: string): number | null {
  const m = /^(\d+)\s*(us|ms|s|m|h|d)?$/i.exec(text.trim());
  if (!m) return null;
  const unit = { us: 1, ms: 1e3, s: 1e6, m: 6e7, h: 3.6e9, d: 8.64e10 }[
    (m[2] ?? 's').toLowerCase() as 'us'
  ];
  return Number(m[1]) * unit;
}

const intIn =
  (lo: number, hi: number) =>
  (v: SetValue): string | null => {
    const n = v.kind === 'number' || v.kind === 'string' ? Number(v.value) : NaN;
    return Number.isInteger(n) && n >= lo && n <= hi ? String(n) : null;
  };

/** Tenant parameters a backup client sets (src/share/parameter/ob_parameter_seed.ipp). */
export const TENANT_PARAMS = new Map<
  string,
  { info: string; def: string; dataType: 'INT' | 'TIME'; parse: (v: SetValue) => string | null }
>([
  [
    'ha_low_thread_score',
    {
      info: 'the current work thread score of high availability low thread. Range: [0,100] in integer. Especially, 0 means default value',
      def: '0',
      dataType: 'INT',
      parse: intIn(0, 100),
    },
  ],
  [
    'ha_high_thread_score',
    {
      info: 'the current work thread score of high availability high thread. Range: [0,100] in integer. Especially, 0 means default value',
      def: '0',
      dataType: 'INT',
      parse: intIn(0, 100),
    },
  ],
  [
    'log_archive_concurrency',
    {
      info: 'log archive concurrency, for both archive fetcher and sender. Range: [0, 100] in integer',
      def: '0',
      dataType: 'INT',
      parse: intIn(0, 100),
    },
  ],
  [
    'archive_lag_target',
    {
      info: 'The lag target of the log archive. The log archive target affects not only the backup availability, but also the lag of the standby database based on archive. Values larger than 7200s are not reasonable lag. The typical value is 120s. Extremely low values can result in high IOPS, which is not optimal for object storage; such values can also affect the performance of the database. The value 0ms means to archive as soon as possible. Range: [0ms,7200s]',
      def: '120s',
      dataType: 'TIME',
      parse: (v) => {
        if (v.kind !== 'string') return null;
        const us = timeUs(v.value);
        return us !== null && us <= 7200e6 ? v.value.trim() : null;
      },
    },
  ],
]);

function requireAlterSystem(ctx: StatementContext): void {
  if (!ctx.canAlterSystem) throw ObErrors.noPrivilege('ALTER SYSTEM');
}

export function backup(
  ctx: StatementContext,
  stmt: Extract<Statement, { kind: 'backup' }>,
): StatementResult {
  requireAlterSystem(ctx);
  if (stmt.to !== null) throw ObErrors.notSupported('backup do not support using specify path');
  const description = stmt.description ?? '';
  // ObBackupDescription is an ObFixedLengthString<OB_MAX_BACKUP_DEST_LENGTH = 2048>: assign() of
  // 2048 bytes or more fails with OB_BUF_NOT_ENOUGH.
  if (Buffer.byteLength(description, 'utf8') >= 2048) throw ObErrors.bufNotEnough();
  const opts = { plusArchivelog: stmt.plusArchivelog, description, encryption: ctx.encryption() };
  const engine = ctx.engine;
  if (!ctx.isSys) {
    if (stmt.tenants) throw ObErrors.notSupported('user tenant cannot specify tenant names');
    engine.startTenantBackup(ctx.tenant, stmt.incremental, opts);
    return ok();
  }
  if (stmt.database) {
    engine.startSysBackup(null, stmt.incremental, opts);
    return ok();
  }
  if (!stmt.tenants) throw ObErrors.notSupported('No tenant name specified');
  engine.startSysBackup(
    engine.resolveTenantNames(stmt.tenants.map((t) => t.name)),
    stmt.incremental,
    opts,
  );
  return ok();
}

export function cancel(ctx: StatementContext, tenants: NameRef[] | null): StatementResult {
  requireAlterSystem(ctx);
  const engine = ctx.engine;
  if (!ctx.isSys) {
    if (tenants) throw ObErrors.notSupported();
    engine.cancel([ctx.tenant.id], false);
    return ok();
  }
  if (tenants) {
    engine.cancel(
      engine.resolveTenantNames(tenants.map((t) => t.name)).map((t) => t.id),
      false,
    );
    return ok();
  }
  engine.cancel(
    engine.userTenants().map((t) => t.id),
    true,
  );
  return ok();
}

/** Cluster parameters a backup client reads (src/share/parameter/ob_parameter_seed.ipp). */
export const CLUSTER_PARAMS = new Map<
  string,
  { info: string; def: string; dataType: 'CAPACITY'; parse: (v: SetValue) => string | null }
>([
  [
    'backup_data_file_size',
    {
      info: 'backup data file size. Range: [512M, 4G] in integer',
      def: '4G',
      dataType: 'CAPACITY',
      parse: (v) => {
        const text = v.kind === 'string' || v.kind === 'number' ? String(v.value).trim() : '';
        const bytes = capacityBytes(text);
        return bytes !== null && bytes >= 512 * 2 ** 20 && bytes <= 4 * 2 ** 30 ? text : null;
      },
    },
  ],
]);

/** '4G', '512M', '1024MB' → bytes; a bare number is taken as MB (a choice, see README). */
function capacityBytes(text: string): number | null {
  const m = /^(\d+)\s*([bkmgt])?b?$/i.exec(text);
  if (!m) return null;
  const unit = { b: 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 }[
    (m[2] ?? 'm').toLowerCase() as 'b'
  ];
  return Number(m[1]) * unit;
}

export const clusterParams = new WeakMap<object, Map<string, string>>();
function clusterParamsOf(ctx: StatementContext): Map<string, string> {
  let m = clusterParams.get(ctx.engine);
  if (!m) {
    m = new Map();
    clusterParams.set(ctx.engine, m);
  }
  return m;
}
export function clusterParamValue(ctx: StatementContext, name: string): string | undefined {
  return clusterParamsOf(ctx).get(name);
}

export function alterSystemSet(
  ctx: StatementContext,
  items: { name: string; value: SetValue }[],
  tenantRef: NameRef | null,
): StatementResult {
  requireAlterSystem(ctx);
  const engine = ctx.engine;
  // A name OceanBase does not know: OB_ERR_SYS_CONFIG_UNKNOWN, before any other rule.
  const unknown = items.find(
    (i) => !BACKUP_PARAMS.has(i.name) && !TENANT_PARAMS.has(i.name) && !CLUSTER_PARAMS.has(i.name),
  );
  if (unknown) throw ObErrors.sysConfigUnknown();
  if (items.some((i) => CLUSTER_PARAMS.has(i.name))) {
    // Cluster parameters: sys only, without TENANT, and not mixed with tenant ones (choices).
    if (!ctx.isSys) throw ObErrors.noPrivilege();
    if (tenantRef || items.some((i) => !CLUSTER_PARAMS.has(i.name)))
      throw ObErrors.notSupported('set cluster parameter with tenant');
    const parsed = items.map(({ name, value }) => {
      const v = CLUSTER_PARAMS.get(name)?.parse(value) ?? null;
      if (v === null) throw ObErrors.invalidConfig();
      return [name, v] as const;
    });
    for (const [name, v] of parsed) clusterParamsOf(ctx).set(name, v);
    return ok();
  }
  let target: TenantState;
  if (!ctx.isSys) {
    if (tenantRef) throw ObErrors.notSupported('user tenant cannot specify tenant names');
    target = ctx.tenant;
  } else {
    if (!tenantRef) {
      if (items.some((i) => BACKUP_PARAMS.has(i.name)))
        throw ObErrors.notSupported('set backup dest for sys tenant');
      throw ObErrors.notSupported('set tenant parameter for sys tenant');
    }
    const [t] = engine.resolveTenantNames([tenantRef.name]);
    if (!t) throw ObErrors.invalidTenantName();
    target = t;
  }
  for (const { name, value } of items) {
    if (BACKUP_PARAMS.has(name)) {
      if (value.kind !== 'string') throw ObErrors.invalidArgument();
      if (name === 'data_backup_dest') engine.setDataBackupDest(target, value.value);
      else if (name.startsWith('log_archive_dest_state'))
        engine.setLogArchiveDestState(target, value.value);
      else engine.setLogArchiveDest(target, value.value);
    } else {
      const parsed = TENANT_PARAMS.get(name)?.parse(value) ?? null;
      if (parsed === null) throw ObErrors.invalidConfig();
      tenantParams(target).set(name, parsed);
    }
  }
  return ok();
}

const paramStore = new WeakMap<TenantState, Map<string, string>>();
export function tenantParams(t: TenantState): Map<string, string> {
  let m = paramStore.get(t);
  if (!m) {
    m = new Map();
    paramStore.set(t, m);
  }
  return m;
}

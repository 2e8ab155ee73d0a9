import { ObErrors } from '../errors.js';
import { obCodeOf } from '../oracle-errors.js';
import { SqlError } from '../protocol/types.js';
import type { TenantState } from '../engine/engine.js';
import type { StatementResult } from '../protocol/types.js';
import type { StatementContext } from './context.js';
import { ok } from './context.js';
import type { NameRef, SetValue, Statement } from './parser.js';
import { parameterMeta } from '../catalog/parameters.js';

/** The value to store for a parameter, or OB_INVALID_CONFIG when it is out of range. */
function parseParam(name: string, value: SetValue): string {
  const meta = parameterMeta(name);
  const parsed =
    meta && (value.kind === 'string' || value.kind === 'number') ? meta.parse(value) : null;
  if (parsed === null) throw ObErrors.invalidConfig();
  return parsed;
}

export const BACKUP_PARAMS = new Set([
  'data_backup_dest',
  'log_archive_dest',
  'log_archive_dest_1',
  'log_archive_dest_state',
  'log_archive_dest_state_1',
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
  if (!ctx.isSys && stmt.tenants)
    throw ObErrors.notSupported('user tenant cannot specify tenant names');
  if (ctx.isSys && !stmt.database && !stmt.tenants)
    throw ObErrors.notSupported('No tenant name specified');
  const named =
    ctx.isSys && !stmt.database && stmt.tenants
      ? engine.resolveTenantNames(stmt.tenants.map((t) => t.name))
      : null;
  // The rest runs in the rootserver (ObBackupDataScheduler::start_backup_data), which writes its
  // event whatever the result.
  let result = 0;
  try {
    if (!ctx.isSys) engine.startTenantBackup(ctx.tenant, stmt.incremental, opts);
    else engine.startSysBackup(named, stmt.incremental, opts);
  } catch (e) {
    result = (e instanceof SqlError ? obCodeOf(e) : null) ?? -4016;
    throw e;
  } finally {
    engine.rootserviceEvent('backup_data', 'start_backup_data', [
      ['tenant_id', ctx.tenant.id],
      ['result', result],
    ]);
  }
  return ok();
}

export function cancel(ctx: StatementContext, tenants: NameRef[] | null): StatementResult {
  requireAlterSystem(ctx);
  const engine = ctx.engine;
  if (!ctx.isSys && tenants) throw ObErrors.notSupported();
  const named = tenants
    ? engine.resolveTenantNames(tenants.map((t) => t.name)).map((t) => t.id)
    : [];
  if (!ctx.isSys) engine.cancel([ctx.tenant.id], false);
  else if (tenants) engine.cancel(named, false);
  else
    engine.cancel(
      engine.userTenants().map((t) => t.id),
      true,
    );
  // ObBackupDataScheduler::cancel_backup_data: K(tenant_id), K(backup_tenant_ids) (an ObArray's text).
  engine.rootserviceEvent('backup_data', 'cancel_backup_data', [
    ['tenant_id', ctx.tenant.id],
    ['backup_tenant_ids', `[${named.join(', ')}]`],
  ]);
  return ok();
}

export function alterSystemSet(
  ctx: StatementContext,
  items: { name: string; value: SetValue }[],
  tenantRef: NameRef | null,
): StatementResult {
  requireAlterSystem(ctx);
  const engine = ctx.engine;
  // A name OceanBase does not know: OB_ERR_SYS_CONFIG_UNKNOWN, before any other rule.
  if (items.some((i) => !BACKUP_PARAMS.has(i.name) && !parameterMeta(i.name)))
    throw ObErrors.sysConfigUnknown();
  const isCluster = (name: string): boolean => parameterMeta(name)?.scope === 'CLUSTER';
  if (items.some((i) => isCluster(i.name))) {
    // Cluster parameters: sys only, without TENANT, and not mixed with tenant ones (choices).
    if (!ctx.isSys) throw ObErrors.noPrivilege();
    if (tenantRef || items.some((i) => !isCluster(i.name)))
      throw ObErrors.notSupported('set cluster parameter with tenant');
    const parsed = items.map(({ name, value }) => [name, parseParam(name, value)] as const);
    for (const [name, v] of parsed) ctx.store.setParameter(0, name, v);
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
      ctx.store.setParameter(target.id, name, parseParam(name, value));
    }
  }
  return ok();
}

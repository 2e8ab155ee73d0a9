import { ObErrors } from '../errors.js';
import type { TenantState } from '../engine/engine.js';
import type { SqlError, StatementResult } from '../protocol/types.js';
import type { StatementContext } from './context.js';
import { ok } from './context.js';
import type { NameRef } from './parser.js';

/**
 * ALTER SYSTEM [NO]ARCHIVELOG [TENANT = …], as OceanBase resolves and runs it
 * (oceanbase/oceanbase src/sql/resolver/cmd/ob_alter_system_resolver.cpp ObArchiveLogResolver and
 * ObAlterSystemResolverUtil::resolve_tenant; src/rootserver/backup/ob_archive_scheduler_service.cpp
 * open_archive_mode / close_archive_mode):
 * - a user tenant naming tenants: 1227; `all_user`/`all_meta`: 1235; `all` mixed with names: 1235;
 *   a tenant named twice: 1235 `duplicate tenant X is not supported`; `all` = no list;
 * - sys ARCHIVELOG ignores every tenant's error and answers OK;
 * - sys NOARCHIVELOG answers the last tenant's result (each tenant is still tried);
 * - a user tenant answers its own result.
 */
export function archivelog(
  ctx: StatementContext,
  enable: boolean,
  tenants: NameRef[] | null,
): StatementResult {
  if (!ctx.canAlterSystem) throw ObErrors.noPrivilege('ALTER SYSTEM');
  const engine = ctx.engine;
  if (!ctx.isSys) {
    if (tenants) throw ObErrors.noPrivilege();
    const err = switchTenant(ctx, ctx.tenant, enable);
    if (err) throw err;
    return ok();
  }
  let targets: TenantState[] | null = null;
  if (tenants) {
    let all = false;
    let allUserOrMeta = false;
    const named: TenantState[] = [];
    for (const ref of tenants) {
      const lower = ref.name.toLowerCase();
      if (lower === 'all') all = true;
      else if (lower === 'all_user' || lower === 'all_meta') allUserOrMeta = true;
      else {
        const t = engine.tenantByName(ref.name);
        if (!t) throw ObErrors.invalidTenantName();
        if (named.includes(t)) throw ObErrors.notSupported(`duplicate tenant ${ref.name} is`);
        named.push(t);
      }
    }
    if ((all || allUserOrMeta) && tenants.length > 1)
      throw ObErrors.notSupported('all/all_user/all_meta in combination with other names is');
    if (allUserOrMeta)
      throw ObErrors.notSupported("use all_user/all_meta in 'ALTER SYSTEM ARCHIVELOG' syntax is");
    if (!all) targets = named;
  }
  // No list (or `all`): every user tenant by id, skipping those not NORMAL, as get_all_tenant_ids_.
  targets ??= engine
    .userTenants()
    .filter((t) => t.status === 'NORMAL')
    .sort((a, b) => a.id - b.id);
  let last: SqlError | null = null;
  for (const t of targets) last = switchTenant(ctx, t, enable);
  if (!enable && last) throw last;
  return ok();
}

/** One tenant's open/close_archive_mode: its error, or null after switching its log mode. */
function switchTenant(ctx: StatementContext, t: TenantState, enable: boolean): SqlError | null {
  // sys and meta tenants have no archive mode of their own; the handler refuses them.
  if (t.id === 1 || t.id % 2 === 1) return ObErrors.internal();
  if (t.status !== 'NORMAL') return ObErrors.cannotStartArchive();
  if (t.logMode === (enable ? 'ARCHIVELOG' : 'NOARCHIVELOG'))
    return enable ? ObErrors.alreadyArchive() : ObErrors.alreadyNoArchive();
  ctx.engine.setLogMode([t], enable);
  return null;
}

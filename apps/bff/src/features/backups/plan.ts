import type {
  PreviewRequest,
  PreviewResponse,
  PreviewTenant,
  StartBackupRequest,
} from '@obconsole/contracts';
import type { z } from 'zod';
import type { RequestContext } from '../../lib/context.js';
import { AppError } from '../../lib/errors.js';
import { loadTenantDirectory, type TenantState } from '../jobs/directory.js';
import { selectTenants } from '../jobs/directory.sql.js';
import { hasDataProgress } from '../jobs/active.js';
import { checkTenant, firstFailure, runningJobOf } from '../jobs/preconditions.js';
import { backupStatement, maskedEncryptionStatement } from './statements.js';

/* What a preview shows and a start sends: the tenants assessed and the statements. */

type PreviewInput = z.output<typeof PreviewRequest>;
type StartInput = z.output<typeof StartBackupRequest>;

export interface Plan {
  preview: PreviewResponse;
  /** null: ALTER SYSTEM BACKUP DATABASE (the session's whole scope). */
  statementTenants: string[] | null;
}

export function requireBackupPrivilege(ctx: RequestContext): void {
  if (!ctx.profile.canBackup) {
    throw new AppError(
      'FORBIDDEN',
      'This account has no ALTER SYSTEM privilege, so it can watch backups but not start or cancel them.',
      undefined,
      { variant: 'noPrivilege' },
    );
  }
}

/** A tenant session acts on its own tenant only: "all" or its own name. */
export function ownTenantOnly(ctx: RequestContext, tenants: 'all' | string[]): void {
  if (tenants === 'all') return;
  const other = tenants.find((t) => t.toLowerCase() !== ctx.profile.tenant.toLowerCase());
  if (other !== undefined) {
    throw new AppError(
      'FORBIDDEN',
      `A session of tenant ${ctx.profile.tenant} can only act on its own tenant, not "${other}".`,
      undefined,
      { variant: 'otherTenant', tenant: ctx.profile.tenant, other },
    );
  }
}

function findTenant(states: TenantState[], name: string): TenantState | undefined {
  const lower = name.toLowerCase();
  return states.find((s) => s.name.toLowerCase() === lower);
}

export async function namesFor(ctx: RequestContext): Promise<(id: number) => string> {
  if (!ctx.scope.isSys) return () => ctx.profile.tenant;
  const tenants = await selectTenants(ctx.db, ctx.scope);
  const map = new Map(tenants.map((t) => [t.tenantId, t.name]));
  return (id) => map.get(id) ?? String(id);
}

export async function buildPlan(
  ctx: RequestContext,
  input: PreviewInput | StartInput,
  encrypted: boolean,
): Promise<Plan> {
  if (!ctx.scope.isSys) ownTenantOnly(ctx, input.tenants);
  const { states, active } = await loadTenantDirectory(
    ctx.db,
    ctx.scope,
    ctx.facts.finished.of(ctx.accountKey),
    () => hasDataProgress(ctx),
  );

  const rows: PreviewTenant[] = [];
  let statementTenants: string[] | null = null;
  const assess = (
    name: string,
    state: TenantState | undefined,
    skippable: boolean,
  ): PreviewTenant => {
    const checks = checkTenant(
      name,
      state,
      input.type,
      state ? runningJobOf(active, state.tenantId, ctx.scope.isSys ? 'SYS' : 'TENANT') : undefined,
    );
    const failed = firstFailure(checks);
    // OceanBase skips ineligible tenants of a cluster-wide backup, but never skips one for want
    // of a full backup: it silently backs that one up in full instead. So that one refuses.
    const action = !failed
      ? 'backup'
      : skippable && failed.code !== 'NO_FULL_BACKUP'
        ? 'skip'
        : 'refuse';
    return {
      tenantId: state?.tenantId ?? null,
      tenantName: state?.name ?? name,
      action,
      checks,
      destination: state?.dest.path ?? null,
      ...(failed ? { reason: failed } : {}),
    };
  };

  if (!ctx.scope.isSys) {
    const own =
      states.find((s) => s.tenantId === ctx.profile.tenantId) ??
      states.find((s) => s.type === 'USER');
    rows.push(assess(ctx.profile.tenant, own, false));
  } else if (input.tenants === 'all') {
    for (const s of states.filter((t) => t.type === 'USER')) rows.push(assess(s.name, s, true));
  } else {
    for (const name of input.tenants) rows.push(assess(name, findTenant(states, name), false));
    statementTenants = rows.map((r) => r.tenantName);
  }

  const blocking: PreviewResponse['blocking'] = rows
    .filter((r) => r.action === 'refuse' && r.reason)
    .map((r) => ({
      code: r.reason!.code,
      message: r.reason!.message,
      ...(r.reason!.params ? { params: r.reason!.params } : {}),
      tenantName: r.tenantName,
    }));
  if (blocking.length === 0 && !rows.some((r) => r.action === 'backup')) {
    blocking.push({
      code: 'NO_ELIGIBLE_TENANT',
      message:
        rows.length === 0
          ? 'There is no user tenant to back up.'
          : "No tenant meets the backup conditions; see each tenant's reason.",
      params: { variant: rows.length === 0 ? 'noUserTenant' : 'noneEligible' },
    });
  }
  const statements = [
    ...(encrypted ? [maskedEncryptionStatement()] : []),
    backupStatement({
      type: input.type,
      tenants: statementTenants,
      plusArchivelog: input.plusArchivelog,
      description: input.description,
      mode: ctx.scope.mode,
    }),
  ];
  return {
    preview: {
      type: input.type,
      canStart: blocking.length === 0,
      tenants: rows,
      statements,
      blocking,
    },
    statementTenants,
  };
}

/** What would happen, without sending anything with a side effect. */

import type { AccountContext } from '../../lib/context.js';
import { AppError } from '../../lib/errors.js';
import type { PolicyRecord } from './model.js';

/** A tenant session sees the policies that cover its tenant; sys sees every one. */
export function canRead(ctx: AccountContext, p: Pick<PolicyRecord, 'tenants'>): boolean {
  if (ctx.scope.isSys) return true;
  const own = ctx.profile.tenant.toLowerCase();
  return p.tenants === 'all' || p.tenants.some((t) => t.toLowerCase() === own);
}

/** The tenant a tenant session's answers are narrowed to (undefined for sys). */
export function ownTenantOf(ctx: AccountContext): string | undefined {
  return ctx.scope.isSys ? undefined : ctx.profile.tenant;
}

/**
 * Changing, pausing, running or deleting a policy needs ALTER SYSTEM over its whole scope: a
 * cluster-wide or several-tenant policy only from sys, a tenant admin only its own tenant's.
 */
export function requireChange(ctx: AccountContext, tenants: 'all' | string[]): void {
  if (!ctx.profile.canBackup)
    throw new AppError(
      'FORBIDDEN',
      'This account has no ALTER SYSTEM privilege, so it can read policies but not change or run them.',
      undefined,
      { variant: 'noPrivilege' },
    );
  if (ctx.scope.isSys) return;
  const own = ctx.profile.tenant.toLowerCase();
  if (tenants === 'all' || tenants.some((t) => t.toLowerCase() !== own))
    throw new AppError(
      'FORBIDDEN',
      `A session of tenant ${ctx.profile.tenant} can only manage policies of its own tenant; this one covers ${tenants === 'all' ? 'all tenants' : tenants.join(', ')}.`,
      undefined,
      { variant: 'otherTenant', tenant: ctx.profile.tenant },
    );
}

export function notFound(id: string): AppError {
  return new AppError(
    'NOT_FOUND',
    `There is no policy "${id.slice(0, 64)}" in this cluster.`,
    undefined,
    { variant: 'policy', policy: id.slice(0, 64) },
  );
}

import type { AccountContext } from '../../lib/context.js';
import { AppError } from '../../lib/errors.js';

/*
 * Who may do what with alerts (docs/decisions/014). Changes need a sys account holding ALTER
 * SYSTEM, the privilege that can act on every tenant. Any sys account, read-only ones included,
 * reads rules, channels (masked) and the delivery log. A tenant's account reads the incidents
 * of its own tenant only: the rules and channels are the cluster's, not its tenant's.
 */

export function requireAlertAdmin(ctx: AccountContext): void {
  if (!ctx.profile.isSys || !ctx.profile.canBackup)
    throw new AppError(
      'FORBIDDEN',
      'Changing alert rules and channels needs a sys tenant account with the ALTER SYSTEM privilege; this account can only read them.',
      undefined,
      { variant: 'noPrivilege' },
    );
}

export function requireSysReader(ctx: AccountContext): void {
  if (!ctx.profile.isSys)
    throw new AppError(
      'FORBIDDEN',
      `Alert rules, channels and deliveries belong to the cluster: sign in with a sys tenant account to see them. A session of tenant ${ctx.profile.tenant} sees its tenant's incidents.`,
      undefined,
      { variant: 'sysOnly' },
    );
}

/** The tenant whose incidents an account may see; null: every tenant's. */
export function incidentScope(ctx: AccountContext): number | null {
  return ctx.profile.isSys ? null : ctx.profile.tenantId;
}

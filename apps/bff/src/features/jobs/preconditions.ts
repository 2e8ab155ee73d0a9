import type { ActiveJob, BackupType, Eligibility, PreconditionCheck } from '@obconsole/contracts';
import type { TenantState } from './directory.js';

/**
 * The checks OceanBase makes (or skips) before a backup, in the order the console reports
 * them. Each failing check has its own code and says what to do about it.
 */
export function checkTenant(
  name: string,
  tenant: TenantState | undefined,
  type: BackupType,
  running: ActiveJob | undefined,
): PreconditionCheck[] {
  const checks: PreconditionCheck[] = [];
  // params carry what the sentence names, so the web can say it in the user's language.
  const add = (
    code: PreconditionCheck['code'],
    ok: boolean,
    message: string,
    params?: PreconditionCheck['params'],
  ) => checks.push({ code, ok, message, ...(params ? { params } : {}) });
  if (!tenant) {
    add(
      'TENANT_NOT_FOUND',
      false,
      `Tenant "${name}" does not exist, or this account cannot see it.`,
      { tenant: name },
    );
    return checks;
  }
  const t = { tenant: tenant.name };
  add('TENANT_NOT_FOUND', true, 'Tenant exists.', t);
  if (tenant.type !== 'USER') {
    add(
      'NOT_A_USER_TENANT',
      false,
      `"${tenant.name}" is a ${tenant.type} tenant; only user tenants are backed up.`,
      { ...t, type: tenant.type },
    );
    return checks;
  }
  add('NOT_A_USER_TENANT', true, 'User tenant.', t);
  add(
    'TENANT_NOT_NORMAL',
    tenant.status === 'NORMAL',
    tenant.status === 'NORMAL'
      ? 'Tenant status is NORMAL.'
      : `Tenant status is ${tenant.status}; a backup needs NORMAL.`,
    { ...t, status: tenant.status },
  );
  const archiving = tenant.archiveStatus === 'DOING';
  add(
    'LOG_ARCHIVE_NOT_DOING',
    archiving,
    archiving
      ? 'Log archiving is DOING.'
      : `Log archiving is ${tenant.archiveStatus ?? 'not running (no archive round)'}; it must be DOING. Start it with ALTER SYSTEM ARCHIVELOG TENANT = ${tenant.name}.`,
    {
      ...t,
      ...(tenant.archiveStatus ? { status: tenant.archiveStatus } : { variant: 'noRound' }),
      sql: `ALTER SYSTEM ARCHIVELOG TENANT = ${tenant.name}`,
    },
  );
  add(
    'BACKUP_DEST_NOT_SET',
    tenant.dest.set,
    tenant.dest.set
      ? `Data backup destination: ${tenant.dest.path}.`
      : `No data backup destination is set. Set one with ALTER SYSTEM SET DATA_BACKUP_DEST = '…' TENANT = ${tenant.name}.`,
    tenant.dest.set
      ? { ...t, path: tenant.dest.path ?? '' }
      : { ...t, sql: `ALTER SYSTEM SET DATA_BACKUP_DEST = '…' TENANT = ${tenant.name}` },
  );
  add(
    'BACKUP_IN_PROGRESS',
    !running,
    running
      ? `Backup job ${running.jobId}, started by ${running.initiator === 'SYS' ? 'the sys tenant' : 'the tenant itself'}, is already ${running.status} for this tenant; wait for it or cancel it.`
      : 'No backup is running.',
    running ? { ...t, jobId: running.jobId, status: running.status } : t,
  );
  if (type === 'incremental') {
    add(
      'NO_FULL_BACKUP',
      tenant.hasUsableFull,
      tenant.hasUsableFull
        ? 'A successful full backup exists on this destination.'
        : 'No successful full backup exists on this destination: OceanBase would silently run a full backup instead. Run a full backup first.',
      t,
    );
  }
  return checks;
}

export function firstFailure(checks: PreconditionCheck[]): PreconditionCheck | undefined {
  return checks.find((c) => !c.ok);
}

export function eligibility(
  tenant: TenantState,
  running: ActiveJob | undefined,
): { full: Eligibility; incremental: Eligibility } {
  const verdict = (type: BackupType): Eligibility => {
    const failed = firstFailure(checkTenant(tenant.name, tenant, type, running));
    return failed
      ? {
          ok: false,
          reason: failed.code,
          message: failed.message,
          ...(failed.params ? { params: failed.params } : {}),
        }
      : { ok: true };
  };
  return { full: verdict('full'), incremental: verdict('incremental') };
}

/**
 * The job that would make OceanBase refuse with 9036: its duplicate check is per tenant and
 * initiator, so a sys session is only blocked by a sys-started job and a tenant session by the
 * tenant's own.
 */
export function runningJobOf(
  active: ActiveJob[],
  tenantId: number,
  initiator: ActiveJob['initiator'],
): ActiveJob | undefined {
  return active.find(
    (j) => j.tenantId === tenantId && j.level !== 'CLUSTER' && j.initiator === initiator,
  );
}

import type { Tenant, TenantsResponse } from '@obconsole/contracts';
import type { RequestContext } from '../../lib/context.js';
import { hasDataProgress } from '../jobs/active.js';
import { eligibility, runningJobOf } from '../jobs/preconditions.js';
import { loadTenantDirectory } from '../jobs/directory.js';

/** The user tenants this session may back up or watch, each with what stands in the way. */
export async function listTenants(ctx: RequestContext): Promise<TenantsResponse> {
  const directory = await loadTenantDirectory(
    ctx.db,
    ctx.scope,
    ctx.facts.finished.of(ctx.accountKey),
    () => hasDataProgress(ctx),
  );
  const { active, lastSuccessful: successful } = directory;
  const states = directory.states.filter((s) => s.type === 'USER');
  const tenants: Tenant[] = states.map((s) => {
    const running = active.find((j) => j.tenantId === s.tenantId && j.level !== 'CLUSTER') ?? null;
    return {
      tenantId: s.tenantId,
      name: s.name,
      mode: s.mode,
      status: s.status,
      logMode: s.logMode,
      archiveStatus: s.archiveStatus,
      dataBackupDest: s.dest,
      latestFull: s.latestFull,
      latestIncremental: s.latestIncremental,
      lastSuccessfulFull: successful.get(s.tenantId)?.full ?? null,
      lastSuccessfulIncremental: successful.get(s.tenantId)?.incremental ?? null,
      running,
      // Eligibility follows OceanBase's per-initiator rule; `running` shows any job.
      eligible: eligibility(
        s,
        runningJobOf(active, s.tenantId, ctx.scope.isSys ? 'SYS' : 'TENANT'),
      ),
    };
  });
  return { tenants };
}

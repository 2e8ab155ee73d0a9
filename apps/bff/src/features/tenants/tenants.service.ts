import type { Tenant, TenantsResponse } from '@obconsole/contracts';
import type { RequestContext } from '../../lib/context.js';
import { hasDataProgress, readActiveJobs } from '../jobs/active.js';
import { eligibility, runningJobOf } from '../jobs/preconditions.js';
import { loadTenantStates } from '../jobs/directory.js';
import { loadLastSuccessful } from './last-successful.js';

/** The user tenants this session may back up or watch, each with what stands in the way. */
export async function listTenants(ctx: RequestContext): Promise<TenantsResponse> {
  const states = (await loadTenantStates(ctx.db, ctx.scope)).filter((s) => s.type === 'USER');
  const [withProgress, successful] = await Promise.all([
    hasDataProgress(ctx),
    loadLastSuccessful(ctx.db, ctx.scope, states),
  ]);
  const active = await readActiveJobs(
    ctx.db,
    ctx.scope,
    (id) => states.find((s) => s.tenantId === id)?.name ?? String(id),
    withProgress,
  );
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

import type { FleetCluster, FleetOverview, FleetTenant } from '@obconsole/contracts';
import { isDriverError, toAppError } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import { isoToObTime } from '../../lib/rows.js';
import { hasDataProgress } from '../jobs/active.js';
import { loadTenantBackups } from '../jobs/directory.js';
import type { ClusterContext } from './fleet-context.js';
import { selectFailuresSince } from './fleet.sql.js';

const WEEK_MS = 7 * 86_400_000;
const RUNNING = new Set(['INIT', 'DOING', 'CANCELING']);

export interface FleetDeps {
  log: Logger;
  now: () => number;
}

/**
 * Every signed-in cluster's tenants at a glance, the clusters read side by side. A cluster that
 * cannot be read is shown as unavailable with why; the others still answer.
 */
export async function fleetOverview(
  clusters: readonly ClusterContext[],
  deps: FleetDeps,
): Promise<FleetOverview> {
  const now = deps.now();
  const since = isoToObTime(new Date(now - WEEK_MS).toISOString());
  const answers = await Promise.all(
    clusters.map((c) =>
      clusterOverview(c, since).catch((e: unknown) => unavailable(c, e, deps.log)),
    ),
  );
  return { clusters: answers, serverTime: new Date(now).toISOString() };
}

async function clusterOverview(c: ClusterContext, since: string): Promise<FleetCluster> {
  const { db, scope } = c.ctx;
  const [directory, failures] = await Promise.all([
    loadTenantBackups(db, scope, c.ctx.facts.finished.of(c.ctx.accountKey), () =>
      hasDataProgress(c.ctx),
    ),
    selectFailuresSince(db, scope, since),
  ]);
  const { active, lastSuccessful: successful } = directory;
  const states = directory.states.filter((s) => s.type === 'USER');
  const tenants: FleetTenant[] = states.map((s) => ({
    tenantId: s.tenantId,
    name: s.name,
    mode: s.mode,
    lastSuccessfulFull: successful.get(s.tenantId)?.full ?? null,
    lastSuccessfulIncremental: successful.get(s.tenantId)?.incremental ?? null,
    running: active.filter(
      (j) => j.tenantId === s.tenantId && j.level !== 'CLUSTER' && RUNNING.has(j.status),
    ).length,
    archiveStatus: s.archiveStatus,
    failuresLast7Days: failures.get(s.tenantId) ?? 0,
  }));
  return { state: 'ok', clusterId: c.clusterId, name: c.name, tenants };
}

/** Why a cluster is missing from an answer. A programming error is logged with its stack, never shown. */
export function unavailable(
  c: Pick<ClusterContext, 'clusterId' | 'name'>,
  e: unknown,
  log: Logger,
): Extract<FleetCluster, { state: 'unavailable' }> {
  if (!(e instanceof AppError) && !isDriverError(e)) {
    log.error({ err: e, cluster: c.clusterId }, 'fleet: reading a cluster failed unexpectedly');
    return {
      state: 'unavailable',
      clusterId: c.clusterId,
      name: c.name,
      code: 'INTERNAL',
      message: 'This cluster could not be read because of an error in the console; it is logged.',
    };
  }
  const err = toAppError(e);
  log.warn({ cluster: c.clusterId, code: err.code }, 'fleet: a cluster could not be read');
  return {
    state: 'unavailable',
    clusterId: c.clusterId,
    name: c.name,
    code: err.code,
    message: err.message,
  };
}

import type { FleetCluster, FleetOverview, FleetTenant } from '@obconsole/contracts';
import { isDriverError, toAppError } from '../../lib/db.js';
import { AppError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import { isoToObTime, obTimeToMs } from '../../lib/rows.js';
import { hasDataProgress } from '../jobs/active.js';
import { loadTenantBackups } from '../jobs/directory.js';
import type { RecentFailures } from '../jobs/finished-failures.js';
import type { FinishedJobs } from '../jobs/finished-index.js';
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
  const finished = c.ctx.facts.finished.of(c.ctx.accountKey);
  const directory = await loadTenantBackups(db, scope, finished, () => hasDataProgress(c.ctx));
  const states = directory.states.filter((s) => s.type === 'USER');
  const failures = await failuresSince(c, finished, states, since);
  const { active, lastSuccessful: successful } = directory;
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

/**
 * Each tenant's failures since `since`, from the finished-jobs index, which keeps them up to date
 * from the rows it reads anyway; the history is read (one statement for the cluster) only for a
 * tenant the index does not know that far back yet: on an account's first overview, or after its
 * index had to read a tenant afresh. Read after the refresh that `loadTenantBackups` made, so
 * every failure after this read reaches the index's next refresh.
 */
async function failuresSince(
  c: ClusterContext,
  finished: FinishedJobs,
  tenants: readonly { tenantId: number }[],
  since: string,
): Promise<Map<number, number>> {
  const sinceMs = obTimeToMs(since);
  const trackers = new Map(tenants.map((t) => [t.tenantId, finished.failures(t.tenantId)]));
  const counts = new Map<number, number>();
  for (const [id, tracker] of trackers) {
    const n = tracker?.count(sinceMs);
    if (n === undefined || n === null) return readFailures(c, trackers, since, sinceMs);
    counts.set(id, n);
  }
  return counts;
}

async function readFailures(
  c: ClusterContext,
  trackers: Map<number, RecentFailures | undefined>,
  since: string,
  sinceMs: number,
): Promise<Map<number, number>> {
  const rows = await selectFailuresSince(c.ctx.db, c.ctx.scope, since);
  const counts = new Map<number, number>();
  for (const [id, tracker] of trackers) {
    const own = rows.filter((r) => r.tenantId === id);
    tracker?.know(sinceMs, own);
    counts.set(id, own.length);
  }
  return counts;
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

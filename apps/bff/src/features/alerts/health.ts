import type { AccountContext } from '../../lib/context.js';
import { hasDataProgress } from '../jobs/active.js';
import { loadTenantDirectory } from '../jobs/directory.js';
import { selectArchiveCheckpoints } from './alerts.sql.js';
import type { Observation } from './evaluate.js';

type TenantHealth = Extract<Observation, { kind: 'tenant_health' }>['tenants'][number];

const newest = (...isoTimes: (string | null | undefined)[]): string | null =>
  isoTimes
    .filter((t): t is string => typeof t === 'string')
    .reduce<string | null>((a, b) => (a === null || Date.parse(b) > Date.parse(a) ? b : a), null);

/**
 * What the no_success, archive_not_doing and archive_lag rules look at, read under the
 * cluster's service account: every user tenant's last successful backups (by end time) and its
 * log archiving. The lag is the console's clock minus the checkpoint (an SCN is nanoseconds
 * since the epoch in OceanBase 4.x), of the destination that is furthest ahead.
 */
export async function readTenantHealth(
  ctx: AccountContext,
  nowMs: number,
): Promise<Extract<Observation, { kind: 'tenant_health' }>> {
  // The account's finished-jobs index: the last successful backups without reading the history.
  const [directory, checkpoints] = await Promise.all([
    loadTenantDirectory(ctx.db, ctx.scope, ctx.facts.finished.of(ctx.accountKey), () =>
      hasDataProgress(ctx),
    ),
    selectArchiveCheckpoints(ctx.db, ctx.scope),
  ]);
  const states = directory.states.filter((s) => s.type === 'USER');
  const last = directory.lastSuccessful;
  const tenants = states.map((s): TenantHealth => {
    const l = last.get(s.tenantId);
    const full = l?.full?.endTime ?? null;
    const doing = checkpoints.filter(
      (c) => c.tenantId === s.tenantId && c.status === 'DOING' && c.checkpointScn > 0n,
    );
    const ahead = doing.reduce<bigint>((a, c) => (c.checkpointScn > a ? c.checkpointScn : a), 0n);
    return {
      tenant: { id: s.tenantId, name: s.name },
      lastFullSuccessAt: full,
      lastAnySuccessAt: newest(full, l?.incremental?.endTime),
      archiveStatus: s.archiveStatus,
      archiveLagSeconds:
        s.archiveStatus === 'DOING' && ahead > 0n
          ? Math.max(0, Math.floor((nowMs - Number(ahead / 1_000_000n)) / 1000))
          : null,
    };
  });
  return { kind: 'tenant_health', tenants };
}

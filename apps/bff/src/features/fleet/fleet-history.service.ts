import type {
  FleetHistoryItem,
  FleetHistoryPage,
  FleetHistoryQuery,
  HistoryItem,
  HistoryQuery,
} from '@obconsole/contracts';
import type { z } from 'zod';
import { AppError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import type { CursorCodec } from '../../lib/cursor.js';
import { historyPage } from '../jobs/history.service.js';
import type { HistoryKey } from '../jobs/history.sql.js';
import { obTimeToUs } from '../jobs/watcher-keyset.js';
import type { ClusterContext } from './fleet-context.js';
import type { FleetCursorCodec, FleetPositions } from './fleet-cursor.js';
import { unavailable } from './fleet-overview.service.js';

export type FleetQuery = z.output<typeof FleetHistoryQuery>;
type OneClusterQuery = z.output<typeof HistoryQuery>;
type Unavailable = FleetHistoryPage['unavailable'][number];

type ClusterAnswer =
  | { ok: true; c: ClusterContext; items: HistoryItem[]; total: number; missing: boolean }
  | { ok: false; c: ClusterContext; error: Unavailable };

/** The clusters a query names (default: all signed-in ones), each at most once, in the given order. */
export function selectClusters(
  all: readonly ClusterContext[],
  param: string | undefined,
): ClusterContext[] {
  if (param === undefined) return [...all];
  const ids = [
    ...new Set(
      param
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    ),
  ];
  if (ids.length === 0) {
    throw new AppError(
      'VALIDATION_FAILED',
      'Invalid fleet history filter: clusters: name at least one cluster id, or leave it out to search every signed-in cluster.',
      undefined,
      { fields: 'clusters' },
    );
  }
  return ids.map((id) => {
    const c = all.find((x) => x.clusterId === id);
    if (!c) {
      const signedIn = all.map((x) => x.clusterId).join(', ') || 'none';
      throw new AppError(
        'NOT_FOUND',
        `Cluster "${id}" is not one this session is signed in to (signed in: ${signedIn}).`,
        undefined,
        { variant: 'cluster', cluster: id },
      );
    }
    return c;
  });
}

/** The one-cluster filters of a fleet query. */
export function oneClusterQuery(q: FleetQuery, limit: number, cursor?: string): OneClusterQuery {
  const { clusters: _clusters, cursor: _cursor, ...filters } = q;
  return { ...filters, limit, ...(cursor ? { cursor } : {}) };
}

/** The history key of a row as the API gave it: its ISO start time back in the console's UTC text. */
export function keyOfItem(i: HistoryItem): HistoryKey {
  return {
    startTimestamp: i.startTime.replace('T', ' ').replace(/Z$/, ''),
    tenantId: i.tenantId,
    jobId: i.jobId,
  };
}

/** The fleet's order: (start time, cluster, tenant, job), newest or oldest first. */
export function compareItems(order: 'asc' | 'desc') {
  const dir = order === 'asc' ? 1 : -1;
  return (a: FleetHistoryItem, b: FleetHistoryItem): number => {
    const ta = obTimeToUs(keyOfItem(a).startTimestamp);
    const tb = obTimeToUs(keyOfItem(b).startTimestamp);
    const c =
      ta - tb ||
      (a.clusterId < b.clusterId ? -1 : a.clusterId > b.clusterId ? 1 : 0) ||
      a.tenantId - b.tenantId ||
      a.jobId - b.jobId;
    return c * dir;
  };
}

/** A named tenant that one cluster does not have is no failure of that cluster: it has no rows. */
export function isMissingTenant(e: unknown): boolean {
  return e instanceof AppError && e.code === 'TENANT_NOT_FOUND';
}

export function missingEverywhere(q: { tenant?: string }): AppError {
  return new AppError(
    'TENANT_NOT_FOUND',
    `Tenant "${q.tenant}" does not exist in any of the searched clusters, or these accounts cannot see it.`,
    undefined,
    { tenant: q.tenant ?? '' },
  );
}

/**
 * One page of the history of several clusters, merged by (start time, cluster, tenant, job).
 * Each cluster is read with the one-cluster history function from its own position, one row
 * more than the page holds: the page is the first `limit` of the merge, every cluster's new
 * position is its last row shown, and there is a next page exactly when a row was left over.
 */
export async function fleetHistoryPage(
  clusters: readonly ClusterContext[],
  q: FleetQuery,
  codecs: { fleet: FleetCursorCodec; one: CursorCodec },
  log: Logger,
): Promise<FleetHistoryPage> {
  const selected = selectClusters(clusters, q.clusters);
  const positions: FleetPositions = q.cursor
    ? codecs.fleet.decode(q.cursor, q.order)
    : new Map(selected.map((c) => [c.clusterId, null]));
  for (const c of selected) {
    if (!positions.has(c.clusterId)) {
      throw new AppError(
        'INVALID_CURSOR',
        `This page link was made for other clusters than ${c.clusterId}; start from the first page.`,
      );
    }
  }
  const results = await Promise.all(
    selected.map(async (c): Promise<ClusterAnswer> => {
      const pos = positions.get(c.clusterId) ?? null;
      const sub = oneClusterQuery(
        q,
        q.limit + 1,
        pos ? codecs.one.encode(pos, q.order) : undefined,
      );
      try {
        const page = await historyPage(c.ctx, sub, codecs.one, c.starters);
        return { ok: true, c, items: page.items, total: page.total, missing: false };
      } catch (e) {
        if (isMissingTenant(e)) return { ok: true, c, items: [], total: 0, missing: true };
        const u = unavailable(c, e, log);
        return {
          ok: false,
          c,
          error: { clusterId: u.clusterId, code: u.code, message: u.message },
        };
      }
    }),
  );
  const answered = results.flatMap((r) => (r.ok ? [r] : []));
  if (q.tenant && answered.length > 0 && answered.every((r) => r.missing)) {
    throw missingEverywhere(q);
  }
  const merged: FleetHistoryItem[] = answered
    .flatMap((r) => r.items.map((i) => ({ ...i, clusterId: r.c.clusterId })))
    .sort(compareItems(q.order));
  const items = merged.slice(0, q.limit);
  const next: FleetPositions = new Map(
    selected.map((c) => [c.clusterId, positions.get(c.clusterId) ?? null]),
  );
  for (const i of items) next.set(i.clusterId, keyOfItem(i));
  const unavailableList: Unavailable[] = results.flatMap((r) => (r.ok ? [] : [r.error]));
  return {
    items,
    nextCursor: merged.length > q.limit ? codecs.fleet.encode(next, q.order) : null,
    total: answered.reduce((n, r) => n + r.total, 0),
    unavailable: unavailableList,
  };
}

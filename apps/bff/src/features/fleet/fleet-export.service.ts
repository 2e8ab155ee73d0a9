import type {
  ErrorCode,
  FleetHistoryItem,
  FleetHistoryPage,
  HistoryItem,
} from '@obconsole/contracts';
import { AppError } from '../../lib/errors.js';
import type { Logger } from '../../lib/logger.js';
import { historyRows } from '../jobs/history.service.js';
import type { ClusterContext } from './fleet-context.js';
import {
  compareItems,
  isMissingTenant,
  missingEverywhere,
  oneClusterQuery,
  selectClusters,
  type FleetQuery,
} from './fleet-history.service.js';
import { unavailable } from './fleet-overview.service.js';

type Unavailable = FleetHistoryPage['unavailable'][number];

interface Source {
  clusterId: string;
  rows: AsyncGenerator<HistoryItem[]>;
  buffer: HistoryItem[];
  at: number;
  done: boolean;
}

export interface FleetExport {
  /** Clusters that could not be read when the export began: their rows are not in it. */
  unavailable: Unavailable[];
  /** Every matching row of the other clusters, merged in the fleet's order, in chunks. */
  rows: AsyncGenerator<FleetHistoryItem[]>;
}

/**
 * The whole fleet history of a filter for the CSV export, merged as it streams: each cluster
 * is read chunk by chunk with the one-cluster export, and the next row is always the first of
 * the clusters' heads, so memory holds one chunk per cluster whatever the size. Each cluster's
 * first chunk is read before anything is sent, so a cluster that cannot be read is known (and
 * named in a header) before the download starts.
 */
export async function openFleetExport(
  clusters: readonly ClusterContext[],
  q: FleetQuery,
  log: Logger,
  chunk = 500,
): Promise<FleetExport> {
  const selected = selectClusters(clusters, q.clusters);
  const opened = await Promise.all(
    selected.map(async (c) => {
      const rows = historyRowsOf(c, q);
      try {
        const first = await rows.next();
        const source: Source = {
          clusterId: c.clusterId,
          rows,
          buffer: first.done ? [] : first.value,
          at: 0,
          done: Boolean(first.done),
        };
        return { ok: true as const, source };
      } catch (e) {
        if (isMissingTenant(e)) return { ok: true as const, source: null };
        return { ok: false as const, error: unavailable(c, e, log) };
      }
    }),
  );
  const answered = opened.flatMap((o) => (o.ok ? [o] : []));
  if (q.tenant && answered.length > 0 && answered.every((o) => o.source === null)) {
    throw missingEverywhere(q);
  }
  const failed = opened.flatMap((o) => (o.ok ? [] : [o.error]));
  if (answered.length === 0 && failed[0]) {
    // Nothing to export: the first cluster's reason is the answer.
    throw new AppError(failed[0].code as ErrorCode, failed[0].message);
  }
  const sources = answered.flatMap((o) => (o.source ? [o.source] : []));
  return {
    unavailable: failed.map((f) => ({ clusterId: f.clusterId, code: f.code, message: f.message })),
    rows: merge(sources, compareItems(q.order), chunk),
  };
}

function historyRowsOf(c: ClusterContext, q: FleetQuery): AsyncGenerator<HistoryItem[]> {
  return historyRows(c.ctx, oneClusterQuery(q, q.limit), undefined, c.starters);
}

async function* merge(
  sources: Source[],
  compare: (a: FleetHistoryItem, b: FleetHistoryItem) => number,
  chunk: number,
): AsyncGenerator<FleetHistoryItem[]> {
  let out: FleetHistoryItem[] = [];
  for (;;) {
    // Refill every source whose chunk is used up before choosing: the choice needs each head.
    for (const s of sources) {
      while (s.at >= s.buffer.length && !s.done) {
        const next = await s.rows.next();
        s.done = Boolean(next.done);
        s.buffer = next.done ? [] : next.value;
        s.at = 0;
      }
    }
    let best: { s: Source; item: FleetHistoryItem } | null = null;
    for (const s of sources) {
      const head = s.buffer[s.at];
      if (!head) continue;
      const item = { ...head, clusterId: s.clusterId };
      if (!best || compare(item, best.item) < 0) best = { s, item };
    }
    if (!best) break;
    best.s.at += 1;
    out.push(best.item);
    if (out.length >= chunk) {
      yield out;
      out = [];
    }
  }
  if (out.length > 0) yield out;
}

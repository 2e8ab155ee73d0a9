import { useEffect, useRef } from 'react';
import { queryOptions, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ActiveJob, ActiveJobsResponse } from '@obconsole/contracts';
// Subpaths without zod: this module is part of the first download.
import { clusterApi } from '@obconsole/contracts/paths';
import { SSE_EVENTS } from '@obconsole/contracts/sse-events';
import { http } from './http';
import { env } from '../config/env';
import { setStreamStatus } from '../stores/stream';
import { markDatabaseDown, markDatabaseUp } from '../stores/database';
import { clusterKey } from './cluster-keys';

/**
 * The running backups are shared by the progress view and the tenants table, so their query
 * lives here rather than in one feature. The backups feature re-exports it in its factory.
 */
export const activeJobsKey = (clusterId: string) =>
  [...clusterKey(clusterId), 'backups', 'active'] as const;

export const activeJobsQuery = (clusterId: string) =>
  queryOptions({
    queryKey: activeJobsKey(clusterId),
    queryFn: ({ signal }) =>
      http.get<ActiveJobsResponse>(clusterApi(clusterId, 'backupsActive'), signal),
    // The event stream keeps this entry fresh; a fetch only seeds it or fills a gap.
    staleTime: 60_000,
  });

/** Per-tenant running job of a payload (the cluster-level coordinator job has no progress). */
export function runningByTenant(data: ActiveJobsResponse | undefined): Map<number, ActiveJob> {
  const map = new Map<number, ActiveJob>();
  for (const job of data?.jobs ?? []) {
    if (job.level !== 'CLUSTER') map.set(job.tenantId, job);
  }
  return map;
}

function finishedSince(prev: ActiveJobsResponse | undefined, next: ActiveJobsResponse): boolean {
  if (!prev) return false;
  const seen = new Set(prev.recent.map((r) => `${r.tenantId}:${r.jobId}`));
  return (
    next.recent.some((r) => !seen.has(`${r.tenantId}:${r.jobId}`)) ||
    next.jobs.length < prev.jobs.length
  );
}

function parsePayload(data: unknown): ActiveJobsResponse | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const v = JSON.parse(data) as ActiveJobsResponse;
    return Array.isArray(v.jobs) && Array.isArray(v.recent) ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * One EventSource per tab for the cluster on screen (mounted by the cluster's layout). Each
 * `active` event replaces the cached GET .../backups/active answer of that cluster, so every
 * screen reading activeJobsQuery(clusterId) is live. When the stream drops, what is shown stays
 * and the status says "reconnecting".
 */
export function useActiveJobsStream(
  clusterId: string,
  onJobsFinished?: (qc: QueryClient) => void,
): void {
  const qc = useQueryClient();
  const onFinishedRef = useRef(onJobsFinished);
  useEffect(() => {
    onFinishedRef.current = onJobsFinished;
  }, [onJobsFinished]);

  useEffect(() => {
    if (typeof EventSource === 'undefined') {
      setStreamStatus('reconnecting');
      return;
    }
    let source: EventSource | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;

    const connect = () => {
      source = new EventSource(clusterApi(clusterId, 'events'));
      const es = source;
      es.addEventListener('open', () => setStreamStatus('live'));
      es.addEventListener(SSE_EVENTS.active, (e) => {
        const next = parsePayload(e.data);
        if (!next) return;
        const prev = qc.getQueryData<ActiveJobsResponse>(activeJobsKey(clusterId));
        qc.setQueryData(activeJobsKey(clusterId), next);
        setStreamStatus('live');
        markDatabaseUp(clusterId);
        if (finishedSince(prev, next)) onFinishedRef.current?.(qc);
      });
      es.addEventListener(SSE_EVENTS.unavailable, () => {
        setStreamStatus('unavailable');
        markDatabaseDown(clusterId);
      });
      es.addEventListener('error', () => {
        if (stopped) return;
        setStreamStatus('reconnecting');
        if (es.readyState === EventSource.CLOSED) {
          // The browser gave up (an HTTP error such as 401). A plain fetch tells the global
          // error handler whether the session expired; otherwise try the stream again later.
          es.close();
          void qc.invalidateQueries({ queryKey: activeJobsKey(clusterId) });
          retryTimer = setTimeout(connect, env.streamRetryMs);
        }
      });
    };

    setStreamStatus('connecting');
    connect();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      source?.close();
    };
  }, [qc, clusterId]);
}

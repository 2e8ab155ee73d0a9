import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import {
  clusterApi,
  type BackupType,
  type CreatePolicyRequest,
  type PoliciesResponse,
  type Policy,
  type PolicyRun,
  type PolicyRunsPage,
  type PolicyTimeline,
  type UpdatePolicyRequest,
} from '@obconsole/contracts';
import { http, request, toQueryString } from '../../lib/http';
import { clusterKey } from '../../lib/cluster-keys';

export const TIMELINE_DAYS = 7;
const RUNS_PAGE = 20;

export const policyKeys = {
  all: (clusterId: string) => [...clusterKey(clusterId), 'policies'] as const,
  list: (clusterId: string) => [...policyKeys.all(clusterId), 'list'] as const,
  timeline: (clusterId: string) => [...policyKeys.all(clusterId), 'timeline'] as const,
  detail: (clusterId: string, id: string) => [...policyKeys.all(clusterId), 'detail', id] as const,
  runs: (clusterId: string, id: string) => [...policyKeys.detail(clusterId, id), 'runs'] as const,
};

export const policyQueries = {
  list: (clusterId: string) =>
    queryOptions({
      queryKey: policyKeys.list(clusterId),
      queryFn: ({ signal }) =>
        http.get<PoliciesResponse>(clusterApi(clusterId, 'policies'), signal),
      // "Next run" moves on by itself: re-read now and then while the page is open.
      refetchInterval: 30_000,
    }),
  timeline: (clusterId: string) =>
    queryOptions({
      queryKey: policyKeys.timeline(clusterId),
      queryFn: ({ signal }) =>
        http.get<PolicyTimeline>(
          `${clusterApi(clusterId, 'policyTimeline')}${toQueryString({ days: TIMELINE_DAYS })}`,
          signal,
        ),
      refetchInterval: 60_000,
    }),
  detail: (clusterId: string, id: string) =>
    queryOptions({
      queryKey: policyKeys.detail(clusterId, id),
      queryFn: ({ signal }) =>
        http.get<Policy>(clusterApi(clusterId, 'policy', { policyId: id }), signal),
    }),
  /** Newest first, by the BFF's keyset cursor. */
  runs: (clusterId: string, id: string) =>
    infiniteQueryOptions({
      queryKey: policyKeys.runs(clusterId, id),
      queryFn: ({ signal, pageParam }) =>
        http.get<PolicyRunsPage>(
          `${clusterApi(clusterId, 'policyRuns', { policyId: id })}${toQueryString({ cursor: pageParam, limit: RUNS_PAGE })}`,
          signal,
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.nextCursor ?? undefined,
      refetchInterval: 30_000,
    }),
};

export const policyApi = {
  create: (clusterId: string, body: CreatePolicyRequest) =>
    http.post<Policy>(clusterApi(clusterId, 'policies'), body),
  update: (clusterId: string, id: string, body: UpdatePolicyRequest) =>
    request<Policy>(clusterApi(clusterId, 'policy', { policyId: id }), {
      method: 'PATCH',
      body,
    }),
  remove: (clusterId: string, id: string) =>
    http.delete<void>(clusterApi(clusterId, 'policy', { policyId: id })),
  pause: (clusterId: string, id: string) =>
    http.post<Policy>(clusterApi(clusterId, 'policyPause', { policyId: id }), {}),
  resume: (clusterId: string, id: string) =>
    http.post<Policy>(clusterApi(clusterId, 'policyResume', { policyId: id }), {}),
  run: (clusterId: string, id: string, type: BackupType) =>
    http.post<PolicyRun>(clusterApi(clusterId, 'policyRun', { policyId: id }), { type }),
};

import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import dayjs from 'dayjs';
import {
  API,
  clusterApi,
  type BackupType,
  type FleetHistoryPage,
  type HistoryDetail,
  type HistoryPage,
  type HistoryStatus,
} from '@obconsole/contracts';
import { http, toQueryString } from '../../lib/http';
import { clusterKey } from '../../lib/cluster-keys';
import { env } from '../../config/env';

/** The list's filters as they stand in the URL (dates as local calendar days, YYYY-MM-DD). */
export interface HistoryFilters {
  tenant?: string;
  type?: BackupType;
  status?: HistoryStatus;
  from?: string;
  to?: string;
  order: 'desc' | 'asc';
}

/** The fleet search's filters: the same, plus which signed-in clusters (none: all of them). */
export interface FleetHistoryFilters extends HistoryFilters {
  clusters: string[];
}

export const historyKeys = {
  all: (clusterId: string) => [...clusterKey(clusterId), 'history'] as const,
  lists: (clusterId: string) => [...historyKeys.all(clusterId), 'list'] as const,
  list: (clusterId: string, filters: HistoryFilters, cursor: string | undefined) =>
    [...historyKeys.lists(clusterId), filters, cursor ?? null] as const,
  detail: (clusterId: string, tenantId: number, jobId: number) =>
    [...historyKeys.all(clusterId), 'detail', tenantId, jobId] as const,
  /** Across clusters: not one cluster's, so not under ['clusters', id]. */
  fleet: () => ['fleet', 'history'] as const,
  fleetList: (filters: FleetHistoryFilters, cursor: string | undefined) =>
    [...historyKeys.fleet(), filters, cursor ?? null] as const,
};

/** A bound with a time of day (a quick range or a custom range with times) is sent as it is. */
const hasTime = (v: string) => v.includes('T');

/** The API's query: whole local days become an ISO range, "to" inclusive. */
export function toApiParams(f: HistoryFilters): Record<string, string | undefined> {
  return {
    tenant: f.tenant,
    type: f.type,
    status: f.status,
    from: f.from
      ? hasTime(f.from)
        ? dayjs(f.from).toISOString()
        : dayjs(f.from).startOf('day').toISOString()
      : undefined,
    to: f.to
      ? hasTime(f.to)
        ? dayjs(f.to).toISOString()
        : dayjs(f.to).endOf('day').toISOString()
      : undefined,
    order: f.order === 'asc' ? 'asc' : undefined,
  };
}

function fleetApiParams(f: FleetHistoryFilters): Record<string, string | undefined> {
  return { ...toApiParams(f), clusters: f.clusters.length ? f.clusters.join(',') : undefined };
}

/** Export of the current filter, streamed by the BFF. */
export function csvHref(clusterId: string, f: HistoryFilters): string {
  return `${clusterApi(clusterId, 'historyCsv')}${toQueryString(toApiParams(f))}`;
}

/** Export of the fleet search: every row with its cluster. */
export function fleetCsvHref(f: FleetHistoryFilters): string {
  return `${API.fleetHistoryCsv}${toQueryString(fleetApiParams(f))}`;
}

export const historyQueries = {
  list: (clusterId: string, filters: HistoryFilters, cursor: string | undefined) =>
    queryOptions({
      queryKey: historyKeys.list(clusterId, filters, cursor),
      queryFn: ({ signal }) =>
        http.get<HistoryPage>(
          `${clusterApi(clusterId, 'history')}${toQueryString({ ...toApiParams(filters), cursor, limit: env.historyPageSize })}`,
          signal,
        ),
      // Keep the previous page on screen while the next loads: no layout jump.
      placeholderData: keepPreviousData,
      staleTime: 15_000,
    }),
  detail: (clusterId: string, tenantId: number, jobId: number) =>
    queryOptions({
      queryKey: historyKeys.detail(clusterId, tenantId, jobId),
      queryFn: ({ signal }) =>
        http.get<HistoryDetail>(
          clusterApi(clusterId, 'historyDetail', { tenantId, jobId }),
          signal,
        ),
      staleTime: 60_000,
    }),
  fleet: (filters: FleetHistoryFilters, cursor: string | undefined) =>
    queryOptions({
      queryKey: historyKeys.fleetList(filters, cursor),
      queryFn: ({ signal }) =>
        http.get<FleetHistoryPage>(
          `${API.fleetHistory}${toQueryString({ ...fleetApiParams(filters), cursor, limit: env.historyPageSize })}`,
          signal,
        ),
      placeholderData: keepPreviousData,
      staleTime: 15_000,
    }),
};

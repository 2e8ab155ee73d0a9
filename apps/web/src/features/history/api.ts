import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import dayjs from 'dayjs';
import {
  API,
  type BackupType,
  type HistoryDetail,
  type HistoryPage,
  type HistoryStatus,
} from '@obconsole/contracts';
import { http, toQueryString } from '../../lib/http';
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

export const historyKeys = {
  all: ['history'] as const,
  lists: () => [...historyKeys.all, 'list'] as const,
  list: (filters: HistoryFilters, cursor: string | undefined) =>
    [...historyKeys.lists(), filters, cursor ?? null] as const,
  detail: (tenantId: number, jobId: number) =>
    [...historyKeys.all, 'detail', tenantId, jobId] as const,
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

/** Export of the current filter, streamed by the BFF. */
export function csvHref(f: HistoryFilters): string {
  return `${API.historyCsv}${toQueryString(toApiParams(f))}`;
}

export const historyQueries = {
  list: (filters: HistoryFilters, cursor: string | undefined) =>
    queryOptions({
      queryKey: historyKeys.list(filters, cursor),
      queryFn: ({ signal }) =>
        http.get<HistoryPage>(
          `${API.history}${toQueryString({ ...toApiParams(filters), cursor, limit: env.historyPageSize })}`,
          signal,
        ),
      // Keep the previous page on screen while the next loads: no layout jump.
      placeholderData: keepPreviousData,
      staleTime: 15_000,
    }),
  detail: (tenantId: number, jobId: number) =>
    queryOptions({
      queryKey: historyKeys.detail(tenantId, jobId),
      queryFn: ({ signal }) =>
        http.get<HistoryDetail>(`${API.history}/${tenantId}/${jobId}`, signal),
      staleTime: 60_000,
    }),
};

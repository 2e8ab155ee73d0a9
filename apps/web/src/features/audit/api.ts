import { infiniteQueryOptions } from '@tanstack/react-query';
import dayjs from 'dayjs';
import {
  AUDIT_API,
  type AuditAction,
  type AuditOutcome,
  type AuditPage,
  type AuditVerifyResult,
} from '@obconsole/contracts';
import { http, toQueryString } from '../../lib/http';
import { env } from '../../config/env';

/** The page's filters as they stand in the URL (times: UTC instants to the minute, or days). */
export interface AuditFilters {
  cluster?: string;
  actor?: string;
  action?: AuditAction;
  tenant?: string;
  outcome?: AuditOutcome;
  from?: string;
  to?: string;
}

/** The audit trail spans clusters (a caller may read several), so its keys are not one cluster's. */
export const auditKeys = {
  all: () => ['audit'] as const,
  lists: () => [...auditKeys.all(), 'list'] as const,
  list: (filters: AuditFilters) => [...auditKeys.lists(), filters] as const,
  verify: () => [...auditKeys.all(), 'verify'] as const,
};

const hasTime = (v: string) => v.includes('T');

/** The API's filter: a whole local day becomes its ISO bounds, "to" inclusive. */
export function toApiParams(f: AuditFilters): Record<string, string | undefined> {
  return {
    cluster: f.cluster,
    actor: f.actor,
    action: f.action,
    tenant: f.tenant,
    outcome: f.outcome,
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
  };
}

/** The CSV of everything the filter matches (not only the pages loaded), streamed by the BFF. */
export function auditCsvHref(f: AuditFilters): string {
  return `${AUDIT_API.csv}${toQueryString(toApiParams(f))}`;
}

export const auditQueries = {
  /** Newest first; each "load more" asks for the page before the last one's cursor. */
  list: (filters: AuditFilters) =>
    infiniteQueryOptions({
      queryKey: auditKeys.list(filters),
      queryFn: ({ signal, pageParam }) =>
        http.get<AuditPage>(
          `${AUDIT_API.list}${toQueryString({ ...toApiParams(filters), cursor: pageParam, limit: env.historyPageSize })}`,
          signal,
        ),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.nextCursor ?? undefined,
      staleTime: 15_000,
    }),
};

/** Walks the chains of one cluster (or of every cluster the caller may read). */
export function verifyChain(cluster: string | undefined): Promise<AuditVerifyResult> {
  return http.get<AuditVerifyResult>(`${AUDIT_API.verify}${toQueryString({ cluster })}`);
}

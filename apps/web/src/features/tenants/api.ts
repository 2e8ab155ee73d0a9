import { queryOptions } from '@tanstack/react-query';
import type { TenantsResponse } from '@obconsole/contracts';
// The subpath without zod: the router prefetches the tenants from the first download.
import { clusterApi } from '@obconsole/contracts/paths';
import { http } from '../../lib/http';
import { clusterKey } from '../../lib/cluster-keys';

export const tenantKeys = {
  all: (clusterId: string) => [...clusterKey(clusterId), 'tenants'] as const,
  list: (clusterId: string) => [...tenantKeys.all(clusterId), 'list'] as const,
};

export const tenantQueries = {
  list: (clusterId: string) =>
    queryOptions({
      queryKey: tenantKeys.list(clusterId),
      queryFn: ({ signal }) => http.get<TenantsResponse>(clusterApi(clusterId, 'tenants'), signal),
      staleTime: 30_000,
    }),
};

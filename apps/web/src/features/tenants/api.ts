import { queryOptions } from '@tanstack/react-query';
import { API, type TenantsResponse } from '@obconsole/contracts';
import { http } from '../../lib/http';

export const tenantKeys = {
  all: ['tenants'] as const,
  list: () => [...tenantKeys.all, 'list'] as const,
};

export const tenantQueries = {
  list: () =>
    queryOptions({
      queryKey: tenantKeys.list(),
      queryFn: ({ signal }) => http.get<TenantsResponse>(API.tenants, signal),
      staleTime: 30_000,
    }),
};

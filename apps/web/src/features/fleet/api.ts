import { queryOptions } from '@tanstack/react-query';
import { API, type FleetOverview } from '@obconsole/contracts';
import { http } from '../../lib/http';

/** Across clusters: not one cluster's, so under ['fleet'] (a sign-in anywhere drops it). */
export const fleetKeys = {
  all: ['fleet'] as const,
  overview: () => [...fleetKeys.all, 'overview'] as const,
};

export const fleetQueries = {
  overview: () =>
    queryOptions({
      queryKey: fleetKeys.overview(),
      queryFn: ({ signal }) => http.get<FleetOverview>(API.fleetOverview, signal),
      staleTime: 15_000,
      // Health at a glance stays current while the page is open (running jobs come and go).
      refetchInterval: 30_000,
    }),
};

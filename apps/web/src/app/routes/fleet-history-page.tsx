import { useQuery } from '@tanstack/react-query';
import { FleetHistoryRoute } from '../../features/history/routes/fleet-history-route';
import { fleetQueries } from '../../features/fleet/api';
import { signedInClusters, useClusterDirectory } from '../../lib/session';

/**
 * The fleet history: the history feature's search across clusters, with the tenant names the
 * fleet overview already knows for its tenant filter (two features meet here, in the app).
 */
export default function FleetHistoryPage() {
  const clusters = signedInClusters(useClusterDirectory());
  const overview = useQuery(fleetQueries.overview());
  const names = new Set<string>();
  for (const c of overview.data?.clusters ?? [])
    if (c.state === 'ok') for (const x of c.tenants) names.add(x.name);
  return (
    <FleetHistoryRoute
      clusters={clusters.map((c) => ({ id: c.id, name: c.name }))}
      tenantNames={[...names].sort()}
    />
  );
}

import { Navigate } from 'react-router';
import { FleetOverviewRoute } from '../../features/fleet/routes/fleet-overview-route';
import { clusterPaths } from '../../config/paths';
import { useClusterDirectory } from '../../lib/session';

/**
 * `/`: with one cluster configured there is no fleet to look at, so it is that cluster's tenants
 * (as the one-cluster console always was); with several, the fleet overview.
 */
export default function HomePage() {
  const clusters = useClusterDirectory();
  const only = clusters.length === 1 ? clusters[0] : undefined;
  if (only) return <Navigate to={clusterPaths.tenants(only.id)} replace />;
  return <FleetOverviewRoute clusters={clusters} />;
}

import { useQuery } from '@tanstack/react-query';
import { AuditRoute } from '../../features/audit/routes/audit-route';
import { fleetQueries } from '../../features/fleet/api';
import { useClusterDirectory } from '../../lib/session';
import { auditClusters } from '../../lib/audit-access';

/**
 * The audit trail of the clusters this user may read, with the tenant names the fleet overview
 * already knows for its tenant filter (two features meet here, in the app).
 */
export default function AuditPage() {
  const clusters = auditClusters(useClusterDirectory());
  const overview = useQuery(fleetQueries.overview());
  const names = new Set<string>();
  for (const c of overview.data?.clusters ?? [])
    if (c.state === 'ok' && clusters.some((k) => k.id === c.clusterId))
      for (const x of c.tenants) names.add(x.name);
  return (
    <AuditRoute
      clusters={clusters.map((c) => ({ id: c.id, name: c.name }))}
      tenantNames={[...names].sort()}
    />
  );
}

import { useQuery } from '@tanstack/react-query';
import { AlertsRoute } from '../../features/alerts/routes/alerts-route';
import { tenantQueries } from '../../features/tenants/api';
import { useClusterId } from '../../lib/session';

/** Alerts, with the rule form offering the tenants this session can see (two features meet here). */
export default function AlertsPage() {
  const clusterId = useClusterId();
  const tenants = useQuery(tenantQueries.list(clusterId));
  return <AlertsRoute tenantNames={tenants.data?.tenants.map((x) => x.name) ?? []} />;
}

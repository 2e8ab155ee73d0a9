import { useQuery } from '@tanstack/react-query';
import { HistoryRoute } from '../../features/history/routes/history-route';
import { tenantQueries } from '../../features/tenants/api';

/** History, with the tenant filter offering the tenants this session can see. */
export default function HistoryPage() {
  const tenants = useQuery(tenantQueries.list());
  return <HistoryRoute tenantNames={tenants.data?.tenants.map((x) => x.name) ?? []} />;
}

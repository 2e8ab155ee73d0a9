import { useQuery } from '@tanstack/react-query';
import { tenantQueries } from '../../features/tenants/api';
import { sessionQueries } from '../../features/session/api';
import { clusterPaths } from '../../config/paths';

/**
 * What the policy pages need from other features (wired here, in the app): the cluster's
 * tenant names, whether it has a service account, and links into the history.
 */
export function usePolicyLinks(clusterId: string) {
  const tenants = useQuery(tenantQueries.list(clusterId));
  const clusters = useQuery(sessionQueries.clusters());
  const list = tenants.data?.tenants ?? [];
  const unattended = clusters.data?.clusters.find((c) => c.id === clusterId)?.unattended ?? false;
  const jobHref = (tenant: string, jobId: number, tenantId?: number) => {
    const id = tenantId ?? list.find((x) => x.name === tenant)?.tenantId;
    return id !== undefined
      ? clusterPaths.historyDetail(clusterId, id, jobId)
      : clusterPaths.history(clusterId, `?tenant=${encodeURIComponent(tenant)}`);
  };
  return { tenantNames: list.map((x) => x.name), unattended, jobHref };
}

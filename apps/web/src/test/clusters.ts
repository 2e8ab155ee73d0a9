import type { ClusterSummary, ClustersResponse, SessionInfo } from '@obconsole/contracts';

/** A configured cluster as GET /api/clusters lists it. */
export function clusterSummary(
  id: string,
  session: SessionInfo | null = null,
  extra: Partial<ClusterSummary> = {},
): ClusterSummary {
  return { id, name: id, simulated: false, unattended: true, session, ...extra };
}

export const clustersBody = (...clusters: ClusterSummary[]): { body: ClustersResponse } => ({
  body: { clusters },
});

import { useOutletContext } from 'react-router';
import type { ClusterSummary, SessionInfo } from '@obconsole/contracts';

/** What a cluster's layout hands to every page of that cluster through <Outlet context>. */
export interface SessionOutletContext {
  /** The cluster of the page (from its path). */
  clusterId: string;
  /** Its display name, for headings and messages. */
  clusterName: string;
  /** This browser's sign-in to that cluster. */
  session: SessionInfo;
}

/** The current cluster's sign-in, provided by the cluster layout (which owns its status query). */
export function useSession(): SessionInfo {
  return useOutletContext<SessionOutletContext>().session;
}

/** The cluster whose page this is: every API call and query key of the page names it. */
export function useClusterId(): string {
  return useOutletContext<SessionOutletContext>().clusterId;
}

export function useClusterContext(): SessionOutletContext {
  return useOutletContext<SessionOutletContext>();
}

/** What the signed-in layout hands to the fleet pages and to each cluster's layout. */
export interface FleetOutletContext {
  /** Every configured cluster, with this browser's sign-in to it (or null). */
  clusters: ClusterSummary[];
}

export function useClusterDirectory(): ClusterSummary[] {
  return useOutletContext<FleetOutletContext>().clusters;
}

/** The clusters this browser is signed in to, in the configuration's order. */
export function signedInClusters(
  clusters: ClusterSummary[],
): (ClusterSummary & { session: SessionInfo })[] {
  return clusters.filter((c): c is ClusterSummary & { session: SessionInfo } => c.session !== null);
}

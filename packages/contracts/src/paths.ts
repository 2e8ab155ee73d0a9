// The BFF's paths, without zod: the web's first download imports them through
// '@obconsole/contracts/paths', which does not bring the schemas (and zod) with it.

/** Paths of the BFF that belong to no cluster. */
export const API = {
  health: '/api/health',
  /** Readiness for a load balancer: 200 only when store, Redis and every cluster answer. */
  healthReady: '/api/health/ready',
  /** The configured clusters and which of them this browser session is signed in to. */
  clusters: '/api/clusters',
  /** Ends every sign-in of this browser session (DELETE). */
  session: '/api/session',
  fleetOverview: '/api/fleet/overview',
  fleetHistory: '/api/fleet/history',
  fleetHistoryCsv: '/api/fleet/history.csv',
} as const;

/** Where every cluster-scoped router is mounted (Express pattern). */
export const CLUSTER_BASE = '/api/clusters/:clusterId';

/**
 * Paths of one cluster, relative to CLUSTER_BASE: the same routes with the same semantics the
 * one-cluster console had under /api. Express patterns; build concrete ones with clusterApi().
 */
export const CLUSTER_API = {
  session: '/session',
  sessionStatus: '/session/status',
  tenants: '/tenants',
  backups: '/backups',
  backupsPreview: '/backups/preview',
  backupsCancel: '/backups/cancel',
  backupsActive: '/backups/active',
  events: '/events',
  history: '/backups/history',
  historyCsv: '/backups/history.csv',
  historyDetail: '/backups/history/:tenantId/:jobId',
  policies: '/policies',
  policy: '/policies/:policyId',
  policyPause: '/policies/:policyId/pause',
  policyResume: '/policies/:policyId/resume',
  policyRun: '/policies/:policyId/run',
  policyRuns: '/policies/:policyId/runs',
  /** The next runs of every policy of the cluster in a window (the timeline): ?days=7. */
  policyTimeline: '/policies/timeline',
  alertChannels: '/alerts/channels',
  alertChannel: '/alerts/channels/:channelId',
  alertChannelTest: '/alerts/channels/:channelId/test',
  alertRules: '/alerts/rules',
  alertRule: '/alerts/rules/:ruleId',
  alertIncidents: '/alerts/incidents',
  alertDeliveries: '/alerts/deliveries',
} as const;
export type ClusterRoute = keyof typeof CLUSTER_API;

/**
 * The concrete path of a cluster route: clusterApi('hz', 'historyDetail', { tenantId: 1002,
 * jobId: 7 }) is '/api/clusters/hz/backups/history/1002/7'. Every segment is URL-encoded.
 */
export function clusterApi(
  clusterId: string,
  route: ClusterRoute,
  params: Record<string, string | number> = {},
): string {
  const rel = CLUSTER_API[route].replace(/:(\w+)/g, (_m, name: string) => {
    const v = params[name];
    if (v === undefined) throw new Error(`clusterApi: ${route} needs ${name}`);
    return encodeURIComponent(String(v));
  });
  return `/api/clusters/${encodeURIComponent(clusterId)}${rel}`;
}

/** Header that makes POST /api/backups safe to repeat. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

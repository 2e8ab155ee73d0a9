import { z } from 'zod';
import { SessionInfo } from './session.js';
import { HistoryItem, fromNotAfterTo, historyQueryShape } from './history.js';
import { SuccessfulBackup } from './tenants.js';
import { TenantMode } from './common.js';

/**
 * A configured cluster's stable id: what every path, query key, store row and log line names.
 * Lower-case so that ids compare without case folding and fit in a URL segment unescaped.
 */
export const CLUSTER_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;
export const ClusterId = z
  .string()
  .regex(
    CLUSTER_ID_PATTERN,
    'a cluster id is 1-63 lower-case letters, digits, "-" or "_", starting with a letter or digit',
  );
export type ClusterId = z.infer<typeof ClusterId>;

export const DemoAccount = z.object({
  tenant: z.string(),
  user: z.string(),
  role: z.string(),
  /** Stable key of the role, for the web to say it in the user's language. */
  roleKey: z.enum(['operator', 'tenantAdminMysql', 'tenantAdminOracle', 'support']).optional(),
});
export type DemoAccount = z.infer<typeof DemoAccount>;

/** One configured cluster as a browser sees it: never its address's secrets, never a password. */
export const ClusterSummary = z.object({
  id: ClusterId,
  name: z.string(),
  /** True when this cluster is the embedded OceanBase simulator. */
  simulated: z.boolean(),
  /** A service account is configured: the console watches this cluster with nobody signed in. */
  unattended: z.boolean(),
  /** This browser session's sign-in to the cluster, or null when it holds none. */
  session: SessionInfo.nullable(),
  /** Demo logins, only for a simulated cluster. */
  demoAccounts: z.array(DemoAccount).optional(),
});
export type ClusterSummary = z.infer<typeof ClusterSummary>;

/** GET /api/clusters: answered without a sign-in (the login form needs the list). */
export const ClustersResponse = z.object({ clusters: z.array(ClusterSummary) });
export type ClustersResponse = z.infer<typeof ClustersResponse>;

/** One tenant's backup health at a glance, for the fleet overview. */
export const FleetTenant = z.object({
  tenantId: z.number().int(),
  name: z.string(),
  mode: TenantMode,
  lastSuccessfulFull: SuccessfulBackup.nullable(),
  lastSuccessfulIncremental: SuccessfulBackup.nullable(),
  /** Jobs of this tenant now INIT, DOING or CANCELING. */
  running: z.number().int().nonnegative(),
  /** The current archive round's STATUS, or null when there is none. */
  archiveStatus: z.string().nullable(),
  /** Jobs that ended FAILED in the 7 days before serverTime. */
  failuresLast7Days: z.number().int().nonnegative(),
});
export type FleetTenant = z.infer<typeof FleetTenant>;

export const FleetCluster = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('ok'),
    clusterId: ClusterId,
    name: z.string(),
    tenants: z.array(FleetTenant),
  }),
  /** The cluster could not be read: the others are still shown. */
  z.object({
    state: z.literal('unavailable'),
    clusterId: ClusterId,
    name: z.string(),
    code: z.string(),
    message: z.string(),
  }),
]);
export type FleetCluster = z.infer<typeof FleetCluster>;

/** GET /api/fleet/overview: every cluster this browser session is signed in to. */
export const FleetOverview = z.object({
  clusters: z.array(FleetCluster),
  /** The server's clock: ages are counted from it, not from the browser's. */
  serverTime: z.string(),
});
export type FleetOverview = z.infer<typeof FleetOverview>;

/**
 * GET /api/fleet/history: the history filters plus the clusters to search (default: every
 * signed-in cluster). Rows carry their cluster; the cursor spans clusters.
 */
export const FleetHistoryQuery = z
  .strictObject({
    ...historyQueryShape,
    /** Comma-separated cluster ids; omitted means every cluster this session is signed in to. */
    clusters: z.string().max(2000).optional(),
    /** A fleet cursor carries a position per cluster, so it is longer than one cluster's. */
    cursor: z.string().max(4000).optional(),
  })
  .refine(...fromNotAfterTo);
export type FleetHistoryQuery = z.input<typeof FleetHistoryQuery>;

export const FleetHistoryItem = HistoryItem.extend({ clusterId: ClusterId });
export type FleetHistoryItem = z.infer<typeof FleetHistoryItem>;

export const FleetHistoryPage = z.object({
  items: z.array(FleetHistoryItem),
  nextCursor: z.string().nullable(),
  total: z.number().int().nonnegative(),
  /** Clusters that could not be searched, with why; their rows are missing from the page. */
  unavailable: z.array(z.object({ clusterId: ClusterId, code: z.string(), message: z.string() })),
});
export type FleetHistoryPage = z.infer<typeof FleetHistoryPage>;

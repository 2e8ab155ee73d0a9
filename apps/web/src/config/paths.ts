/**
 * Route paths of the SPA, in one place. Every page of a cluster carries the cluster in its path
 * (`/clusters/:clusterId/...`), so a link names what it shows and two tabs can show two clusters.
 */
export const paths = {
  login: '/login',
  /** The fleet overview (or, with one cluster configured, that cluster's tenants). */
  home: '/',
  fleetHistory: '/fleet/history',
  /** The audit trail, over every signed-in cluster the user may read it of. */
  audit: '/audit',
  clusterPattern: '/clusters/:clusterId',
  /** The one-cluster console's paths: old links and bookmarks redirect to a signed-in cluster. */
  legacyBackups: '/backups',
  legacyHistory: '/history',
} as const;

const seg = (clusterId: string) => `/clusters/${encodeURIComponent(clusterId)}`;

/** The pages of one cluster. */
export const clusterPaths = {
  tenants: (clusterId: string) => seg(clusterId),
  backups: (clusterId: string) => `${seg(clusterId)}/backups`,
  history: (clusterId: string, search = '') => `${seg(clusterId)}/history${search}`,
  historyDetail: (clusterId: string, tenantId: number, jobId: number, search = '') =>
    `${seg(clusterId)}/history/${tenantId}/${jobId}${search}`,
  alerts: (clusterId: string, search = '') => `${seg(clusterId)}/alerts${search}`,
  policies: (clusterId: string, search = '') => `${seg(clusterId)}/policies${search}`,
  policyDetail: (clusterId: string, policyId: string) =>
    `${seg(clusterId)}/policies/${encodeURIComponent(policyId)}`,
};

/** Relative to a cluster's route (`/clusters/:clusterId`). */
export const clusterRoutes = {
  backups: 'backups',
  history: 'history/*',
  alerts: 'alerts',
  policies: 'policies',
  policyDetail: 'policies/:policyId',
  historyDetailPattern: '/clusters/:clusterId/history/:tenantId/:jobId',
} as const;

/** The cluster whose pages a path belongs to, or undefined for the fleet pages and the rest. */
export function clusterOfPath(pathname: string): string | undefined {
  const m = /^\/clusters\/([^/]+)/.exec(pathname);
  if (!m?.[1]) return undefined;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return undefined;
  }
}

export interface LoginTarget {
  /** The cluster to sign in to (preselected in the form). */
  cluster?: string;
  /** Where the user was: followed after the sign-in. */
  next?: string;
  /** The sign-in timed out, so the login page says so. */
  expired?: boolean;
}

/**
 * `/login?cluster=<id>&next=<where the user was>&ended=1`; `next` is only ever a same-origin
 * path.
 */
export function loginPath({ cluster, next, expired = false }: LoginTarget = {}): string {
  const sp = new URLSearchParams();
  if (cluster) sp.set('cluster', cluster);
  if (next && next !== paths.home && !next.startsWith(paths.login)) sp.set('next', next);
  if (expired) sp.set('ended', '1');
  const q = sp.toString();
  return q ? `${paths.login}?${q}` : paths.login;
}

/** Only relative, same-origin paths are followed after login (no open redirect). */
export function safeNext(next: string | null, fallback: string = paths.home): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
    return fallback;
  if (next.startsWith(paths.login)) return fallback;
  return next;
}

export interface CreatedRef {
  tenantId: number;
  jobId: number;
  tenantName: string;
}

/** The progress view, with the jobs just created highlighted: `?new=1002-5-mysql_tenant,…`. */
export function backupsPath(clusterId: string, created?: CreatedRef[]): string {
  const base = clusterPaths.backups(clusterId);
  if (!created?.length) return base;
  return `${base}?new=${created.map((j) => `${j.tenantId}-${j.jobId}-${j.tenantName}`).join(',')}`;
}

/** Tenant names are identifiers (no '-' or ','), so the list parses back unambiguously. */
export function parseCreated(v: string | null): CreatedRef[] {
  if (!v) return [];
  const out: CreatedRef[] = [];
  for (const part of v.split(',')) {
    const [id, job, name] = part.split('-');
    const tenantId = Number(id);
    const jobId = Number(job);
    if (Number.isInteger(tenantId) && Number.isInteger(jobId) && id && job) {
      out.push({ tenantId, jobId, tenantName: name || String(tenantId) });
    }
  }
  return out;
}

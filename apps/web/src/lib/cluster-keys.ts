/**
 * Every query of one cluster starts with ['clusters', clusterId, ...]: signing out of a cluster
 * or its 401 removes exactly that cluster's cache, and the 401 handler knows whose it was.
 */
export const clusterKey = (clusterId: string) => ['clusters', clusterId] as const;

/** The cluster a query key belongs to, when it is a cluster's. */
export function clusterOfKey(key: readonly unknown[]): string | undefined {
  return key[0] === 'clusters' && typeof key[1] === 'string' ? key[1] : undefined;
}

/** The feature word after the cluster: 'tenants', 'backups', 'history', 'session'. */
export function areaOfKey(key: readonly unknown[]): string | undefined {
  return clusterOfKey(key) !== undefined ? String(key[2]) : undefined;
}

import type { ClusterSummary, SessionInfo } from '@obconsole/contracts';

/**
 * The signed-in clusters whose audit trail this browser may read, as the BFF decides it
 * (apps/bff/src/middleware/audit-access.ts): every sys sign-in with ALTER SYSTEM; without one,
 * the first tenant administrator's cluster (its own tenant's events). Only for the link and the
 * cluster filter; a direct visit still asks the BFF, whose 403 is the answer.
 */
export function auditClusters(clusters: ClusterSummary[]): ClusterSummary[] {
  const may = (s: SessionInfo | null, sys: boolean) => s !== null && s.isSys === sys && s.canBackup;
  const sys = clusters.filter((c) => may(c.session, true));
  if (sys.length) return sys;
  const admin = clusters.find((c) => may(c.session, false));
  return admin ? [admin] : [];
}

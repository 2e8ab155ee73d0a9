import type { ClusterSummary, SessionInfo } from '@obconsole/contracts';

/**
 * Whether a sign-in may read the audit trail, as the BFF decides it: a sys account with ALTER
 * SYSTEM (its cluster's events) or a tenant administrator (its tenant's). Only for showing the
 * link; a direct visit still asks the BFF, whose 403 is the answer.
 */
export function mayReadAudit(session: SessionInfo | null): boolean {
  return session !== null && session.canBackup;
}

export function auditClusters(clusters: ClusterSummary[]): ClusterSummary[] {
  return clusters.filter((c) => mayReadAudit(c.session));
}

import type { AlertMessage } from './channels/types.js';
import type { AlertRule } from './rules.js';
import { messageId, type Transition } from './evaluate.js';

export interface ClusterRef {
  id: string;
  name: string;
}

/** Where the console shows an incident's subject: the job's detail, or the cluster's alerts. */
export type LinkBuilder = (
  clusterId: string,
  job: { tenantId: number; jobId: number } | null,
) => string | null;

export function messageOf(
  t: Transition,
  rule: AlertRule,
  cluster: ClusterRef,
  link: LinkBuilder,
  nowMs: number,
): AlertMessage {
  const c = t.incident.condition;
  const job = 'job' in c ? { tenantId: c.job.tenantId, jobId: c.job.jobId } : null;
  return {
    id: messageId(t),
    event: t.kind === 'open' ? 'opened' : t.kind === 'resolve' ? 'resolved' : 'reminder',
    sentAt: new Date(nowMs).toISOString(),
    cluster,
    tenant: t.incident.tenant,
    rule: { id: rule.id, name: rule.name, kind: rule.kind, severity: rule.severity },
    incident: {
      id: t.incident.id,
      openedAt: t.incident.openedAt,
      resolvedAt: t.incident.resolvedAt,
    },
    condition: c,
    resolution: t.kind === 'resolve' ? t.resolution : null,
    link: link(cluster.id, job),
  };
}

/** The link builder for PUBLIC_ORIGIN and the SPA's paths; null without an origin. */
export function consoleLinks(publicOrigin: string | undefined): LinkBuilder {
  return (clusterId, job) => {
    if (!publicOrigin) return null;
    const base = `${publicOrigin.replace(/\/$/, '')}/clusters/${encodeURIComponent(clusterId)}`;
    return job ? `${base}/history/${job.tenantId}/${job.jobId}` : `${base}/alerts`;
  };
}

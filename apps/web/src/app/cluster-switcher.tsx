import { Select } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ClusterSummary } from '@obconsole/contracts';
import { clusterOfPath, clusterPaths } from '../config/paths';
import { signedInClusters } from '../lib/session';

/** Which page of a cluster the path is, so that switching keeps the user on the same kind of page. */
function samePageOf(pathname: string, clusterId: string): string {
  const rest = pathname.replace(/^\/clusters\/[^/]+/, '');
  if (rest.startsWith('/backups')) return clusterPaths.backups(clusterId);
  if (rest.startsWith('/history')) return clusterPaths.history(clusterId);
  return clusterPaths.tenants(clusterId);
}

/**
 * The signed-in clusters, each with its user@tenant: picking one opens the same page of that
 * cluster (a job or filter of one cluster means nothing in another, so those are left behind).
 */
export function ClusterSwitcher({
  clusters,
  compact,
}: {
  clusters: ClusterSummary[];
  compact: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = clusterOfPath(pathname);
  const options = signedInClusters(clusters).map((c) => ({
    value: c.id,
    label: (
      <span translate="no">
        {c.name} · {c.session.user}@{c.session.tenant}
      </span>
    ),
    // What the closed select shows: the name only, the account stands beside it.
    short: <span translate="no">{c.name}</span>,
  }));
  return (
    <Select
      aria-label={t('clusters.switcher')}
      placeholder={t('clusters.label')}
      value={current && options.some((o) => o.value === current) ? current : undefined}
      options={options}
      optionRender={(o) => o.data.label}
      labelRender={(v) => options.find((o) => o.value === v.value)?.short ?? v.label}
      popupMatchSelectWidth={false}
      style={{ width: compact ? 140 : 220 }}
      onChange={(id: string) => void navigate(samePageOf(pathname, id))}
    />
  );
}

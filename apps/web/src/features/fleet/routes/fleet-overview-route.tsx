import { Flex, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ClusterSummary } from '@obconsole/contracts';
import { fleetQueries } from '../api';
import { FleetClusterSection } from '../components/fleet-cluster-section';
import { ErrorAlert } from '../../../components/error-alert';
import { PageLoading } from '../../../components/page-loading';
import { useNow } from '../../../lib/use-now';

/** Every signed-in cluster with its tenants' backup health at a glance. */
export function FleetOverviewRoute({ clusters }: { clusters: ClusterSummary[] }) {
  const { t } = useTranslation();
  const overview = useQuery(fleetQueries.overview());
  const now = useNow(30_000, true);
  // Ages count from the server's clock, moved on by the time since it answered.
  const serverNow = overview.data
    ? Date.parse(overview.data.serverTime) + Math.max(0, now - overview.dataUpdatedAt)
    : now;
  const tenantCount =
    overview.data?.clusters.reduce((n, c) => n + (c.state === 'ok' ? c.tenants.length : 0), 0) ?? 0;
  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={4}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          {t('fleet.heading')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('fleet.intro')}</Typography.Text>
        {overview.data && (
          <Typography.Text aria-live="polite">
            {t('fleet.summaryClusters', { count: overview.data.clusters.length })} ·{' '}
            {t('fleet.summaryTenants', { count: tenantCount })}
          </Typography.Text>
        )}
      </Flex>
      {overview.isPending ? (
        <PageLoading />
      ) : overview.isError && !overview.data ? (
        <ErrorAlert error={overview.error} onRetry={() => void overview.refetch()} />
      ) : overview.data.clusters.length === 0 ? (
        <Typography.Text>{t('fleet.notSignedInTitle')}</Typography.Text>
      ) : (
        overview.data.clusters.map((c) => (
          <FleetClusterSection
            key={c.clusterId}
            cluster={c}
            summary={clusters.find((s) => s.id === c.clusterId)}
            now={serverNow}
          />
        ))
      )}
    </Flex>
  );
}

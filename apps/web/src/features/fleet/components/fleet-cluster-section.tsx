import { Card, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ClusterSummary, FleetCluster } from '@obconsole/contracts';
import { ErrorAlert } from '../../../components/error-alert';
import { clusterPaths } from '../../../config/paths';
import { ApiError } from '../../../lib/http';
import { FleetTenantsTable } from './fleet-tenants-table';

/** One cluster of the fleet: its tenants' health, or why it could not be read. */
export function FleetClusterSection({
  cluster,
  summary,
  now,
}: {
  cluster: FleetCluster;
  /** The directory's entry: whose sign-in this is. */
  summary?: ClusterSummary;
  now: number;
}) {
  const { t } = useTranslation();
  const name = summary?.name ?? cluster.name;
  const headingId = `fleet-${cluster.clusterId}`;
  const account = summary?.session
    ? `${summary.session.user}@${summary.session.tenant}`
    : undefined;
  return (
    <section aria-labelledby={headingId}>
      <Card
        title={
          <Flex align="baseline" gap={12} wrap>
            <Typography.Title level={2} id={headingId} style={{ fontSize: 18, margin: 0 }}>
              <span translate="no">{name}</span>
            </Typography.Title>
            {account && (
              <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
                {t('fleet.signedInAs', { account })}
              </Typography.Text>
            )}
          </Flex>
        }
        extra={
          <Flex gap={16} wrap>
            <Link to={clusterPaths.tenants(cluster.clusterId)}>
              {t('fleet.openTenants', { cluster: name })}
            </Link>
            <Link to={clusterPaths.history(cluster.clusterId)}>
              {t('fleet.openHistory', { cluster: name })}
            </Link>
          </Flex>
        }
      >
        {cluster.state === 'ok' ? (
          <FleetTenantsTable
            clusterId={cluster.clusterId}
            clusterName={name}
            tenants={cluster.tenants}
            now={now}
          />
        ) : (
          <ErrorAlert
            title={t('fleet.unavailableTitle', { cluster: name })}
            // The BFF's code says it in the user's language; its English stays the fallback.
            error={new ApiError(503, cluster.code as never, cluster.message)}
          />
        )}
      </Card>
    </section>
  );
}

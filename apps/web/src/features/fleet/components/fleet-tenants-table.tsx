import { Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { FleetTenant, SuccessfulBackup } from '@obconsole/contracts';
import { clusterPaths } from '../../../config/paths';
import { formatTime } from '../../../lib/format';
import { enumLabel } from '../../../lib/server-text';
import { useAge } from '../../../lib/use-age';

function archiveColor(status: string | null): string | undefined {
  if (status === 'DOING') return 'success';
  if (status === 'PREPARE' || status === 'BEGINNING') return 'processing';
  if (status === null) return undefined;
  return 'warning';
}

function LastGood({ good, now }: { good: SuccessfulBackup | null; now: number }) {
  const { t } = useTranslation();
  const age = useAge();
  if (!good) return <Typography.Text type="warning">{t('fleet.never')}</Typography.Text>;
  const at = good.endTime ?? good.startTime;
  return (
    <Flex vertical gap={2}>
      <span style={{ whiteSpace: 'nowrap' }}>{formatTime(at)}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
        {age(at, now)}
      </Typography.Text>
    </Flex>
  );
}

/** One cluster's tenants and their backup health; every figure links to where it comes from. */
export function FleetTenantsTable({
  clusterId,
  clusterName,
  tenants,
  now,
}: {
  clusterId: string;
  clusterName: string;
  tenants: FleetTenant[];
  /** The server's clock, now: ages count from it. */
  now: number;
}) {
  const { t } = useTranslation();
  const history = (q: Record<string, string>) =>
    clusterPaths.history(clusterId, `?${new URLSearchParams(q).toString()}`);
  const columns: TableColumnsType<FleetTenant> = [
    {
      title: t('fleet.tenant'),
      key: 'tenant',
      render: (_: unknown, r) => (
        <Flex vertical gap={2}>
          <Link to={history({ tenant: r.name })}>
            <strong>{r.name}</strong>
            <span className="visually-hidden">
              {' '}
              ({t('fleet.openHistory', { cluster: clusterName })})
            </span>
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('tenants.id')} {r.tenantId} ·{' '}
            {r.mode === 'ORACLE' ? t('tenants.oracle') : t('tenants.mysql')}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('fleet.lastFull'),
      key: 'full',
      render: (_: unknown, r) => <LastGood good={r.lastSuccessfulFull} now={now} />,
    },
    {
      title: t('fleet.lastIncremental'),
      key: 'inc',
      render: (_: unknown, r) => <LastGood good={r.lastSuccessfulIncremental} now={now} />,
    },
    {
      title: t('fleet.running'),
      key: 'running',
      width: 130,
      render: (_: unknown, r) =>
        r.running > 0 ? (
          <Link to={clusterPaths.backups(clusterId)}>
            <Tag color="processing">{r.running}</Tag>
            <span className="visually-hidden">
              {t('fleet.openProgress', { cluster: clusterName })}
            </span>
          </Link>
        ) : (
          <Typography.Text type="secondary">0</Typography.Text>
        ),
    },
    {
      title: t('fleet.archive'),
      key: 'archive',
      width: 140,
      render: (_: unknown, r) => (
        <Tag color={archiveColor(r.archiveStatus)}>
          {enumLabel(t, 'archiveStatus', r.archiveStatus)}
        </Tag>
      ),
    },
    {
      title: t('fleet.failures'),
      key: 'failures',
      width: 140,
      render: (_: unknown, r) =>
        r.failuresLast7Days > 0 ? (
          <Link to={history({ tenant: r.name, status: 'FAILED' })}>
            <Typography.Text type="danger">
              {t('fleet.failuresCount', { count: r.failuresLast7Days })}
            </Typography.Text>
          </Link>
        ) : (
          <Typography.Text type="secondary">{t('fleet.noFailures')}</Typography.Text>
        ),
    },
  ];
  return (
    <Table<FleetTenant>
      rowKey={(r) => `${clusterId}:${r.tenantId}`}
      columns={columns}
      dataSource={tenants}
      size="middle"
      pagination={false}
      scroll={{ x: 900 }}
      locale={{ emptyText: t('fleet.noTenants') }}
    />
  );
}

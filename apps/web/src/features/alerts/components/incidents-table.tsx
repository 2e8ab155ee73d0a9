import { Flex, Radio, Table, Tag, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Incident } from '@obconsole/contracts';
import { alertQueries, type IncidentStateFilter } from '../api';
import { conditionText, incidentJob } from '../words';
import { SeverityTag } from './severity-tag';
import { ErrorAlert } from '../../../components/error-alert';
import { formatTime } from '../../../lib/format';
import { clusterPaths } from '../../../config/paths';

interface Props {
  clusterId: string;
  state: IncidentStateFilter;
  onState: (s: IncidentStateFilter) => void;
}

/** Open and resolved incidents, newest first, each with what happened and a link to its job. */
export function IncidentsTable({ clusterId, state, onState }: Props) {
  const { t } = useTranslation();
  const q = useQuery(alertQueries.incidents(clusterId, state));
  const columns: TableColumnsType<Incident> = [
    {
      title: t('alerts.incidents.severity'),
      key: 'severity',
      render: (_: unknown, i) => <SeverityTag severity={i.severity} />,
    },
    {
      title: t('alerts.incidents.rule'),
      key: 'rule',
      render: (_: unknown, i) => (
        <Flex vertical>
          <span translate="no">{i.ruleName}</span>
          <span>{t(`alerts.kinds.${i.kind}`)}</span>
        </Flex>
      ),
    },
    {
      title: t('alerts.incidents.tenant'),
      key: 'tenant',
      render: (_: unknown, i) =>
        i.tenant ? <span translate="no">{i.tenant.name}</span> : t('alerts.incidents.wholeCluster'),
    },
    {
      title: t('alerts.incidents.condition'),
      key: 'condition',
      width: 360,
      render: (_: unknown, i) => conditionText(t, i),
    },
    {
      title: t('alerts.incidents.opened'),
      key: 'opened',
      render: (_: unknown, i) => formatTime(i.openedAt),
    },
    {
      title: t('alerts.incidents.resolvedAt'),
      key: 'resolved',
      render: (_: unknown, i) =>
        i.resolvedAt ? (
          formatTime(i.resolvedAt)
        ) : (
          <Tag color="error">{t('alerts.incidents.stillOpen')}</Tag>
        ),
    },
    {
      title: t('alerts.incidents.job'),
      key: 'job',
      render: (_: unknown, i) => {
        const job = incidentJob(i);
        if (!job) return '—';
        return (
          <Link
            to={clusterPaths.historyDetail(clusterId, job.tenantId, job.jobId)}
            aria-label={t('alerts.incidents.openJobAria', {
              jobId: job.jobId,
              tenant: i.tenant?.name ?? job.tenantId,
            })}
          >
            {t('alerts.incidents.openJob', { jobId: job.jobId })}
          </Link>
        );
      },
    },
  ];
  const empty =
    state === 'open'
      ? t('alerts.incidents.emptyOpen')
      : state === 'resolved'
        ? t('alerts.incidents.emptyResolved')
        : t('alerts.incidents.emptyAll');
  return (
    <Flex vertical gap={12}>
      <Radio.Group
        aria-label={t('alerts.incidents.state')}
        optionType="button"
        value={state}
        onChange={(e) => onState(e.target.value as IncidentStateFilter)}
        options={[
          { value: 'open', label: t('alerts.incidents.open') },
          { value: 'resolved', label: t('alerts.incidents.resolved') },
          { value: 'all', label: t('alerts.incidents.all') },
        ]}
      />
      {q.isError && !q.data ? (
        <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<Incident>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={q.data?.incidents ?? []}
          loading={q.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: empty }}
        />
      )}
    </Flex>
  );
}

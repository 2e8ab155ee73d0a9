import { Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Policy } from '@obconsole/contracts';
import { scheduleInWords } from '../schedule-words';
import { RunSummary } from './run-outcomes';
import { formatTime } from '../../../lib/format';
import type { ReactNode } from 'react';

interface Props {
  policies: Policy[];
  loading: boolean;
  detailHref: (p: Policy) => string;
  /** A history link of a run's jobs. */
  runJobsHref: (p: Policy) => string | null;
  /** Present for accounts that may change policies. */
  actions?: (p: Policy) => ReactNode;
}

export function scopeText(t: (k: 'policies.allTenants') => string, p: Policy): ReactNode {
  return p.tenants === 'all' ? (
    t('policies.allTenants')
  ) : (
    <span translate="no">{p.tenants.join(', ')}</span>
  );
}

export function PolicyTable({ policies, loading, detailHref, runJobsHref, actions }: Props) {
  const { t, i18n } = useTranslation();
  const columns: TableColumnsType<Policy> = [
    {
      title: t('policies.name'),
      key: 'name',
      render: (_: unknown, p) => (
        <Link to={detailHref(p)} translate="no">
          {p.name}
        </Link>
      ),
    },
    { title: t('policies.scope'), key: 'scope', render: (_: unknown, p) => scopeText(t, p) },
    {
      title: t('policies.schedule'),
      key: 'schedule',
      width: 320,
      render: (_: unknown, p) => scheduleInWords(t, i18n.language, p),
    },
    {
      title: t('policies.nextRun'),
      key: 'next',
      render: (_: unknown, p) => {
        const n = p.nextRuns[0];
        if (!p.enabled)
          return <Typography.Text type="secondary">{t('policies.none')}</Typography.Text>;
        return n ? (
          <Flex vertical>
            <span>{formatTime(n.at)}</span>
            <Typography.Text type="secondary">{t(`type.${n.type}`)}</Typography.Text>
          </Flex>
        ) : (
          '—'
        );
      },
    },
    {
      title: t('policies.lastRun'),
      key: 'last',
      render: (_: unknown, p) => {
        const r = p.lastRun;
        if (!r) return <Typography.Text type="secondary">{t('policies.neverRan')}</Typography.Text>;
        const jobs = runJobsHref(p);
        return (
          <Flex vertical gap={2}>
            <span>
              {formatTime(r.slot)} · {t(`type.${r.type}`)}
            </span>
            <RunSummary run={r} />
            {jobs && <Link to={jobs}>{t('policies.lastRunJobs', { name: p.name })}</Link>}
          </Flex>
        );
      },
    },
    {
      title: t('policies.state'),
      key: 'state',
      render: (_: unknown, p) =>
        p.enabled ? (
          <Tag color="success">{t('policies.enabled')}</Tag>
        ) : (
          <Tag>{t('policies.pausedState')}</Tag>
        ),
    },
    ...(actions
      ? [
          {
            title: t('policies.actionsTitle'),
            key: 'actions',
            render: (_: unknown, p: Policy) => actions(p),
          },
        ]
      : []),
  ];
  return (
    <Table<Policy>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={policies}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('policies.empty') }}
    />
  );
}

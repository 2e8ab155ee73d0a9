import { useState } from 'react';
import {
  Button,
  Descriptions,
  Flex,
  Result,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { PolicyRun } from '@obconsole/contracts';
import { policyQueries } from '../api';
import { scheduleInWords } from '../schedule-words';
import { scopeText } from '../components/policy-table';
import { PolicyActions } from '../components/policy-actions';
import { PolicyForm } from '../components/policy-form';
import { NextRuns } from '../components/next-runs';
import { RunSummary, TenantOutcomes, type JobHref } from '../components/run-outcomes';
import { ErrorAlert } from '../../../components/error-alert';
import { PageLoading } from '../../../components/page-loading';
import { formatTime } from '../../../lib/format';
import { isApiError } from '../../../lib/http';
import { useClusterContext } from '../../../lib/session';

interface Props {
  policyId: string;
  unattended: boolean;
  tenantNames: string[];
  listHref: string;
  jobHref: JobHref;
}

function RunsTable({
  clusterId,
  policyId,
  jobHref,
}: {
  clusterId: string;
  policyId: string;
  jobHref: JobHref;
}) {
  const { t } = useTranslation();
  const runs = useInfiniteQuery(policyQueries.runs(clusterId, policyId));
  if (runs.isPending) return <PageLoading />;
  if (runs.isError && !runs.data)
    return <ErrorAlert error={runs.error} onRetry={() => void runs.refetch()} />;
  const items = runs.data.pages.flatMap((p) => p.runs);
  const columns: TableColumnsType<PolicyRun> = [
    {
      title: t('policies.runs.slot'),
      key: 'slot',
      width: 200,
      render: (_: unknown, r) => formatTime(r.slot),
    },
    {
      title: t('backup.type'),
      key: 'type',
      width: 90,
      render: (_: unknown, r) => t(`type.${r.type}`),
    },
    {
      title: t('policies.runs.trigger'),
      key: 'trigger',
      width: 110,
      render: (_: unknown, r) => t(`policies.runs.triggers.${r.trigger}`),
    },
    {
      title: t('policies.runs.summary'),
      key: 'summary',
      width: 180,
      render: (_: unknown, r) => <RunSummary run={r} />,
    },
    {
      title: t('policies.runs.tenants'),
      key: 'tenants',
      render: (_: unknown, r) => <TenantOutcomes run={r} jobHref={jobHref} />,
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Table<PolicyRun>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        pagination={false}
        loading={runs.isFetching && !runs.isFetchingNextPage}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('policies.runs.empty') }}
      />
      <Flex align="center" gap={12}>
        <Typography.Text type="secondary" role="status">
          {runs.hasNextPage
            ? t('policies.runs.shown', { count: items.length })
            : items.length > 0
              ? t('policies.runs.allShown')
              : null}
        </Typography.Text>
        {runs.hasNextPage && (
          <Button onClick={() => void runs.fetchNextPage()} loading={runs.isFetchingNextPage}>
            {t('policies.runs.loadMore')}
          </Button>
        )}
      </Flex>
      {runs.isFetchNextPageError && (
        <ErrorAlert error={runs.error} onRetry={() => void runs.fetchNextPage()} />
      )}
    </Flex>
  );
}

/** One policy: what it does and when, its next runs, and every run with each tenant's outcome. */
export function PolicyDetailRoute({ policyId, unattended, tenantNames, listHref, jobHref }: Props) {
  const { t, i18n } = useTranslation();
  const { clusterId, session } = useClusterContext();
  const navigate = useNavigate();
  const policy = useQuery(policyQueries.detail(clusterId, policyId));
  const [editing, setEditing] = useState(false);

  if (policy.isPending) return <PageLoading />;
  if (policy.isError) {
    if (isApiError(policy.error) && policy.error.status === 404)
      return (
        <Result
          status="404"
          title={<h1 style={{ margin: 0, font: 'inherit' }}>{t('policies.notFoundTitle')}</h1>}
          subTitle={t('policies.notFound')}
          extra={<Link to={listHref}>{t('policies.backToList')}</Link>}
        />
      );
    return <ErrorAlert error={policy.error} onRetry={() => void policy.refetch()} />;
  }
  const p = policy.data;
  return (
    <Flex vertical gap={16}>
      <Link to={listHref}>{t('policies.backToList')}</Link>
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          {t('policies.detailHeading')} <span translate="no">{p.name}</span>{' '}
          {p.enabled ? (
            <Tag color="success">{t('policies.enabled')}</Tag>
          ) : (
            <Tag>{t('policies.pausedState')}</Tag>
          )}
        </Typography.Title>
        {session.canBackup && (
          <PolicyActions
            size="middle"
            clusterId={clusterId}
            policy={p}
            unattended={unattended}
            onEdit={() => setEditing(true)}
            onDeleted={() => void navigate(listHref, { replace: true })}
          />
        )}
      </Flex>
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          {
            key: 'schedule',
            label: t('policies.schedule'),
            children: scheduleInWords(t, i18n.language, p),
          },
          { key: 'scope', label: t('policies.scope'), children: scopeText(t, p) },
          {
            key: 'crons',
            label: t('policies.cronLines'),
            children: (
              <span translate="no">
                <code>{p.full.cron}</code>
                {p.incremental && (
                  <>
                    {' / '}
                    <code>{p.incremental.cron}</code>
                  </>
                )}
              </span>
            ),
          },
          {
            key: 'zone',
            label: t('policies.timeZone'),
            children: <span translate="no">{p.timeZone}</span>,
          },
          {
            key: 'plus',
            label: t('backup.plusArchivelog'),
            children: p.plusArchivelog ? t('common.yes') : t('common.no'),
          },
          {
            key: 'enc',
            label: t('backup.stepEncryption'),
            children: p.encrypted ? t('policies.passwordSet') : t('policies.passwordNone'),
          },
          {
            key: 'catch',
            label: t('policies.catchUp'),
            children: t('policies.catchUpValue', { count: p.catchUpMinutes }),
          },
          {
            key: 'desc',
            label: t('backup.description'),
            children: p.description ? <span translate="no">{p.description}</span> : '—',
          },
          { key: 'updated', label: t('policies.updatedAt'), children: formatTime(p.updatedAt) },
        ]}
      />
      <section aria-labelledby="policy-next-title">
        <Typography.Title level={2} id="policy-next-title" style={{ fontSize: 18 }}>
          {t('policies.nextRuns')}
        </Typography.Title>
        {p.enabled ? (
          <NextRuns runs={p.nextRuns} timeZone={p.timeZone} />
        ) : (
          <Typography.Text type="secondary">{t('policies.pausedNoRuns')}</Typography.Text>
        )}
      </section>
      <section aria-labelledby="policy-runs-title">
        <Typography.Title level={2} id="policy-runs-title" style={{ fontSize: 18 }}>
          {t('policies.runs.title')}
        </Typography.Title>
        <RunsTable clusterId={clusterId} policyId={p.id} jobHref={jobHref} />
      </section>
      {editing && (
        <PolicyForm
          clusterId={clusterId}
          session={session}
          tenantNames={tenantNames}
          unattended={unattended}
          policy={p}
          onClose={() => setEditing(false)}
          onSaved={() => setEditing(false)}
        />
      )}
    </Flex>
  );
}

import type { ReactNode } from 'react';
import { Button, Flex, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { obError, type HistoryItem } from '@obconsole/contracts';
import { JobStatusTag } from '../../../components/job-status-tag';
import { StartedBy } from '../../../components/started-by';
import { formatBytes, formatDuration, formatTime } from '../../../lib/format';

interface Props<T extends HistoryItem> {
  items: T[];
  /** Jobs matching the filter over all pages. */
  total: number;
  /** What an empty list says: no match for the filters, or no backup at all yet. */
  emptyText: ReactNode;
  /** Present when the account may start backups: "retry" on a failed job. */
  onRetry?: (item: T) => void;
  /**
   * The fleet search: rows of several clusters get a first column naming theirs (a tenant id
   * can exist in two clusters, so the row key includes it too).
   */
  clusterOf?: (item: T) => { id: string; name: string };
  loading: boolean;
  order: 'desc' | 'asc';
  page: number;
  hasNext: boolean;
  detailHref: (item: T) => string;
  onOpen: (item: T) => void;
  onOrderChange: (order: 'desc' | 'asc') => void;
  onNext: () => void;
  onPrev: () => void;
}

export function HistoryTable<T extends HistoryItem>({
  items,
  total,
  emptyText,
  onRetry,
  clusterOf,
  loading,
  order,
  page,
  hasNext,
  detailHref,
  onOpen,
  onOrderChange,
  onNext,
  onPrev,
}: Props<T>) {
  const { t } = useTranslation();
  const { clusterId } = useParams();
  const columns: TableColumnsType<T> = [
    ...(clusterOf
      ? [
          {
            title: t('fleet.cluster'),
            key: 'cluster',
            width: 150,
            render: (_: unknown, r: T) => <span translate="no">{clusterOf(r).name}</span>,
          },
        ]
      : []),
    {
      title: t('history.job'),
      key: 'job',
      width: 90,
      render: (_: unknown, r) => (
        // The name comes from hidden text, not aria-label: a "Tenant" label search must not find it.
        <Link to={detailHref(r)} onClick={(e) => e.stopPropagation()}>
          <span aria-hidden>#{r.jobId}</span>
          <span className="visually-hidden">
            {t('history.openJob', { jobId: r.jobId, tenant: r.tenantName })}
          </span>
        </Link>
      ),
    },
    {
      title: t('history.tenant'),
      dataIndex: 'tenantName',
      key: 'tenant',
      render: (n: string) => <strong>{n}</strong>,
    },
    {
      title: t('history.type'),
      dataIndex: 'type',
      key: 'type',
      width: 110,
      render: (v: T['type']) => t(`type.${v}`),
    },
    {
      title: t('history.status'),
      key: 'status',
      width: 120,
      render: (_: unknown, r) => <JobStatusTag status={r.status} result={r.result} />,
    },
    {
      title: t('startedBy.column'),
      key: 'startedBy',
      width: 160,
      render: (_: unknown, r) => (
        <StartedBy value={r.startedBy} clusterId={clusterOf ? clusterOf(r).id : clusterId} />
      ),
    },
    {
      title: t('history.start'),
      dataIndex: 'startTime',
      key: 'startTime',
      width: 180,
      sorter: true,
      sortOrder: order === 'asc' ? 'ascend' : 'descend',
      sortDirections: ['descend', 'ascend', 'descend'],
      render: (v: string) => formatTime(v),
    },
    {
      title: t('history.end'),
      dataIndex: 'endTime',
      key: 'endTime',
      width: 180,
      render: (v: string | null) => formatTime(v),
    },
    {
      title: t('history.duration'),
      dataIndex: 'elapsedSeconds',
      key: 'duration',
      width: 110,
      render: (v: number | null) => formatDuration(v),
    },
    {
      title: t('history.size'),
      dataIndex: 'outputBytes',
      key: 'size',
      width: 110,
      render: (v: number | null) => formatBytes(v),
    },
    {
      title: t('history.backupSet'),
      dataIndex: 'backupSetId',
      key: 'set',
      width: 100,
      render: (v: number) => (v > 0 ? v : '—'),
    },
    {
      title: t('ocp.history.restorable'),
      dataIndex: 'minRestoreScnDisplay',
      key: 'restorable',
      width: 180,
      // OceanBase's own display text of the set's earliest restore point, as CDB_OB_BACKUP_SET_FILES shows it.
      render: (v: string | null, r) =>
        r.status === 'COMPLETED' && v ? v.replace(/\.\d+$/, '') : '—',
    },
    {
      title: t('history.result'),
      key: 'result',
      width: 200,
      render: (_: unknown, r) =>
        r.result === 0 ? (
          <Typography.Text type="secondary">0</Typography.Text>
        ) : (
          <Tag color={r.status === 'CANCELED' ? 'default' : 'error'}>
            {r.result} {obError(r.result)?.symbol ?? ''}
          </Tag>
        ),
    },
    ...(onRetry
      ? [
          {
            title: t('ocp.history.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, r: T) =>
              r.status === 'FAILED' ? (
                <Button
                  size="small"
                  aria-label={`${t('ocp.history.retry')}: ${t('ocp.history.retryOf', { jobId: r.jobId, tenant: r.tenantName })}`}
                  onClick={(e) => {
                    e.stopPropagation();
                    onRetry(r);
                  }}
                >
                  {t('ocp.history.retry')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={12}>
      <Typography.Text aria-live="polite">
        {t('ocp.history.total', { count: total })}
      </Typography.Text>
      <Table<T>
        rowKey={(r) => `${clusterOf ? `${clusterOf(r).id}:` : ''}${r.tenantId}-${r.jobId}`}
        columns={columns}
        dataSource={items}
        loading={loading}
        size="middle"
        scroll={{ x: 1560 }}
        pagination={false}
        locale={{ emptyText }}
        onChange={(_p, _f, sorter) => {
          const s = Array.isArray(sorter) ? sorter[0] : sorter;
          onOrderChange(s?.order === 'ascend' ? 'asc' : 'desc');
        }}
        onRow={(r) => ({ onClick: () => onOpen(r), style: { cursor: 'pointer' } })}
      />
      <Flex justify="flex-end" align="center" gap={12}>
        <Typography.Text type="secondary" aria-live="polite">
          {t('history.page', { page })}
        </Typography.Text>
        <Button onClick={onPrev} disabled={page <= 1}>
          {t('history.prevPage')}
        </Button>
        <Button onClick={onNext} disabled={!hasNext}>
          {t('history.nextPage')}
        </Button>
      </Flex>
    </Flex>
  );
}

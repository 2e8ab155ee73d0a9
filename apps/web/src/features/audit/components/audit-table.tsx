import { Button, Table, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '@obconsole/contracts';
import { OutcomeTag } from './outcome-tag';
import { formatTime } from '../../../lib/format';

interface Props {
  events: AuditEvent[];
  /** Display name of a cluster id; the column shows only when several clusters are readable. */
  clusterName?: (id: string) => string;
  loading: boolean;
  onOpen: (e: AuditEvent) => void;
}

export function AuditTable({ events, clusterName, loading, onOpen }: Props) {
  const { t } = useTranslation();
  const columns: TableColumnsType<AuditEvent> = [
    {
      title: t('audit.time'),
      key: 'time',
      width: 210,
      render: (_: unknown, e) => (
        // The row's way in, reachable by keyboard. Its name starts with the visible time (as
        // speech input users say it) and names the event for screen readers.
        <Button type="link" style={{ padding: 0, height: 'auto' }} onClick={() => onOpen(e)}>
          {formatTime(e.time)}
          <span className="visually-hidden"> {t('audit.open', { id: e.id })}</span>
        </Button>
      ),
    },
    ...(clusterName
      ? [
          {
            title: t('audit.cluster'),
            key: 'cluster',
            render: (_: unknown, e: AuditEvent) => (
              <span translate="no">{clusterName(e.clusterId)}</span>
            ),
          },
        ]
      : []),
    {
      title: t('audit.actor'),
      key: 'actor',
      render: (_: unknown, e) => <span translate="no">{e.actor}</span>,
    },
    {
      title: t('audit.action'),
      key: 'action',
      render: (_: unknown, e) => t(`audit.actions.${e.action}`),
    },
    {
      title: t('audit.tenants'),
      key: 'tenants',
      render: (_: unknown, e) =>
        e.tenants.length ? <span translate="no">{e.tenants.join(', ')}</span> : '—',
    },
    {
      title: t('audit.outcome'),
      key: 'outcome',
      render: (_: unknown, e) => (
        <>
          <OutcomeTag outcome={e.outcome} />
          {e.errorCode && (
            <Typography.Text code translate="no">
              {e.errorCode}
            </Typography.Text>
          )}
        </>
      ),
    },
  ];
  return (
    <Table<AuditEvent>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={events}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('audit.empty') }}
    />
  );
}

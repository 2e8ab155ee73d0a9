import { Flex, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Channel, Delivery } from '@obconsole/contracts';
import { alertQueries } from '../api';
import { isAllowListText } from '../field-errors';
import { ErrorAlert } from '../../../components/error-alert';
import { formatTime } from '../../../lib/format';

interface Props {
  clusterId: string;
  channels: Channel[];
  channelId: string | undefined;
  onChannel: (id: string | undefined) => void;
}

/** Every attempt to send a message, per channel: time, attempt, the receiver's status, the last error. */
export function DeliveriesTable({ clusterId, channels, channelId, onChannel }: Props) {
  const { t } = useTranslation();
  const q = useQuery(alertQueries.deliveries(clusterId, channelId));
  const nameOf = (id: string) => channels.find((c) => c.id === id)?.name ?? id;
  const columns: TableColumnsType<Delivery> = [
    {
      title: t('alerts.deliveries.time'),
      key: 'time',
      render: (_: unknown, d) => formatTime(d.at),
    },
    {
      title: t('alerts.deliveries.channel'),
      key: 'channel',
      render: (_: unknown, d) => <span translate="no">{nameOf(d.channelId)}</span>,
    },
    {
      title: t('alerts.deliveries.message'),
      key: 'message',
      render: (_: unknown, d) => (
        <code translate="no" style={{ wordBreak: 'break-all' }}>
          {d.messageId}
        </code>
      ),
    },
    { title: t('alerts.deliveries.attempt'), key: 'attempt', dataIndex: 'attempt' },
    {
      title: t('alerts.deliveries.status'),
      key: 'status',
      render: (_: unknown, d) => (
        <Flex gap={4} align="center">
          <Tag color={d.ok ? 'success' : 'error'}>
            {d.ok ? t('alerts.deliveries.delivered') : t('alerts.deliveries.failed')}
          </Tag>
          {d.status !== null && <code translate="no">{d.status}</code>}
        </Flex>
      ),
    },
    {
      title: t('alerts.deliveries.error'),
      key: 'error',
      width: 320,
      render: (_: unknown, d) =>
        d.error ? (
          <Flex vertical gap={2}>
            <code translate="no" style={{ wordBreak: 'break-all' }}>
              {d.error}
            </code>
            {isAllowListText(d.error) && (
              <Typography.Text type="secondary">{t('alerts.allowList')}</Typography.Text>
            )}
          </Flex>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center" wrap>
        <label htmlFor="alerts-deliveries-channel">{t('alerts.deliveries.channel')}</label>
        <Select
          id="alerts-deliveries-channel"
          style={{ minWidth: 240 }}
          value={channelId ?? ''}
          onChange={(v: string) => onChannel(v || undefined)}
          options={[
            { value: '', label: t('alerts.deliveries.allChannels') },
            ...channels.map((c) => ({ value: c.id, label: c.name })),
          ]}
        />
      </Flex>
      <Typography.Text type="secondary">{t('alerts.deliveries.note')}</Typography.Text>
      {q.isError && !q.data ? (
        <ErrorAlert error={q.error} onRetry={() => void q.refetch()} />
      ) : (
        <Table<Delivery>
          rowKey={(d) => `${d.messageId}-${d.attempt}-${d.at}`}
          size="middle"
          columns={columns}
          dataSource={q.data?.deliveries ?? []}
          loading={q.isPending}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('alerts.deliveries.empty') }}
        />
      )}
    </Flex>
  );
}

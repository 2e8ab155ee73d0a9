import { useState } from 'react';
import { Button, Flex, Popconfirm, Table, Tag, type TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AlertRule, Channel } from '@obconsole/contracts';
import { alertApi, alertKeys } from '../api';
import { ChannelTestResultDialog } from './channel-test-result';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { isApiError } from '../../../lib/http';
import { errorMessage, errorTitle } from '../../../components/error-text';

interface Props {
  clusterId: string;
  channels: Channel[];
  /** The cluster's rules: a channel some of them send to cannot be deleted. */
  rules: AlertRule[];
  loading: boolean;
  onEdit: (c: Channel) => void;
  onDeliveries: (c: Channel) => void;
}

export function ChannelsTable({
  clusterId,
  channels,
  rules,
  loading,
  onEdit,
  onDeliveries,
}: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [testing, setTesting] = useState<Channel | null>(null);
  const test = useMutation({
    mutationKey: alertKeys.change(clusterId, 'channel-test'),
    mutationFn: (c: Channel) => alertApi.testChannel(clusterId, c.id),
    // The dialog shows the outcome, whatever it is.
    meta: { errorHandled: true, invalidatesAll: false },
    onSettled: () => void qc.invalidateQueries({ queryKey: alertKeys.all(clusterId) }),
  });
  const remove = useMutation({
    mutationKey: alertKeys.change(clusterId, 'channel-delete'),
    mutationFn: (c: Channel) => alertApi.deleteChannel(clusterId, c.id),
    meta: { errorHandled: true, invalidatesAll: false },
    onSuccess: (_r, c) => {
      void qc.invalidateQueries({ queryKey: alertKeys.all(clusterId) });
      notifySuccess(t('alerts.channels.deleted', { name: c.name }));
    },
    onError: (e, c) => {
      // The BFF refuses a channel still in use; say which rules, as the rules list has them.
      const users = rules.filter((r) => r.channels.includes(c.id)).map((r) => r.name);
      if (isApiError(e) && e.code === 'VALIDATION_FAILED' && users.length)
        notifyError(
          t('alerts.channels.notDeleted', { name: c.name }),
          t('alerts.channels.inUse', { name: c.name, rules: users.join(', ') }),
        );
      else notifyError(errorTitle(t, e), errorMessage(t, e));
    },
  });

  const columns: TableColumnsType<Channel> = [
    {
      title: t('alerts.channels.name'),
      key: 'name',
      render: (_: unknown, c) => <span translate="no">{c.name}</span>,
    },
    {
      title: t('alerts.channels.kind'),
      key: 'kind',
      render: (_: unknown, c) => t(`alerts.channelKinds.${c.kind}`),
    },
    {
      title: t('alerts.channels.target'),
      key: 'target',
      render: (_: unknown, c) => (
        <code translate="no" style={{ wordBreak: 'break-all' }}>
          {c.kind === 'email' ? (c.to ?? []).join(', ') : (c.url ?? '—')}
        </code>
      ),
    },
    {
      title: t('alerts.channels.secret'),
      key: 'secret',
      render: (_: unknown, c) =>
        c.hasSecret ? (
          <Tag color="success">{t('alerts.channels.secretSet')}</Tag>
        ) : (
          t('alerts.channels.secretNone')
        ),
    },
    {
      title: t('alerts.channels.language'),
      key: 'language',
      render: (_: unknown, c) => t(`alerts.languages.${c.language}`),
    },
    {
      title: t('alerts.channels.actions'),
      key: 'actions',
      render: (_: unknown, c) => (
        <Flex gap={4} wrap>
          <Button
            size="small"
            onClick={() => {
              setTesting(c);
              test.mutate(c);
            }}
            aria-label={t('alerts.channels.testAria', { name: c.name })}
          >
            {t('alerts.channels.test')}
          </Button>
          <Button
            size="small"
            onClick={() => onDeliveries(c)}
            aria-label={t('alerts.channels.deliveriesAria', { name: c.name })}
          >
            {t('alerts.channels.deliveries')}
          </Button>
          <Button
            size="small"
            onClick={() => onEdit(c)}
            aria-label={t('alerts.channels.editAria', { name: c.name })}
          >
            {t('alerts.channels.edit')}
          </Button>
          <Popconfirm
            title={t('alerts.channels.deleteConfirm', { name: c.name })}
            okText={t('alerts.channels.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutate(c)}
          >
            <Button
              size="small"
              danger
              aria-label={t('alerts.channels.deleteAria', { name: c.name })}
            >
              {t('alerts.channels.delete')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    },
  ];
  return (
    <>
      <Table<Channel>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={channels}
        loading={loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('alerts.channels.empty') }}
      />
      {testing && (
        <ChannelTestResultDialog
          channel={testing}
          pending={test.isPending}
          result={test.data}
          error={test.error}
          onClose={() => {
            setTesting(null);
            test.reset();
          }}
        />
      )}
    </>
  );
}

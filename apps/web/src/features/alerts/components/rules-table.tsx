import { Button, Dropdown, Flex, Popconfirm, Table, Tag, type TableColumnsType } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { AlertRule, Channel } from '@obconsole/contracts';
import { alertApi, alertKeys } from '../api';
import { ruleText } from '../words';
import { SeverityTag } from './severity-tag';
import { formatTime } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';

interface Props {
  clusterId: string;
  rules: AlertRule[];
  channels: Channel[];
  loading: boolean;
  onEdit: (rule: AlertRule) => void;
}

const MUTE_HOURS = [1, 4, 24] as const;

/** Whether a rule is muted now (a past mutedUntil is no mute). */
export const isMuted = (r: AlertRule, now = Date.now()) =>
  r.mutedUntil !== null && Date.parse(r.mutedUntil) > now;

export function RulesTable({ clusterId, rules, channels, loading, onEdit }: Props) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const done = () => void qc.invalidateQueries({ queryKey: alertKeys.all(clusterId) });
  // Failures take the default toast (their code in the user's language).
  const mute = useMutation({
    mutationKey: alertKeys.change(clusterId, 'mute'),
    mutationFn: ({ rule, until }: { rule: AlertRule; until: string | null }) =>
      alertApi.updateRule(clusterId, rule.id, { mutedUntil: until }),
    meta: { invalidatesAll: false },
    onSuccess: (saved) => {
      done();
      notifySuccess(
        saved.mutedUntil
          ? t('alerts.rules.muted', { name: saved.name, until: formatTime(saved.mutedUntil) })
          : t('alerts.rules.unmuted', { name: saved.name }),
      );
    },
  });
  const remove = useMutation({
    mutationKey: alertKeys.change(clusterId, 'rule-delete'),
    mutationFn: (rule: AlertRule) => alertApi.deleteRule(clusterId, rule.id),
    meta: { invalidatesAll: false },
    onSuccess: (_r, rule) => {
      done();
      notifySuccess(t('alerts.rules.deleted', { name: rule.name }));
    },
  });
  const channelName = (id: string) => channels.find((c) => c.id === id)?.name;

  const columns: TableColumnsType<AlertRule> = [
    {
      title: t('alerts.rules.name'),
      key: 'name',
      render: (_: unknown, r) => <span translate="no">{r.name}</span>,
    },
    {
      title: t('alerts.rules.kind'),
      key: 'kind',
      width: 300,
      render: (_: unknown, r) => (
        <Flex vertical>
          <strong>{t(`alerts.kinds.${r.kind}`)}</strong>
          <span>{ruleText(t, r.kind, r.params)}</span>
        </Flex>
      ),
    },
    {
      title: t('alerts.rules.scope'),
      key: 'scope',
      render: (_: unknown, r) =>
        r.tenants === 'all' ? (
          t('alerts.rules.allTenants')
        ) : (
          <span translate="no">{r.tenants.join(', ')}</span>
        ),
    },
    {
      title: t('alerts.rules.channels'),
      key: 'channels',
      render: (_: unknown, r) =>
        r.channels.length === 0 ? (
          t('alerts.rules.noChannels')
        ) : (
          <Flex wrap gap={4}>
            {r.channels.map((id) => {
              const name = channelName(id);
              return name ? (
                <Tag key={id} translate="no">
                  {name}
                </Tag>
              ) : (
                <Tag key={id}>{t('alerts.rules.unknownChannel')}</Tag>
              );
            })}
          </Flex>
        ),
    },
    {
      title: t('alerts.rules.severity'),
      key: 'severity',
      render: (_: unknown, r) => <SeverityTag severity={r.severity} />,
    },
    {
      title: t('alerts.rules.enabled'),
      key: 'enabled',
      render: (_: unknown, r) => (r.enabled ? t('common.yes') : t('common.no')),
    },
    {
      title: t('alerts.rules.mutedUntil'),
      key: 'muted',
      render: (_: unknown, r) =>
        isMuted(r) ? formatTime(r.mutedUntil) : t('alerts.rules.notMuted'),
    },
    {
      title: t('alerts.rules.actions'),
      key: 'actions',
      render: (_: unknown, r) => (
        <Flex gap={4} wrap>
          <Button
            size="small"
            onClick={() => onEdit(r)}
            aria-label={t('alerts.rules.editAria', { name: r.name })}
          >
            {t('alerts.rules.edit')}
          </Button>
          {isMuted(r) ? (
            <Button
              size="small"
              loading={mute.isPending && mute.variables.rule.id === r.id}
              onClick={() => mute.mutate({ rule: r, until: null })}
              aria-label={t('alerts.rules.unmuteAria', { name: r.name })}
            >
              {t('alerts.rules.unmute')}
            </Button>
          ) : (
            <Dropdown
              trigger={['click']}
              menu={{
                items: MUTE_HOURS.map((h) => ({
                  key: String(h),
                  label:
                    h === 1
                      ? t('alerts.rules.muteForOne')
                      : t('alerts.rules.muteFor', { hours: h }),
                })),
                onClick: ({ key }) =>
                  mute.mutate({
                    rule: r,
                    until: dayjs().add(Number(key), 'hour').toISOString(),
                  }),
              }}
            >
              <Button size="small" aria-label={t('alerts.rules.muteAria', { name: r.name })}>
                {t('alerts.rules.mute')}
              </Button>
            </Dropdown>
          )}
          <Popconfirm
            title={t('alerts.rules.deleteConfirm', { name: r.name })}
            okText={t('alerts.rules.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutate(r)}
          >
            <Button size="small" danger aria-label={t('alerts.rules.deleteAria', { name: r.name })}>
              {t('alerts.rules.delete')}
            </Button>
          </Popconfirm>
        </Flex>
      ),
    },
  ];
  return (
    <Table<AlertRule>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rules}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('alerts.rules.empty') }}
    />
  );
}

import { useState } from 'react';
import { Alert, Button, Flex, Tabs, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AlertRule, Channel } from '@obconsole/contracts';
import { alertQueries, type IncidentStateFilter } from '../api';
import { IncidentsTable } from '../components/incidents-table';
import { RulesTable } from '../components/rules-table';
import { RuleForm } from '../components/rule-form';
import { ChannelsTable } from '../components/channels-table';
import { ChannelForm } from '../components/channel-form';
import { DeliveriesTable } from '../components/deliveries-table';
import { ErrorAlert } from '../../../components/error-alert';
import { useClusterId, useSession } from '../../../lib/session';

const TABS = ['incidents', 'rules', 'channels', 'deliveries'] as const;
type Tab = (typeof TABS)[number];
const STATES: IncidentStateFilter[] = ['open', 'resolved', 'all'];

/** The tab, the incidents' state and the deliveries' channel live in the URL (shareable). */
function useAlertsUrl(canChange: boolean) {
  const [sp, setSp] = useSearchParams();
  const rawTab = sp.get('tab') as Tab | null;
  const tab: Tab = canChange && rawTab && TABS.includes(rawTab) ? rawTab : 'incidents';
  const rawState = sp.get('state') as IncidentStateFilter | null;
  const state = rawState && STATES.includes(rawState) ? rawState : 'open';
  const channel = sp.get('channel') ?? undefined;
  const set = (patch: Record<string, string | undefined>) =>
    setSp(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch))
          if (v === undefined) next.delete(k);
          else next.set(k, v);
        return next;
      },
      { replace: true },
    );
  return { tab, state, channel, set };
}

type Editing<T> = { item?: T } | null;

/**
 * A cluster's alerts. Everyone signed in sees the incidents; an account that may change the
 * cluster (ALTER SYSTEM) also sees and edits rules and channels and reads the delivery log.
 * The BFF decides in the end: its 403 shows as a refusal wherever it comes.
 */
export function AlertsRoute({ tenantNames }: { tenantNames: string[] }) {
  const { t } = useTranslation();
  const clusterId = useClusterId();
  const session = useSession();
  // As the BFF decides (decision 014): changes need a sys account holding ALTER SYSTEM.
  const canChange = session.isSys && session.canBackup;
  const url = useAlertsUrl(canChange);
  const rules = useQuery({ ...alertQueries.rules(clusterId), enabled: canChange });
  const channels = useQuery({ ...alertQueries.channels(clusterId), enabled: canChange });
  const [rule, setRule] = useState<Editing<AlertRule>>(null);
  const [channel, setChannel] = useState<Editing<Channel>>(null);
  const channelList = channels.data?.channels ?? [];

  const items = [
    {
      key: 'incidents',
      label: t('alerts.tabs.incidents'),
      children: (
        <IncidentsTable
          clusterId={clusterId}
          state={url.state}
          onState={(s) => url.set({ state: s === 'open' ? undefined : s })}
        />
      ),
    },
    ...(canChange
      ? [
          {
            key: 'rules',
            label: t('alerts.tabs.rules'),
            children: (
              <Flex vertical gap={12}>
                <Flex>
                  <Button type="primary" onClick={() => setRule({})}>
                    {t('alerts.rules.add')}
                  </Button>
                </Flex>
                {rules.isError && !rules.data ? (
                  <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />
                ) : (
                  <RulesTable
                    clusterId={clusterId}
                    rules={rules.data?.rules ?? []}
                    channels={channelList}
                    loading={rules.isPending}
                    onEdit={(item) => setRule({ item })}
                  />
                )}
              </Flex>
            ),
          },
          {
            key: 'channels',
            label: t('alerts.tabs.channels'),
            children: (
              <Flex vertical gap={12}>
                <Flex>
                  <Button type="primary" onClick={() => setChannel({})}>
                    {t('alerts.channels.add')}
                  </Button>
                </Flex>
                {channels.isError && !channels.data ? (
                  <ErrorAlert error={channels.error} onRetry={() => void channels.refetch()} />
                ) : (
                  <ChannelsTable
                    clusterId={clusterId}
                    channels={channelList}
                    rules={rules.data?.rules ?? []}
                    loading={channels.isPending}
                    onEdit={(item) => setChannel({ item })}
                    onDeliveries={(c) => url.set({ tab: 'deliveries', channel: c.id })}
                  />
                )}
              </Flex>
            ),
          },
          {
            key: 'deliveries',
            label: t('alerts.tabs.deliveries'),
            children: (
              <DeliveriesTable
                clusterId={clusterId}
                channels={channelList}
                channelId={url.channel}
                onChannel={(id) => url.set({ channel: id })}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={4} style={{ maxWidth: 760 }}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          {t('alerts.heading')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('alerts.intro')}</Typography.Text>
      </Flex>
      {!canChange && <Alert type="info" showIcon title={t('alerts.readOnlyNote')} />}
      <Tabs
        activeKey={url.tab}
        onChange={(k) => url.set({ tab: k === 'incidents' ? undefined : k })}
        items={items}
        destroyOnHidden
      />
      {rule && (
        <RuleForm
          clusterId={clusterId}
          rule={rule.item}
          channels={channelList}
          tenantNames={tenantNames}
          onClose={() => setRule(null)}
        />
      )}
      {channel && (
        <ChannelForm
          clusterId={clusterId}
          channel={channel.item}
          onClose={() => setChannel(null)}
        />
      )}
    </Flex>
  );
}

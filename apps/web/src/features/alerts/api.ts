import { queryOptions } from '@tanstack/react-query';
import {
  clusterApi,
  type AlertRule,
  type Channel,
  type ChannelTestResult,
  type ChannelsResponse,
  type CreateChannelRequest,
  type CreateRuleRequest,
  type DeliveriesResponse,
  type IncidentsResponse,
  type RulesResponse,
  type UpdateChannelRequest,
  type UpdateRuleRequest,
} from '@obconsole/contracts';
import { http, toQueryString } from '../../lib/http';
import { clusterKey } from '../../lib/cluster-keys';

export type IncidentStateFilter = 'open' | 'resolved' | 'all';

export const alertKeys = {
  all: (clusterId: string) => [...clusterKey(clusterId), 'alerts'] as const,
  incidents: (clusterId: string, state: IncidentStateFilter) =>
    [...alertKeys.all(clusterId), 'incidents', state] as const,
  rules: (clusterId: string) => [...alertKeys.all(clusterId), 'rules'] as const,
  channels: (clusterId: string) => [...alertKeys.all(clusterId), 'channels'] as const,
  deliveries: (clusterId: string, channelId: string | undefined) =>
    [...alertKeys.all(clusterId), 'deliveries', channelId ?? null] as const,
  /** Mutations carry the cluster in their key, so a 401 is told which sign-in ended. */
  change: (clusterId: string, what: string) => [...alertKeys.all(clusterId), 'change', what],
};

export const alertQueries = {
  incidents: (clusterId: string, state: IncidentStateFilter) =>
    queryOptions({
      queryKey: alertKeys.incidents(clusterId, state),
      queryFn: ({ signal }) =>
        http.get<IncidentsResponse>(
          `${clusterApi(clusterId, 'alertIncidents')}${toQueryString({ state })}`,
          signal,
        ),
      // Incidents open within seconds of a failure: the page follows without a reload.
      refetchInterval: 5_000,
    }),
  rules: (clusterId: string) =>
    queryOptions({
      queryKey: alertKeys.rules(clusterId),
      queryFn: ({ signal }) => http.get<RulesResponse>(clusterApi(clusterId, 'alertRules'), signal),
    }),
  channels: (clusterId: string) =>
    queryOptions({
      queryKey: alertKeys.channels(clusterId),
      queryFn: ({ signal }) =>
        http.get<ChannelsResponse>(clusterApi(clusterId, 'alertChannels'), signal),
    }),
  deliveries: (clusterId: string, channelId: string | undefined) =>
    queryOptions({
      queryKey: alertKeys.deliveries(clusterId, channelId),
      queryFn: ({ signal }) =>
        http.get<DeliveriesResponse>(
          `${clusterApi(clusterId, 'alertDeliveries')}${toQueryString({ channelId })}`,
          signal,
        ),
      // Retries land over time (backoff): the log follows them while it is on screen.
      refetchInterval: 5_000,
    }),
};

export const alertApi = {
  createRule: (clusterId: string, body: CreateRuleRequest) =>
    http.post<AlertRule>(clusterApi(clusterId, 'alertRules'), body),
  updateRule: (clusterId: string, ruleId: string, body: UpdateRuleRequest) =>
    http.patch<AlertRule>(clusterApi(clusterId, 'alertRule', { ruleId }), body),
  deleteRule: (clusterId: string, ruleId: string) =>
    http.delete<void>(clusterApi(clusterId, 'alertRule', { ruleId })),
  createChannel: (clusterId: string, body: CreateChannelRequest) =>
    http.post<Channel>(clusterApi(clusterId, 'alertChannels'), body),
  updateChannel: (clusterId: string, channelId: string, body: UpdateChannelRequest) =>
    http.patch<Channel>(clusterApi(clusterId, 'alertChannel', { channelId }), body),
  deleteChannel: (clusterId: string, channelId: string) =>
    http.delete<void>(clusterApi(clusterId, 'alertChannel', { channelId })),
  testChannel: (clusterId: string, channelId: string) =>
    http.post<ChannelTestResult>(clusterApi(clusterId, 'alertChannelTest', { channelId }), {}),
};

import { Alert, Flex, Form, Select, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CLUSTER_ID_PATTERN, type FleetHistoryItem } from '@obconsole/contracts';
import { fleetCsvHref, historyQueries, type FleetHistoryFilters } from '../api';
import { useHistoryUrlState } from '../url-state';
import { HistoryFilters } from '../components/history-filters';
import { HistoryTable } from '../components/history-table';
import { ErrorAlert } from '../../../components/error-alert';
import { PageLoading } from '../../../components/page-loading';
import { clusterPaths } from '../../../config/paths';
import { ApiError } from '../../../lib/http';
import { errorText } from '../../../lib/server-text';

/** `?clusters=hz,sh`: which signed-in clusters to search; none means all of them. */
function parseClusters(sp: URLSearchParams, known: string[]): string[] {
  const v = sp.get('clusters');
  if (!v) return [];
  return [...new Set(v.split(','))].filter(
    (id) => CLUSTER_ID_PATTERN.test(id) && known.includes(id),
  );
}

interface Props {
  /** The signed-in clusters (id and display name), for the filter and the rows. */
  clusters: { id: string; name: string }[];
  /** Tenant names over those clusters, for the tenant filter. */
  tenantNames: string[];
}

/**
 * History searched across the signed-in clusters: the same filters as one cluster's, plus which
 * clusters; rows name their cluster and open in that cluster's history.
 */
export function FleetHistoryRoute({ clusters, tenantNames }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // A fleet cursor holds a position per cluster: longer than one cluster's.
  const url = useHistoryUrlState(4000);
  const [sp, setSp] = useSearchParams();
  const ids = clusters.map((c) => c.id);
  const chosen = parseClusters(sp, ids);
  const filters: FleetHistoryFilters = { ...url.filters, clusters: chosen };
  const list = useQuery(historyQueries.fleet(filters, url.cursor));
  const nameOf = (id: string) => clusters.find((c) => c.id === id)?.name ?? id;
  const detailHref = (r: FleetHistoryItem) =>
    clusterPaths.historyDetail(r.clusterId, r.tenantId, r.jobId);

  const setClusters = (next: string[]) =>
    setSp((prev) => {
      const p = new URLSearchParams(prev);
      if (next.length === 0 || next.length === ids.length) p.delete('clusters');
      else p.set('clusters', next.join(','));
      p.delete('c'); // another set of clusters: first page
      return p;
    });

  return (
    <Flex vertical gap={16}>
      <Flex vertical gap={4}>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          {t('fleet.historyHeading')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('fleet.historyIntro')}</Typography.Text>
      </Flex>
      <HistoryFilters
        filters={url.filters}
        tenantNames={tenantNames}
        csvHref={fleetCsvHref(filters)}
        onChange={url.setFilters}
        onClear={url.clearFilters}
        leadingActive={chosen.length > 0}
        leading={
          <Form.Item
            label={t('fleet.clustersFilter')}
            htmlFor="history-clusters"
            style={{ marginBottom: 0 }}
          >
            <Select<string[]>
              id="history-clusters"
              mode="multiple"
              allowClear
              placeholder={t('fleet.allClusters')}
              value={chosen}
              onChange={setClusters}
              options={clusters.map((c) => ({
                value: c.id,
                label: <span translate="no">{c.name}</span>,
              }))}
              style={{ minWidth: 240 }}
            />
          </Form.Item>
        }
      />
      {list.data?.unavailable.map((u) => (
        <Alert
          key={u.clusterId}
          type="warning"
          showIcon
          role="alert"
          title={t('fleet.notSearched', {
            cluster: nameOf(u.clusterId),
            message: errorText(t, new ApiError(503, u.code as never, u.message)),
          })}
        />
      ))}
      {list.isPending ? (
        <PageLoading />
      ) : list.isError && !list.data ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <HistoryTable<FleetHistoryItem>
          items={list.data.items}
          total={list.data.total}
          emptyText={t('history.empty')}
          clusterOf={(r) => ({ id: r.clusterId, name: nameOf(r.clusterId) })}
          loading={list.isPlaceholderData}
          order={url.filters.order}
          page={url.page}
          hasNext={Boolean(list.data.nextCursor) && !list.isPlaceholderData}
          detailHref={detailHref}
          onOpen={(r) => void navigate(detailHref(r))}
          onOrderChange={(order) => url.setFilters({ order })}
          onNext={() => list.data.nextCursor && url.nextPage(list.data.nextCursor)}
          onPrev={url.prevPage}
        />
      )}
    </Flex>
  );
}

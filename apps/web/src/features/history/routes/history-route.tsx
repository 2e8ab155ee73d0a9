import { Empty, Flex, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useMatch, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { HistoryItem } from '@obconsole/contracts';
import { csvHref, historyQueries } from '../api';
import { useHistoryUrlState } from '../url-state';
import { HistoryFilters } from '../components/history-filters';
import { HistoryTable } from '../components/history-table';
import { HistoryDetailDrawer } from '../components/history-detail';
import { ErrorAlert } from '../../../components/error-alert';
import { PageLoading } from '../../../components/page-loading';
import { clusterPaths, clusterRoutes } from '../../../config/paths';
import { useClusterId } from '../../../lib/session';

interface Props {
  /** Names for the tenant filter (the app passes the tenants it knows). */
  tenantNames: string[];
  /** Opens the start dialog with a failed job's options (composed by the app). */
  onRetry?: (item: HistoryItem) => void;
}

export function HistoryRoute({ tenantNames, onRetry }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const clusterId = useClusterId();
  const url = useHistoryUrlState();
  const open = useMatch(clusterRoutes.historyDetailPattern);
  const list = useQuery(historyQueries.list(clusterId, url.filters, url.cursor));
  const detailHref = (r: HistoryItem) =>
    clusterPaths.historyDetail(clusterId, r.tenantId, r.jobId, url.search);

  const f = url.filters;
  const filtered = Boolean(f.tenant || f.type || f.status || f.from || f.to);
  // A fresh cluster is not "nothing matches": it has no backup yet, and says what to do.
  const emptyText = filtered ? (
    t('history.empty')
  ) : (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={
        <Flex vertical gap={4}>
          <strong>{t('ocp.history.noBackupsTitle')}</strong>
          <span>{t('ocp.history.noBackups')}</span>
        </Flex>
      }
    />
  );

  const openTenant = Number(open?.params.tenantId);
  const openJob = Number(open?.params.jobId);

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
        {t('history.heading')}
      </Typography.Title>
      <HistoryFilters
        filters={url.filters}
        tenantNames={tenantNames}
        csvHref={csvHref(clusterId, url.filters)}
        onChange={url.setFilters}
        onClear={url.clearFilters}
      />
      {list.isPending ? (
        <PageLoading />
      ) : list.isError && !list.data ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <HistoryTable
          items={list.data.items}
          total={list.data.total}
          emptyText={emptyText}
          onRetry={onRetry}
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
      {open && Number.isInteger(openTenant) && Number.isInteger(openJob) && (
        <HistoryDetailDrawer
          key={`${openTenant}-${openJob}`}
          clusterId={clusterId}
          tenantId={openTenant}
          jobId={openJob}
          onClose={() => void navigate(clusterPaths.history(clusterId, url.search))}
        />
      )}
    </Flex>
  );
}

import { useState } from 'react';
import { Button, Flex, Result, Typography } from 'antd';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AuditEvent } from '@obconsole/contracts';
import { auditCsvHref, auditKeys, auditQueries, verifyChain } from '../api';
import { useAuditUrlState } from '../url-state';
import { AuditFilters } from '../components/audit-filters';
import { AuditTable } from '../components/audit-table';
import { AuditDetail } from '../components/audit-detail';
import { VerifyResult } from '../components/verify-result';
import { ErrorAlert } from '../../../components/error-alert';
import { PageLoading } from '../../../components/page-loading';
import { isApiError } from '../../../lib/http';

interface Props {
  /** The signed-in clusters whose audit trail this user may read (id and display name). */
  clusters: { id: string; name: string }[];
  /** Tenant names over those clusters, for the tenant filter. */
  tenantNames: string[];
}

const forbidden = (e: unknown) => isApiError(e) && e.status === 403 && e.code === 'FORBIDDEN';

function NotAllowed() {
  const { t } = useTranslation();
  return (
    <Result
      status="403"
      title={<h1 style={{ margin: 0, font: 'inherit' }}>{t('audit.notAllowedTitle')}</h1>}
      subTitle={t('audit.notAllowedText')}
    />
  );
}

/**
 * The audit trail: filters in the URL, newest first, "load more" by cursor, an event's detail,
 * the CSV of the same filters and a verification of the hash chain. Who may read what is the
 * BFF's decision: a 403 shows "not allowed" whatever this page guessed.
 */
export function AuditRoute({ clusters, tenantNames }: Props) {
  const { t } = useTranslation();
  const ids = clusters.map((c) => c.id);
  const { filters, setFilters, clearFilters } = useAuditUrlState(ids);
  const list = useInfiniteQuery(auditQueries.list(filters));
  const [open, setOpen] = useState<AuditEvent | null>(null);
  const verify = useMutation({
    mutationKey: auditKeys.verify(),
    mutationFn: () => verifyChain(filters.cluster),
    meta: { errorHandled: true, invalidatesAll: false },
  });
  const nameOf = (id: string) => clusters.find((c) => c.id === id)?.name ?? id;

  if (list.isError && forbidden(list.error)) return <NotAllowed />;

  const events = list.data?.pages.flatMap((p) => p.events) ?? [];
  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="flex-start" gap={12} wrap>
        <Flex vertical gap={4} style={{ maxWidth: 760 }}>
          <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
            {t('audit.heading')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('audit.intro')}</Typography.Text>
        </Flex>
        <Button onClick={() => verify.mutate()} loading={verify.isPending}>
          {verify.isPending ? t('audit.verify.running') : t('audit.verify.button')}
        </Button>
      </Flex>
      {verify.data && <VerifyResult result={verify.data} clusterName={nameOf} />}
      {verify.isError &&
        (forbidden(verify.error) ? (
          <NotAllowed />
        ) : (
          <ErrorAlert error={verify.error} onRetry={() => verify.mutate()} />
        ))}
      <AuditFilters
        filters={filters}
        clusters={clusters}
        tenantNames={tenantNames}
        csvHref={auditCsvHref(filters)}
        onChange={(patch) => {
          setFilters(patch);
          verify.reset();
        }}
        onClear={() => {
          clearFilters();
          verify.reset();
        }}
      />
      {list.isPending ? (
        <PageLoading />
      ) : list.isError && !list.data ? (
        <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <>
          <AuditTable
            events={events}
            clusterName={clusters.length > 1 ? nameOf : undefined}
            loading={list.isFetching && !list.isFetchingNextPage}
            onOpen={setOpen}
          />
          <Flex align="center" gap={12}>
            <Typography.Text type="secondary" role="status">
              {list.hasNextPage
                ? t('audit.shown', { count: events.length })
                : events.length > 0
                  ? t('audit.allShown')
                  : null}
            </Typography.Text>
            {list.hasNextPage && (
              <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                {t('audit.loadMore')}
              </Button>
            )}
          </Flex>
          {list.isFetchNextPageError && (
            <ErrorAlert error={list.error} onRetry={() => void list.fetchNextPage()} />
          )}
        </>
      )}
      <AuditDetail event={open} clusterName={nameOf} onClose={() => setOpen(null)} />
    </Flex>
  );
}

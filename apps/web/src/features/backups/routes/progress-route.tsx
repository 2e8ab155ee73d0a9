import { useMemo } from 'react';
import { Card, Empty, Flex, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { backupQueries } from '../api';
import { JobCard } from '../components/job-card';
import { RecentJobs } from '../components/recent-jobs';
import { ErrorAlert } from '../../../components/error-alert';
import { PageLoading } from '../../../components/page-loading';
import { formatTime } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import { useClusterId, useSession } from '../../../lib/session';
import { useStreamStatus } from '../../../stores/stream';
import { useDatabaseDown } from '../../../stores/database';
import { parseCreated } from '../../../config/paths';

export function ProgressRoute() {
  const { t } = useTranslation();
  const session = useSession();
  const clusterId = useClusterId();
  const stream = useStreamStatus();
  const [params] = useSearchParams();
  const created = useMemo(() => parseCreated(params.get('new')), [params]);
  // The event stream writes into this entry; while it is down, poll instead.
  const active = useQuery({
    ...backupQueries.active(clusterId),
    refetchInterval: stream === 'live' ? false : 10_000,
  });
  const jobs = (active.data?.jobs ?? []).filter((j) => j.level !== 'CLUSTER');
  const down = useDatabaseDown(clusterId);
  // Stale data does not count on: elapsed and time left stay as last reported.
  const now = useNow(1000, jobs.length > 0 && !down);
  const sinceUpdate =
    active.dataUpdatedAt && !down ? Math.max(0, (now - active.dataUpdatedAt) / 1000) : 0;

  const isNew = (tenantId: number, jobId: number) =>
    created.some((c) => c.tenantId === tenantId && c.jobId === jobId);
  const waiting = active.data
    ? created.filter(
        (c) =>
          !active.data.jobs.some((j) => j.tenantId === c.tenantId && j.jobId === c.jobId) &&
          !active.data.recent.some((r) => r.tenantId === c.tenantId && r.jobId === c.jobId),
      )
    : [];

  return (
    <Flex vertical gap={16}>
      <Flex align="baseline" gap={16} wrap>
        <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
          {t('progress.heading')}
        </Typography.Title>
        {active.data &&
          (down ? (
            <Tag color="warning">{t('stale.tag')}</Tag>
          ) : (
            <Typography.Text type="secondary">
              {t('progress.updated', { time: formatTime(active.data.updatedAt) })}
            </Typography.Text>
          ))}
      </Flex>
      {active.isPending ? (
        <PageLoading />
      ) : active.isError && !active.data ? (
        <ErrorAlert error={active.error} onRetry={() => void active.refetch()} />
      ) : (
        <>
          {jobs.length === 0 && waiting.length === 0 ? (
            <Card>
              <Empty description={t('progress.none')} />
            </Card>
          ) : (
            <Flex vertical gap={12}>
              {jobs.map((job) => (
                <JobCard
                  key={`${job.tenantId}-${job.jobId}`}
                  job={job}
                  secondsSinceUpdate={sinceUpdate}
                  canCancel={session.canBackup}
                  stale={down}
                  highlighted={isNew(job.tenantId, job.jobId)}
                />
              ))}
              {waiting.map((c) => (
                <Card key={`w-${c.tenantId}-${c.jobId}`} size="small">
                  <Typography.Text>
                    {t('progress.waiting', { jobId: c.jobId, tenant: c.tenantName })}
                  </Typography.Text>
                </Card>
              ))}
            </Flex>
          )}
          {active.data.recent.length > 0 && (
            <section aria-labelledby="recent-heading">
              <Typography.Title level={2} id="recent-heading" style={{ fontSize: 18 }}>
                {t('progress.recent')}
              </Typography.Title>
              <RecentJobs items={active.data.recent} />
            </section>
          )}
        </>
      )}
    </Flex>
  );
}

export default ProgressRoute;

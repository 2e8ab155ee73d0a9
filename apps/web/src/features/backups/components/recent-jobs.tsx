import { Flex, Tag, Typography } from 'antd';
import { BorderedList } from '../../../components/bordered-list';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { HistoryItem } from '@obconsole/contracts';
import { JobStatusTag } from '../../../components/job-status-tag';
import { explainFailure, outcomeOf } from '../../../lib/ob-result';
import { formatDuration, formatTime } from '../../../lib/format';
import { clusterPaths } from '../../../config/paths';
import { useClusterId } from '../../../lib/session';

/** Jobs that ended while this account was watching: the outcome, and a link to the full record. */
export function RecentJobs({ items }: { items: HistoryItem[] }) {
  const { t } = useTranslation();
  const clusterId = useClusterId();
  return (
    <BorderedList
      items={items}
      rowKey={(item) => `${item.tenantId}-${item.jobId}`}
      render={(item) => {
        const outcome = outcomeOf(item);
        const failure =
          outcome === 'failed' ? explainFailure(item.result, item.comment) : undefined;
        return (
          <Flex justify="space-between" align="center" gap={16}>
            <Flex vertical gap={2}>
              <Flex gap={8} align="center" wrap>
                <strong>{item.tenantName}</strong>
                <Tag>{t(`type.${item.type}`)}</Tag>
                <JobStatusTag status={item.status} result={item.result} />
                <Typography.Text type="secondary">
                  {formatTime(item.endTime)} · {formatDuration(item.elapsedSeconds)}
                </Typography.Text>
              </Flex>
              {outcome === 'canceled' && (
                <Typography.Text type="secondary">{t('history.outcome.canceled')}</Typography.Text>
              )}
              {failure && (
                <Typography.Text type="danger">
                  {failure.symbol
                    ? t('history.outcome.failed', {
                        symbol: failure.symbol,
                        code: failure.code,
                        message: failure.message ?? '',
                      })
                    : t('history.outcome.failedUnknown', { code: failure.code })}{' '}
                  {failure.hintKey ? t(`obHint.${failure.hintKey}`) : ''}
                </Typography.Text>
              )}
            </Flex>
            <Link
              to={clusterPaths.historyDetail(clusterId, item.tenantId, item.jobId)}
              style={{ whiteSpace: 'nowrap' }}
            >
              {t('progress.viewInHistory')}
              <span className="visually-hidden">
                {' '}
                ({item.tenantName}, {t('progress.job', { jobId: item.jobId })})
              </span>
            </Link>
          </Flex>
        );
      }}
    />
  );
}

import { LockOutlined } from '@ant-design/icons';
import { Card, Descriptions, Flex, Progress, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ActiveJob } from '@obconsole/contracts';
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatRate,
  formatTime,
} from '../../../lib/format';
import { barPercent, liveElapsed, visibleEta } from '../../../lib/progress';
import { CancelBackup } from './cancel-backup';

interface Props {
  job: ActiveJob;
  /** Seconds since this data arrived: elapsed and ETA move on between updates. */
  secondsSinceUpdate: number;
  canCancel: boolean;
  highlighted?: boolean;
  /** The database cannot be reached: figures are the last known, and stopping cannot work. */
  stale?: boolean;
}

/** ETA, or a placeholder while an estimate would mislead (see visibleEta). */
export function EtaText({
  job,
  secondsSinceUpdate,
}: {
  job: ActiveJob;
  secondsSinceUpdate: number;
}) {
  const { t } = useTranslation();
  const eta = visibleEta(job.progress, secondsSinceUpdate);
  return eta === null ? (
    <Typography.Text type="secondary">{t('progress.etaPending')}</Typography.Text>
  ) : (
    <span>{formatDuration(eta)}</span>
  );
}

export function JobCard({ job, secondsSinceUpdate, canCancel, highlighted, stale }: Props) {
  const { t } = useTranslation();
  const p = job.progress;
  const canceling = job.status === 'CANCELING';
  const titleId = `job-${job.tenantId}-${job.jobId}`;
  return (
    <Card
      role="region"
      aria-labelledby={titleId}
      size="small"
      style={highlighted ? { borderColor: '#006AFF', boxShadow: '0 0 0 1px #006AFF' } : undefined}
      title={
        <Flex gap={8} align="center" wrap>
          <span id={titleId} style={{ fontSize: 16 }}>
            {job.tenantName}
          </span>
          <Tag color="blue">{t(`type.${job.type}`)}</Tag>
          {job.encryptionMode !== 'NONE' ? (
            // Preset purple and cyan tags fail AA contrast (cyan in light, purple in dark: axe in
            // e2e/specs/screens.spec.ts); blue is the theme's checked colour, the lock tells it apart.
            <Tag color="blue" icon={<LockOutlined aria-hidden />}>
              {t('progress.encrypted')}
            </Tag>
          ) : (
            <Tag>{t('progress.notEncrypted')}</Tag>
          )}
          {job.plusArchivelog && <Tag>{t('progress.plusArchivelog')}</Tag>}
          <Typography.Text type="secondary" style={{ fontWeight: 400, fontSize: 12 }}>
            {t('progress.job', { jobId: job.jobId })}
          </Typography.Text>
        </Flex>
      }
      extra={
        canCancel ? (
          <CancelBackup job={job} canceling={canceling} disabled={stale} />
        ) : canceling ? (
          <Tag color="processing">{t('progress.canceling')}</Tag>
        ) : null
      }
    >
      <Flex vertical gap={12}>
        <Flex align="center" gap={12}>
          <Typography.Text strong style={{ minWidth: 220 }}>
            {job.phase ? t(`phase.${job.phase}`) : t(`status.${job.status}`)}
          </Typography.Text>
          <Progress
            style={{ flex: 1, margin: 0 }}
            percent={barPercent(p.percent)}
            // A stop in progress is not a failure (no red), and stale data does not animate.
            status={canceling || stale ? 'normal' : 'active'}
            aria-label={t('progress.progressOf', { tenant: job.tenantName })}
            format={(v) => `${(v ?? 0).toFixed(2)}%`}
          />
        </Flex>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, md: 3, lg: 4, xl: 4, xxl: 4 }}
          items={[
            {
              key: 'macro',
              label: t('progress.macroBlocks'),
              children: formatCount(p.macroBlocks.done, p.macroBlocks.total),
            },
            {
              key: 'tablets',
              label: t('progress.tablets'),
              children: formatCount(p.tablets.done, p.tablets.total),
            },
            {
              key: 'bytes',
              label: t('progress.bytes'),
              children: `${formatBytes(p.inputBytes)} / ${formatBytes(p.outputBytes)}`,
            },
            { key: 'rate', label: t('progress.rate'), children: formatRate(p.rateBytesPerSec) },
            {
              key: 'elapsed',
              label: t('progress.elapsed'),
              children: formatDuration(liveElapsed(p, secondsSinceUpdate)),
            },
            {
              key: 'eta',
              label: t('progress.eta'),
              // Stopping has no time left to estimate.
              children: canceling ? (
                '—'
              ) : (
                <EtaText job={job} secondsSinceUpdate={secondsSinceUpdate} />
              ),
            },
            {
              key: 'started',
              label: t('history.start'),
              span: 2,
              children: t('progress.started', {
                time: formatTime(job.startTime),
                by: job.initiator === 'SYS' ? t('progress.bySys') : t('progress.byTenant'),
              }),
            },
          ]}
        />
        {job.description && <Typography.Text type="secondary">{job.description}</Typography.Text>}
      </Flex>
    </Card>
  );
}

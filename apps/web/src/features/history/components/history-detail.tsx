import { Descriptions, Drawer, Empty, Flex, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { obError, type BackupTask, type HistoryDetail } from '@obconsole/contracts';
import { historyQueries } from '../api';
import { JobOutcome } from './job-outcome';
import { ErrorAlert } from '../../../components/error-alert';
import { JobStatusTag } from '../../../components/job-status-tag';
import { StartedBy } from '../../../components/started-by';
import { PageLoading } from '../../../components/page-loading';
import { enumLabel } from '../../../lib/server-text';
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatRate,
  formatTime,
} from '../../../lib/format';

export function DetailBody({ detail, clusterId }: { detail: HistoryDetail; clusterId?: string }) {
  const { t, i18n } = useTranslation();
  const j = detail.job;
  const set = detail.backupSet;
  const info = j.result !== 0 ? obError(j.result) : undefined;
  const taskColumns: TableColumnsType<BackupTask> = [
    { title: t('history.task.id'), dataIndex: 'taskId', key: 'id', width: 70 },
    {
      title: t('history.task.status'),
      dataIndex: 'status',
      key: 'status',
      render: (s: BackupTask['status']) => t(`phase.${s}`),
    },
    {
      title: t('history.task.tablets'),
      key: 'tablets',
      render: (_: unknown, r) => formatCount(r.finishTabletCount, r.tabletCount),
    },
    {
      title: t('history.task.macroBlocks'),
      key: 'macro',
      render: (_: unknown, r) => formatCount(r.finishMacroBlockCount, r.macroBlockCount),
    },
    {
      title: t('history.task.bytes'),
      key: 'bytes',
      render: (_: unknown, r) => `${formatBytes(r.inputBytes)} / ${formatBytes(r.outputBytes)}`,
    },
    {
      title: t('history.task.rate'),
      key: 'rate',
      render: (_: unknown, r) => formatRate(r.outputRateBytes),
    },
    { title: t('history.task.files'), dataIndex: 'fileCount', key: 'files', width: 70 },
    {
      title: t('history.fields.result'),
      key: 'result',
      render: (_: unknown, r) =>
        r.result === 0 ? '0' : `${r.result} ${obError(r.result)?.symbol ?? ''}`,
    },
  ];

  return (
    <Flex vertical gap={16}>
      <JobOutcome job={j} />
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          {
            key: 'tenant',
            label: t('history.fields.tenant'),
            children: `${j.tenantName} (${j.tenantId})`,
          },
          { key: 'job', label: t('history.fields.jobId'), children: j.jobId },
          { key: 'set', label: t('history.fields.backupSetId'), children: j.backupSetId },
          {
            key: 'level',
            label: t('history.fields.level'),
            children: enumLabel(t, 'jobLevel', j.level),
          },
          { key: 'type', label: t('history.fields.type'), children: t(`type.${j.type}`) },
          {
            key: 'status',
            label: t('history.fields.status'),
            children: <JobStatusTag status={j.status} result={j.result} />,
          },
          {
            key: 'initiator',
            label: t('history.fields.initiator'),
            children:
              j.initiator === 'SYS' ? t('history.initiatorSys') : t('history.initiatorTenant'),
          },
          {
            key: 'startedBy',
            label: t('startedBy.column'),
            children: <StartedBy value={j.startedBy} clusterId={clusterId} />,
          },
          {
            key: 'plus',
            label: t('history.fields.plusArchivelog'),
            children: j.plusArchivelog ? t('common.yes') : t('common.no'),
          },
          {
            key: 'enc',
            label: t('history.fields.encryption'),
            children: enumLabel(t, 'encryption', j.encryptionMode),
          },
          {
            key: 'desc',
            label: t('history.fields.description'),
            // The operator's own words: never machine-translated, whatever the page language.
            children: j.description ? <span translate="no">{j.description}</span> : '—',
          },
          { key: 'start', label: t('history.fields.start'), children: formatTime(j.startTime) },
          { key: 'end', label: t('history.fields.end'), children: formatTime(j.endTime) },
          {
            key: 'duration',
            label: t('history.fields.duration'),
            children: formatDuration(j.elapsedSeconds),
          },
          { key: 'size', label: t('history.fields.size'), children: formatBytes(j.outputBytes) },
          {
            key: 'path',
            label: t('history.fields.path'),
            children: j.path ? (
              <Typography.Text code copyable>
                {j.path}
              </Typography.Text>
            ) : (
              '—'
            ),
          },
          {
            key: 'result',
            label: t('history.fields.result'),
            // OceanBase's own message is English: shown in English, the symbol alone otherwise.
            children: info
              ? `${j.result} ${info.symbol}${i18n.language === 'en' ? ` — ${info.message}` : ''}`
              : String(j.result),
          },
          {
            key: 'comment',
            label: t('history.fields.comment'),
            children: j.comment ? (
              <Typography.Text code style={{ wordBreak: 'break-all' }}>
                {j.comment}
              </Typography.Text>
            ) : (
              '—'
            ),
          },
        ]}
      />
      <section aria-labelledby="detail-tasks">
        <Typography.Title level={5} id="detail-tasks">
          {t('history.tasks')}
        </Typography.Title>
        <Table<BackupTask>
          rowKey="taskId"
          size="small"
          columns={taskColumns}
          dataSource={detail.tasks}
          pagination={false}
          // No horizontal scroll: the cells wrap and the drawer is wide enough for them all.
          locale={{ emptyText: t('history.noTasks') }}
        />
      </section>
      <section aria-labelledby="detail-set">
        <Typography.Title level={5} id="detail-set">
          {t('history.set')}
        </Typography.Title>
        {set ? (
          <Descriptions
            bordered
            size="small"
            column={1}
            items={[
              { key: 'id', label: t('history.setFields.id'), children: set.backupSetId },
              {
                key: 'status',
                label: t('history.setFields.status'),
                children: enumLabel(t, 'setStatus', set.status),
              },
              {
                key: 'file',
                label: t('history.setFields.fileStatus'),
                children: enumLabel(t, 'fileStatus', set.fileStatus),
              },
              {
                key: 'prevFull',
                label: t('history.setFields.prevFull'),
                children: set.prevFullBackupSetId || '—',
              },
              {
                key: 'prevInc',
                label: t('history.setFields.prevInc'),
                children: set.prevIncBackupSetId || '—',
              },
              {
                key: 'in',
                label: t('history.setFields.input'),
                children: formatBytes(set.inputBytes),
              },
              {
                key: 'out',
                label: t('history.setFields.output'),
                children: formatBytes(set.outputBytes),
              },
              {
                key: 'dur',
                label: t('history.fields.duration'),
                children: formatDuration(set.elapsedSeconds),
              },
              {
                key: 'enc',
                label: t('history.fields.encryption'),
                children: enumLabel(t, 'encryption', set.encryptionMode),
              },
              {
                key: 'scn',
                label: t('history.setFields.minRestore'),
                children: set.minRestoreScnDisplay ?? '—',
              },
              {
                key: 'compat',
                label: t('history.setFields.compatible'),
                children: set.tenantCompatible,
              },
              {
                key: 'ver',
                label: t('history.setFields.clusterVersion'),
                children: set.clusterVersion,
              },
              {
                key: 'path',
                label: t('history.fields.path'),
                children: (
                  <Typography.Text code copyable>
                    {set.path}
                  </Typography.Text>
                ),
              },
            ]}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('history.noSet')} />
        )}
      </section>
    </Flex>
  );
}

interface Props {
  clusterId: string;
  tenantId: number;
  jobId: number;
  onClose: () => void;
}

/** The job named in the URL (/clusters/:clusterId/history/:tenantId/:jobId), over the list. */
export function HistoryDetailDrawer({ clusterId, tenantId, jobId, onClose }: Props) {
  const { t } = useTranslation();
  const detail = useQuery(historyQueries.detail(clusterId, tenantId, jobId));
  const title = detail.data
    ? t('history.detailTitle', { jobId, tenant: detail.data.job.tenantName })
    : t('history.detailTitle', { jobId, tenant: tenantId });
  return (
    <Drawer open title={title} size={840} onClose={onClose} destroyOnHidden>
      {detail.isPending ? (
        <PageLoading />
      ) : detail.isError && !detail.data ? (
        <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} />
      ) : (
        <DetailBody detail={detail.data} clusterId={clusterId} />
      )}
    </Drawer>
  );
}

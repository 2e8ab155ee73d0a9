import { Flex, Progress, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ActiveJob, BackupSummary, Tenant } from '@obconsole/contracts';
import { JobStatusTag } from '../../../components/job-status-tag';
import { enumLabel } from '../../../lib/server-text';
import { formatTime } from '../../../lib/format';
import { barPercent } from '../../../lib/progress';

function LatestBackup({ summary }: { summary: BackupSummary | null }) {
  const { t } = useTranslation();
  if (!summary) return <Typography.Text type="secondary">{t('common.never')}</Typography.Text>;
  return (
    <Flex vertical gap={2} align="flex-start">
      <span style={{ whiteSpace: 'nowrap' }}>
        {formatTime(summary.endTime ?? summary.startTime)}
      </span>
      <JobStatusTag status={summary.status} />
    </Flex>
  );
}

function RunningBackup({ job, tenant }: { job: ActiveJob | null; tenant: string }) {
  const { t } = useTranslation();
  if (!job) return <Typography.Text type="secondary">{t('tenants.notRunning')}</Typography.Text>;
  const percent = barPercent(job.progress.percent);
  return (
    <Flex vertical gap={0} style={{ minWidth: 140 }}>
      <Typography.Text style={{ fontSize: 12 }}>
        {t(`type.${job.type}`)} · {job.phase ? t(`phase.${job.phase}`) : t(`status.${job.status}`)}
      </Typography.Text>
      <Progress
        percent={percent}
        size="small"
        status="active"
        aria-label={t('progress.progressOf', { tenant })}
        format={(p) => `${(p ?? 0).toFixed(1)}%`}
      />
    </Flex>
  );
}

function archiveColor(status: string | null): string | undefined {
  if (status === 'DOING') return 'success';
  if (status === 'PREPARE' || status === 'BEGINNING') return 'processing';
  if (status === null) return undefined;
  return 'warning';
}

interface Props {
  tenants: Tenant[];
  /** Live running jobs by tenant id; null while the live data is not known yet. */
  running: Map<number, ActiveJob> | null;
  selectable: boolean;
  selected: string[];
  onSelect: (names: string[]) => void;
}

export function TenantsTable({ tenants, running, selectable, selected, onSelect }: Props) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Tenant> = [
    {
      title: t('tenants.name'),
      dataIndex: 'name',
      key: 'name',
      fixed: 'left',
      width: 160,
      // The id sits under the name rather than in a column of its own, so that the whole
      // table, running backups included, fits 1280 px without scrolling sideways.
      render: (n: string, r) => (
        <Flex vertical gap={0}>
          <strong>{n}</strong>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('tenants.id')} {r.tenantId}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('tenants.mode'),
      dataIndex: 'mode',
      key: 'mode',
      width: 90,
      render: (m: Tenant['mode']) =>
        m === 'ORACLE' ? (
          <Tag color="orange">{t('tenants.oracle')}</Tag>
        ) : (
          <Tag color="blue">{t('tenants.mysql')}</Tag>
        ),
    },
    {
      title: t('tenants.status'),
      dataIndex: 'status',
      key: 'status',
      width: 100,
      render: (s: string) => (
        <Tag color={s === 'NORMAL' ? 'success' : 'warning'}>{enumLabel(t, 'tenantStatus', s)}</Tag>
      ),
    },
    {
      title: t('tenants.archive'),
      key: 'archive',
      width: 120,
      render: (_: unknown, r) => (
        <Flex vertical gap={2} align="flex-start">
          <Tag color={archiveColor(r.archiveStatus)}>
            {enumLabel(t, 'archiveStatus', r.archiveStatus)}
          </Tag>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {enumLabel(t, 'logMode', r.logMode)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('tenants.destination'),
      key: 'dest',
      width: 180,
      ellipsis: true,
      render: (_: unknown, r) =>
        r.dataBackupDest.set && r.dataBackupDest.path ? (
          <Typography.Text code title={r.dataBackupDest.path}>
            {r.dataBackupDest.path}
          </Typography.Text>
        ) : (
          <Typography.Text type="warning">{t('common.notSet')}</Typography.Text>
        ),
    },
    {
      title: t('tenants.latestFull'),
      key: 'full',
      width: 150,
      render: (_: unknown, r) => <LatestBackup summary={r.latestFull} />,
    },
    {
      title: t('tenants.latestInc'),
      key: 'inc',
      width: 150,
      render: (_: unknown, r) => <LatestBackup summary={r.latestIncremental} />,
    },
    {
      title: t('tenants.running'),
      key: 'running',
      width: 200,
      render: (_: unknown, r) => (
        <RunningBackup
          job={running ? (running.get(r.tenantId) ?? null) : r.running}
          tenant={r.name}
        />
      ),
    },
  ];

  return (
    <Table<Tenant>
      rowKey="name"
      columns={columns}
      dataSource={tenants}
      size="middle"
      scroll={{ x: 1150 }}
      pagination={tenants.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      locale={{ emptyText: t('tenants.empty') }}
      rowSelection={
        selectable
          ? {
              selectedRowKeys: selected,
              onChange: (keys) => onSelect(keys.map(String)),
              getCheckboxProps: (r) => ({ 'aria-label': t('tenants.selectRow', { name: r.name }) }),
              columnTitle: undefined,
            }
          : undefined
      }
    />
  );
}

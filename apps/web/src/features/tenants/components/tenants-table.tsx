import { Button, Flex, Progress, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ActiveJob, Tenant } from '@obconsole/contracts';
import { enumLabel } from '../../../lib/server-text';
import { barPercent } from '../../../lib/progress';
import { useNow } from '../../../lib/use-now';
import { LastSuccessful, Readiness } from './backup-cells';

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
  /** Present when the account may back up: the row's own "back up now". */
  onBackUpNow?: (name: string) => void;
}

export function TenantsTable({
  tenants,
  running,
  selectable,
  selected,
  onSelect,
  onBackUpNow,
}: Props) {
  const { t } = useTranslation();
  // Ages move on while the page is open; a minute is their finest unit.
  const now = useNow(60_000);
  const columns: TableColumnsType<Tenant> = [
    {
      title: t('tenants.name'),
      dataIndex: 'name',
      key: 'name',
      width: 170,
      // Id and mode sit under the name, status beside the archive, and "back up now" beside
      // readiness: the whole table fits 1280 px without scrolling sideways.
      render: (n: string, r) => (
        <Flex vertical gap={2} align="flex-start">
          <strong>{n}</strong>
          <Flex gap={4} align="center">
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('tenants.id')} {r.tenantId}
            </Typography.Text>
            {r.mode === 'ORACLE' ? (
              <Tag>{t('tenants.oracle')}</Tag>
            ) : (
              <Tag color="blue">{t('tenants.mysql')}</Tag>
            )}
          </Flex>
        </Flex>
      ),
    },
    {
      title: `${t('tenants.status')} / ${t('tenants.archive')}`,
      key: 'archive',
      width: 140,
      render: (_: unknown, r) => (
        <Flex vertical gap={2} align="flex-start">
          <Tag color={r.status === 'NORMAL' ? 'success' : 'warning'}>
            {enumLabel(t, 'tenantStatus', r.status)}
          </Tag>
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
      // The whole path, wrapped, with a copy button: paths are what operators paste elsewhere.
      render: (_: unknown, r) =>
        r.dataBackupDest.set && r.dataBackupDest.path ? (
          <Typography.Text
            code
            style={{ wordBreak: 'break-all' }}
            copyable={{ text: r.dataBackupDest.path, tooltips: [t('ocp.tenants.copyPath')] }}
          >
            {r.dataBackupDest.path}
          </Typography.Text>
        ) : (
          <Typography.Text type="warning">{t('common.notSet')}</Typography.Text>
        ),
    },
    {
      title: t('ocp.tenants.lastFull'),
      key: 'full',
      width: 175,
      render: (_: unknown, r) => (
        <LastSuccessful good={r.lastSuccessfulFull} latest={r.latestFull} now={now} />
      ),
    },
    {
      title: t('ocp.tenants.lastInc'),
      key: 'inc',
      width: 175,
      render: (_: unknown, r) => (
        <LastSuccessful good={r.lastSuccessfulIncremental} latest={r.latestIncremental} now={now} />
      ),
    },
    {
      title: t('ocp.tenants.readiness'),
      key: 'ready',
      width: 170,
      render: (_: unknown, r) => (
        <Flex vertical gap={6} align="flex-start">
          <Readiness tenant={r} now={now} />
          {onBackUpNow && (
            <Button
              size="small"
              aria-label={t('ocp.tenants.backUpNowOf', { name: r.name })}
              disabled={!r.eligible.full.ok}
              onClick={() => onBackUpNow(r.name)}
            >
              {t('ocp.tenants.backUpNow')}
            </Button>
          )}
        </Flex>
      ),
    },
    {
      title: t('tenants.running'),
      key: 'running',
      width: 160,
      render: (_: unknown, r) => (
        <RunningBackup
          job={running ? (running.get(r.tenantId) ?? null) : r.running}
          tenant={r.name}
        />
      ),
    },
  ];

  // A plain scrolling box rather than antd's scroll.x: that one adds a hidden measuring row
  // holding a second, focusable "select all" checkbox (axe: aria-hidden-focus).
  return (
    <div style={{ overflowX: 'auto' }}>
      <Table<Tenant>
        rowKey="name"
        columns={columns}
        dataSource={tenants}
        size="middle"
        style={{ minWidth: 1190 }}
        pagination={tenants.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: t('tenants.empty') }}
        rowSelection={
          selectable
            ? {
                selectedRowKeys: selected,
                onChange: (keys) => onSelect(keys.map(String)),
                getCheckboxProps: (r) => ({
                  'aria-label': t('tenants.selectRow', { name: r.name }),
                }),
                columnTitle: undefined,
              }
            : undefined
        }
      />
    </div>
  );
}

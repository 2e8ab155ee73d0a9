import { Flex, Tag, Tooltip, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { BackupSummary, SuccessfulBackup, Tenant } from '@obconsole/contracts';
import { formatBytes, formatTime } from '../../../lib/format';
import { useAge } from '../../../lib/use-age';

/** A tenant whose newest successful backup is older than this gets a warning in its row. */
export const STALE_AFTER_DAYS = 7;
const DAY_MS = 86_400_000;

function endOf(b: { endTime: string | null; startTime: string }): number {
  return Date.parse(b.endTime ?? b.startTime);
}

/** The last good backup of a type; a newer attempt that did not complete is named under it. */
export function LastSuccessful({
  good,
  latest,
  now,
}: {
  good: SuccessfulBackup | null;
  latest: BackupSummary | null;
  now: number;
}) {
  const { t } = useTranslation();
  const age = useAge();
  const failedSince = latest && latest.status !== 'COMPLETED' && latest.jobId !== good?.jobId;
  return (
    <Flex vertical gap={2} align="flex-start">
      {good ? (
        <>
          <span style={{ whiteSpace: 'nowrap' }}>{formatTime(good.endTime ?? good.startTime)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {age(good.endTime ?? good.startTime, now)} ·{' '}
            {t('ocp.tenants.set', { id: good.backupSetId })} · {formatBytes(good.outputBytes)}
          </Typography.Text>
        </>
      ) : (
        <Typography.Text type="secondary">{t('ocp.tenants.neverBackedUp')}</Typography.Text>
      )}
      {failedSince && (
        <Tag color={latest.status === 'FAILED' ? 'error' : 'default'}>
          {t('ocp.tenants.lastAttempt', { status: t(`status.${latest.status}`) })}
        </Tag>
      )}
    </Flex>
  );
}

/** Whether a full backup could start now and whether the tenant is overdue, before any dialog. */
export function Readiness({ tenant, now }: { tenant: Tenant; now: number }) {
  const { t } = useTranslation();
  const ok = tenant.eligible.full.ok;
  const newest = [tenant.lastSuccessfulFull, tenant.lastSuccessfulIncremental]
    .filter((b): b is SuccessfulBackup => b !== null)
    .map(endOf)
    .reduce((a, b) => Math.max(a, b), Number.NEGATIVE_INFINITY);
  const days = Math.floor((now - newest) / DAY_MS);
  const warning = !tenant.lastSuccessfulFull
    ? t('ocp.tenants.neverWarning')
    : days >= STALE_AFTER_DAYS
      ? t('ocp.tenants.staleWarning', { days })
      : null;
  return (
    <Flex vertical gap={4} align="flex-start">
      {ok ? (
        <Tag color="success">{t('ocp.tenants.ready')}</Tag>
      ) : (
        <Tooltip title={tenant.eligible.full.message}>
          <Tag color="warning">{t('ocp.tenants.notReady')}</Tag>
        </Tooltip>
      )}
      {!ok && tenant.eligible.full.message && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {tenant.eligible.full.message}
        </Typography.Text>
      )}
      {warning && (
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          <WarningOutlined aria-hidden /> {warning}
        </Typography.Text>
      )}
    </Flex>
  );
}

import { useEffect } from 'react';
import { Flex, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { BackupType } from '@obconsole/contracts';
import { tenantQueries } from '../api';
import { TenantsTable } from '../components/tenants-table';
import { BackupActions } from '../components/backup-actions';
import { ErrorAlert } from '../../../components/error-alert';
import { PageLoading } from '../../../components/page-loading';
import { activeJobsQuery, runningByTenant } from '../../../lib/live-backups';
import { useClusterId, useSession } from '../../../lib/session';
import { useSelectedTenants, useSetSelectedTenants } from '../../../stores/selection';
import { markTenantsShown } from '../../../lib/timing';

interface Props {
  /**
   * Opens the start-backup dialog (composed by the app, owned by the backups feature): for the
   * selection, or for the one tenant whose row asked.
   */
  onStartBackup: (type: BackupType, tenants?: string[]) => void;
}

export function TenantsRoute({ onStartBackup }: Props) {
  const { t } = useTranslation();
  const session = useSession();
  const clusterId = useClusterId();
  const tenants = useQuery(tenantQueries.list(clusterId));
  // Same cache entry the event stream writes into: the bars move live.
  const live = useQuery(activeJobsQuery(clusterId));
  const selected = useSelectedTenants();
  const setSelected = useSetSelectedTenants();

  // Drop selections of tenants that are gone.
  const list = tenants.data?.tenants;
  useEffect(() => {
    if (list) markTenantsShown();
  }, [list]);
  useEffect(() => {
    if (!list) return;
    const kept = selected.filter((n) => list.some((x) => x.name === n));
    if (kept.length !== selected.length) setSelected(kept);
  }, [list, selected, setSelected]);

  return (
    <Flex vertical gap={16}>
      <Typography.Title level={1} style={{ fontSize: 24, margin: 0 }}>
        {t('tenants.heading')}
      </Typography.Title>
      <BackupActions
        session={session}
        selectedCount={session.isSys ? selected.length : 0}
        onStartBackup={(type) => onStartBackup(type)}
      />
      {tenants.isPending ? (
        <PageLoading />
      ) : tenants.isError && !tenants.data ? (
        <ErrorAlert error={tenants.error} onRetry={() => void tenants.refetch()} />
      ) : (
        <TenantsTable
          tenants={tenants.data.tenants}
          running={live.isSuccess ? runningByTenant(live.data) : null}
          selectable={session.canBackup && session.isSys}
          selected={selected}
          onSelect={setSelected}
          onBackUpNow={
            session.canBackup
              ? (name) => onStartBackup('full', session.isSys ? [name] : [])
              : undefined
          }
        />
      )}
    </Flex>
  );
}

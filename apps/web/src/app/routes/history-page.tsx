import { lazy, Suspense, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { HistoryItem, StartBackupResponse } from '@obconsole/contracts';
import { HistoryRoute } from '../../features/history/routes/history-route';
import { tenantQueries } from '../../features/tenants/api';
import { useClusterId, useSession } from '../../lib/session';
import { notifySuccess } from '../../lib/notify';
import { backupsPath } from '../../config/paths';
import { uuid } from '../../lib/uuid';

const StartBackupDialog = lazy(
  () => import('../../features/backups/components/start-backup-dialog'),
);

/**
 * History, with the tenant filter offering the tenants this session can see, and "retry" on a
 * failed job: a new backup with the same options, through the normal start dialog.
 */
export default function HistoryPage() {
  const { t } = useTranslation();
  const session = useSession();
  const clusterId = useClusterId();
  const navigate = useNavigate();
  const tenants = useQuery(tenantQueries.list(clusterId));
  const [retry, setRetry] = useState<{ item: HistoryItem; id: string } | null>(null);

  const onStarted = (res: StartBackupResponse) => {
    setRetry(null);
    notifySuccess(t('backup.started', { count: res.jobs.length }));
    void navigate(
      backupsPath(
        clusterId,
        res.jobs.filter((j) => j.level !== 'CLUSTER'),
      ),
    );
  };

  return (
    <>
      <HistoryRoute
        tenantNames={tenants.data?.tenants.map((x) => x.name) ?? []}
        onRetry={session.canBackup ? (item) => setRetry({ item, id: uuid() }) : undefined}
      />
      {retry && (
        <Suspense fallback={null}>
          <StartBackupDialog
            key={retry.id}
            session={session}
            initialType={retry.item.type}
            selectedTenants={session.isSys ? [retry.item.tenantName] : []}
            initialOptions={{
              plusArchivelog: retry.item.plusArchivelog,
              description: retry.item.description,
            }}
            onClose={() => setRetry(null)}
            onStarted={onStarted}
          />
        </Suspense>
      )}
    </>
  );
}

import { lazy, Suspense, useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { BackupType, StartBackupResponse } from '@obconsole/contracts';
import { TenantsRoute } from '../../features/tenants/routes/tenants-route';
import { useClusterId, useSession } from '../../lib/session';
import { notifySuccess } from '../../lib/notify';
import { useSelectedTenants } from '../../stores/selection';
import { backupsPath } from '../../config/paths';
import { uuid } from '../../lib/uuid';
import { checkText } from '../../lib/server-text';

// The dialog (steps, preview, SQL) loads on first use, not with the tenants screen.
const StartBackupDialog = lazy(
  () => import('../../features/backups/components/start-backup-dialog'),
);

/** The tenants screen and the start-backup dialog: two features meet here, in the app. */
export default function TenantsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const clusterId = useClusterId();
  const selected = useSelectedTenants();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<{
    type: BackupType;
    id: string;
    /** A row's "back up now" names its tenant; otherwise the selection applies. */
    tenants?: string[];
  } | null>(null);

  const onStarted = (res: StartBackupResponse) => {
    setDialog(null);
    // "All tenants" also creates the sys tenant's cluster-level coordinator job: count tenants.
    const tenantJobs = res.jobs.filter((j) => j.level !== 'CLUSTER');
    notifySuccess(
      t('backup.started', { count: tenantJobs.length }),
      res.skipped
        .map((s) =>
          t('backup.skipped', {
            name: s.tenantName,
            message: checkText(t, { ...s, ok: false }),
          }),
        )
        .join('\n') || undefined,
    );
    void navigate(backupsPath(clusterId, tenantJobs));
  };

  return (
    <>
      <TenantsRoute onStartBackup={(type, tenants) => setDialog({ type, id: uuid(), tenants })} />
      {dialog && (
        <Suspense fallback={null}>
          <StartBackupDialog
            key={dialog.id}
            session={session}
            initialType={dialog.type}
            selectedTenants={dialog.tenants ?? (session.isSys ? selected : [])}
            onClose={() => setDialog(null)}
            onStarted={onStarted}
          />
        </Suspense>
      )}
    </>
  );
}

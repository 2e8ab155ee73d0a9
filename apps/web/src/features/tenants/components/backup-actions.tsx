import { Alert, Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BackupType, SessionInfo } from '@obconsole/contracts';
import { useDatabaseDown } from '../../../stores/database';
import { useClusterId } from '../../../lib/session';

interface Props {
  session: SessionInfo;
  selectedCount: number;
  onStartBackup: (type: BackupType) => void;
}

/** The two primary actions, or why there are none. */
export function BackupActions({ session, selectedCount, onStartBackup }: Props) {
  const { t } = useTranslation();
  // Nothing can start while the database cannot be reached (the page's banner says why).
  const down = useDatabaseDown(useClusterId());
  if (!session.canBackup) {
    return (
      <Alert
        type="info"
        role="note"
        showIcon
        title={t('tenants.readOnlyTitle')}
        description={t('tenants.readOnly', { user: session.user, tenant: session.tenant })}
      />
    );
  }
  const scope = !session.isSys
    ? t('tenants.scopeOwn', { name: session.tenant })
    : selectedCount > 0
      ? t('tenants.scopeSelected', { count: selectedCount })
      : t('tenants.scopeAll');
  return (
    <Flex align="center" gap={12} wrap>
      <Button type="primary" disabled={down} onClick={() => onStartBackup('full')}>
        {t('tenants.fullBackup')}
      </Button>
      <Button type="primary" disabled={down} onClick={() => onStartBackup('incremental')}>
        {t('tenants.incBackup')}
      </Button>
      <Typography.Text type="secondary" aria-live="polite">
        {down ? t('stale.actionsOff') : scope}
      </Typography.Text>
    </Flex>
  );
}

import { Alert } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { activeJobsQuery } from '../lib/live-backups';
import { formatRelative, formatTime } from '../lib/format';
import { useNow } from '../lib/use-now';
import { useDatabaseDown } from '../stores/database';

/**
 * On every signed-in screen, at the top of the content: the database cannot be reached, what is
 * shown is the last data and how old it is, and why actions are off. Once, not per widget.
 */
export function StaleBanner({ clusterId }: { clusterId: string }) {
  const { t } = useTranslation();
  const down = useDatabaseDown(clusterId);
  // The last moment live data arrived: the event stream writes into this entry.
  const active = useQuery({ ...activeJobsQuery(clusterId), enabled: false });
  const now = useNow(10_000, down);
  if (!down) return null;
  const at = active.data?.updatedAt;
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={t('stale.title')}
      description={
        at
          ? t('stale.text', { time: formatTime(at), ago: formatRelative(at, now) })
          : t('errors.hint.DATABASE_UNAVAILABLE')
      }
    />
  );
}

import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PlannedRun } from '@obconsole/contracts';
import { formatTime } from '../../../lib/format';

/** Planned runs in the policy's own zone, with the reader's local time beside each. */
export function NextRuns({ runs, timeZone }: { runs: PlannedRun[]; timeZone: string }) {
  const { t } = useTranslation();
  if (runs.length === 0)
    return <Typography.Text type="secondary">{t('policies.noNextRun')}</Typography.Text>;
  return (
    <ol style={{ margin: 0, paddingInlineStart: 20 }}>
      {runs.map((r) => (
        <li key={r.at}>
          <span translate="no">
            {r.local} {timeZone}
          </span>{' '}
          <Tag>{t(`type.${r.type}`)}</Tag>
          <Typography.Text type="secondary">
            {t('policies.yourTime', { time: formatTime(r.at) })}
          </Typography.Text>
        </li>
      ))}
    </ol>
  );
}

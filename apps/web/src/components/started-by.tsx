import { Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { StartedBy as StartedByValue } from '@obconsole/contracts';
import { clusterPaths } from '../config/paths';

/** Who started a job: the person's account, a link to the policy, or "outside the console". */
export function StartedBy({ value, clusterId }: { value: StartedByValue; clusterId?: string }) {
  const { t } = useTranslation();
  switch (value.kind) {
    case 'person':
      return <span translate="no">{value.actor}</span>;
    case 'policy': {
      const label = t('startedBy.policy', { name: value.policy });
      return clusterId ? (
        <Link
          to={clusterPaths.policies(clusterId, `?name=${encodeURIComponent(value.policy)}`)}
          onClick={(e) => e.stopPropagation()}
        >
          {label}
        </Link>
      ) : (
        <span>{label}</span>
      );
    }
    case 'outside':
      return (
        <Typography.Text type="secondary" title={t('startedBy.outsideHelp')}>
          {t('startedBy.outside')}
        </Typography.Text>
      );
  }
}

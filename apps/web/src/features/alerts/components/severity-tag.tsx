import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AlertRule } from '@obconsole/contracts';

const colors = { critical: 'error', warning: 'warning', info: 'default' } as const;

export function SeverityTag({ severity }: { severity: AlertRule['severity'] }) {
  const { t } = useTranslation();
  return <Tag color={colors[severity]}>{t(`alerts.severity.${severity}`)}</Tag>;
}

import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditOutcome } from '@obconsole/contracts';

const COLOR: Record<AuditOutcome, string> = {
  success: 'success',
  failure: 'error',
  refused: 'warning',
};

export function OutcomeTag({ outcome }: { outcome: AuditOutcome }) {
  const { t } = useTranslation();
  return <Tag color={COLOR[outcome]}>{t(`audit.outcomes.${outcome}`)}</Tag>;
}

import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { JobStatus } from '@obconsole/contracts';
import { outcomeOf } from '../lib/ob-result';

const colors = {
  completed: 'success',
  failed: 'error',
  canceled: 'default',
  running: 'processing',
} as const;

/** A job's STATUS in words; a cancelled job is grey, never red. */
export function JobStatusTag({ status, result }: { status: JobStatus; result?: number }) {
  const { t } = useTranslation();
  return <Tag color={colors[outcomeOf({ status, result })]}>{t(`status.${status}`)}</Tag>;
}

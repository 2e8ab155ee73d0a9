import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HistoryItem } from '@obconsole/contracts';
import { explainFailure, outcomeOf } from '../../../lib/ob-result';

/** RESULT and COMMENT in words: success, cancelled on request, or what failed and what to do. */
export function JobOutcome({ job }: { job: Pick<HistoryItem, 'status' | 'result' | 'comment'> }) {
  const { t } = useTranslation();
  const outcome = outcomeOf(job);
  if (outcome === 'completed')
    return <Alert type="success" role="note" showIcon title={t('history.outcome.completed')} />;
  if (outcome === 'running')
    return <Alert type="info" role="note" showIcon title={t('history.outcome.running')} />;
  if (outcome === 'canceled')
    return <Alert type="info" role="note" showIcon title={t('history.outcome.canceled')} />;

  const f = explainFailure(job.result, job.comment);
  const title = f.symbol
    ? t('history.outcome.failed', { symbol: f.symbol, code: f.code, message: f.message ?? '' })
    : t('history.outcome.failedUnknown', { code: f.code });
  const where = f.where;
  const module = [where.module, where.lsId ? `ls ${where.lsId}` : undefined]
    .filter(Boolean)
    .join(', ');
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={
        <>
          <div>
            {t('history.outcome.whatToDo', {
              hint: f.hintKey ? t(`obHint.${f.hintKey}`) : t('history.outcome.defaultHint'),
            })}
          </div>
          {where.source && (
            <div>
              {t('history.outcome.where', {
                source: where.source === 'SERVER' ? 'OBServer' : 'RootService',
                addr: where.addr ?? '',
                module: module ? ` (${module})` : '',
              })}
              {where.traceId ? ` trace_id: ${where.traceId}` : ''}
            </div>
          )}
        </>
      }
    />
  );
}

import type { TFunction } from 'i18next';
import type { AlertRule, Incident } from '@obconsole/contracts';
import { formatDuration, formatTime } from '../../lib/format';
import { enumLabel } from '../../lib/server-text';
import { explainFailure } from '../../lib/ob-result';

type Params = AlertRule['params'];

const typeWord = (t: TFunction, type: unknown, lower = false) =>
  type === 'full' || type === 'incremental'
    ? t(lower ? `alerts.ruleType.${type}` : `alerts.backupType.${type}`)
    : undefined;

/** A rule's condition with its parameter, as one sentence ("A backup job runs longer than 30 minutes."). */
export function ruleText(t: TFunction, kind: AlertRule['kind'], params: Params): string {
  const type = typeWord(t, params.type, true);
  switch (kind) {
    case 'backup_failed':
      return type
        ? t('alerts.ruleText.backup_failed_type', { type })
        : t('alerts.ruleText.backup_failed');
    case 'backup_canceled':
      return type
        ? t('alerts.ruleText.backup_canceled_type', { type })
        : t('alerts.ruleText.backup_canceled');
    case 'backup_slow':
      return type
        ? t('alerts.ruleText.backup_slow_type', { type, minutes: params.minutes ?? '?' })
        : t('alerts.ruleText.backup_slow', { minutes: params.minutes ?? '?' });
    case 'no_success':
      return params.hours !== undefined
        ? t('alerts.ruleText.no_success_hours', { hours: params.hours })
        : t('alerts.ruleText.no_success_days', { days: params.days ?? '?' });
    case 'archive_not_doing':
      return t('alerts.ruleText.archive_not_doing');
    case 'archive_lag':
      return t('alerts.ruleText.archive_lag', { seconds: params.seconds ?? '?' });
    case 'policy_run_not_started':
      return t('alerts.ruleText.policy_run_not_started');
  }
}

const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const obj = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};

/** The job an incident is about, when its facts name one (failed, stopped, slow). */
export function incidentJob(incident: Incident): { tenantId: number; jobId: number } | null {
  const job = obj(incident.condition.job);
  const jobId = num(job.jobId);
  const tenantId = num(job.tenantId) ?? incident.tenant?.id;
  return jobId !== undefined && tenantId !== undefined ? { tenantId, jobId } : null;
}

/** Why a job failed, as the history detail says it: OceanBase's error and what to do. */
function failureText(t: TFunction, job: Record<string, unknown>): string | undefined {
  const result = num(job.result) ?? 0;
  const comment = str(job.comment) ?? '';
  if (result === 0 && !comment) return undefined;
  const f = explainFailure(result, comment);
  if (f.code === 0) return comment || undefined;
  const what = f.symbol
    ? t('history.outcome.failed', { symbol: f.symbol, code: f.code, message: f.message ?? '' })
    : t('history.outcome.failedUnknown', { code: f.code });
  return f.hintKey ? `${what} ${t(`obHint.${f.hintKey}`)}` : what;
}

/**
 * What an incident is about, in words, from the facts the BFF recorded when it opened it
 * (the same facts its messages carry).
 */
export function conditionText(t: TFunction, incident: Incident): string {
  const c = incident.condition;
  const job = obj(c.job);
  const type = typeWord(t, job.type) ?? t('alerts.conditionText.anyType');
  const jobId = num(job.jobId) ?? '?';
  switch (incident.kind) {
    case 'backup_failed': {
      const why = failureText(t, job);
      return why
        ? t('alerts.conditionText.backup_failed_why', { type, jobId, why })
        : t('alerts.conditionText.backup_failed', { type, jobId });
    }
    case 'backup_canceled':
      return t('alerts.conditionText.backup_canceled', { type, jobId });
    case 'backup_slow':
      return t('alerts.conditionText.backup_slow', {
        type,
        jobId,
        minutes: num(c.limitMinutes) ?? '?',
        running: num(c.runningMinutes) ?? '?',
      });
    case 'no_success': {
      const limit = num(c.limit) ?? '?';
      const head =
        c.of === 'any'
          ? t('alerts.conditionText.no_success_hours', { hours: limit })
          : t('alerts.conditionText.no_success_days', { days: limit });
      const last = str(c.lastSuccessAt);
      const tail = last
        ? t('alerts.conditionText.no_success_last', { at: formatTime(last) })
        : t('alerts.conditionText.no_success_never');
      return `${head} ${tail}`;
    }
    case 'archive_not_doing':
      return t('alerts.conditionText.archive_not_doing', {
        status: enumLabel(t, 'archiveStatus', str(c.archiveStatus) ?? null),
      });
    case 'archive_lag': {
      const lag = num(c.lagSeconds);
      return t('alerts.conditionText.archive_lag', {
        lag: lag !== undefined ? formatDuration(lag) : '?',
        seconds: num(c.limitSeconds) ?? '?',
      });
    }
    case 'policy_run_not_started': {
      const outcome = str(c.outcome);
      return t('alerts.conditionText.policy_run_not_started', {
        policy: str(c.policy) ?? '',
        outcome:
          outcome === 'skipped' || outcome === 'refused' || outcome === 'missed'
            ? t(`alerts.conditionText.outcomes.${outcome}`)
            : (outcome ?? ''),
        why: str(c.reason) ?? '',
      });
    }
  }
  return t('alerts.conditionText.generic', { rule: incident.ruleName });
}

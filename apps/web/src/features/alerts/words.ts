import type { TFunction } from 'i18next';
import type { AlertRule, Incident } from '@obconsole/contracts';
import { formatDuration, formatTime } from '../../lib/format';
import { enumLabel } from '../../lib/server-text';

type Params = AlertRule['params'];

const typeWord = (t: TFunction, type: unknown, lower = false) =>
  type === 'full' || type === 'incremental'
    ? t(lower ? `alerts.backupTypeLower.${type}` : `alerts.backupType.${type}`)
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

/** The job an incident is about, when its facts name one. */
export function incidentJob(incident: Incident): { tenantId: number; jobId: number } | null {
  const jobId = num(incident.condition.jobId);
  const tenantId = incident.tenant?.id ?? num(incident.condition.tenantId);
  return jobId !== undefined && tenantId !== undefined ? { tenantId, jobId } : null;
}

/**
 * What an incident is about, in words, from the facts the BFF recorded when it opened it
 * (the same facts the messages carry). A fact missing from a record leaves its sentence out
 * rather than showing an empty slot.
 */
export function conditionText(t: TFunction, incident: Incident): string {
  const c = incident.condition;
  const type = typeWord(t, c.type) ?? t('alerts.conditionText.anyType');
  const jobId = num(c.jobId) ?? '';
  switch (incident.kind) {
    case 'backup_failed': {
      const why = str(c.reason) ?? str(c.comment);
      return why
        ? t('alerts.conditionText.backup_failed_why', { type, jobId, why })
        : t('alerts.conditionText.backup_failed', { type, jobId });
    }
    case 'backup_canceled':
      return t('alerts.conditionText.backup_canceled', { type, jobId });
    case 'backup_slow':
      return t('alerts.conditionText.backup_slow', { type, jobId, minutes: num(c.minutes) ?? '?' });
    case 'no_success': {
      const head =
        num(c.hours) !== undefined
          ? t('alerts.conditionText.no_success_hours', { hours: num(c.hours) })
          : t('alerts.conditionText.no_success_days', { days: num(c.days) ?? '?' });
      const last = str(c.lastSuccessAt);
      const tail =
        last !== undefined
          ? t('alerts.conditionText.no_success_last', { at: formatTime(last) })
          : 'lastSuccessAt' in c
            ? t('alerts.conditionText.no_success_never')
            : '';
      return tail ? `${head} ${tail}` : head;
    }
    case 'archive_not_doing':
      return t('alerts.conditionText.archive_not_doing', {
        status: enumLabel(t, 'archiveStatus', str(c.status) ?? null),
      });
    case 'archive_lag': {
      const lag = num(c.lagSeconds);
      return t('alerts.conditionText.archive_lag', {
        lag: lag !== undefined ? formatDuration(lag) : '?',
        seconds: num(c.seconds) ?? '?',
      });
    }
    case 'policy_run_not_started':
      return t('alerts.conditionText.policy_run_not_started', {
        policy: str(c.policyName) ?? str(c.policy) ?? '',
        why: str(c.reason) ?? '',
      });
  }
  return t('alerts.conditionText.generic', { rule: incident.ruleName });
}

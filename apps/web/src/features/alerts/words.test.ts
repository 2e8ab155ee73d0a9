import { afterEach, describe, expect, it } from 'vitest';
import type { Incident } from '@obconsole/contracts';
import { applyLanguage, i18n } from '../../i18n';
import { conditionText, incidentJob, ruleText } from './words';
import { fieldErrors } from './field-errors';
import { ApiError } from '../../lib/http';

const incident = (condition: Record<string, unknown>, extra: Partial<Incident> = {}): Incident => ({
  id: 'i',
  clusterId: 'c',
  ruleId: 'r',
  ruleName: 'rule',
  kind: condition.kind as Incident['kind'],
  severity: 'warning',
  tenant: { id: 1002, name: 'mysql_tenant' },
  condition,
  openedAt: '2026-11-01T00:00:00.000Z',
  resolvedAt: null,
  ...extra,
});

afterEach(async () => {
  await applyLanguage('en');
});

describe('alert words', () => {
  it('says each rule kind with its parameter, in English and Chinese', async () => {
    const t = i18n.t.bind(i18n);
    expect(ruleText(t, 'backup_slow', { minutes: 45, type: 'incremental' })).toBe(
      'An incremental backup job runs longer than 45 minutes.',
    );
    expect(ruleText(t, 'no_success', { hours: 6 })).toBe(
      'No successful backup of any type in 6 hours.',
    );
    expect(ruleText(t, 'no_success', { days: 8 })).toBe('No successful full backup in 8 days.');
    await applyLanguage('zh-CN');
    expect(ruleText(t, 'archive_lag', { seconds: 600 })).toBe('归档位点落后超过 600 秒。');
    expect(ruleText(t, 'backup_failed', { type: 'full' })).toBe('全量备份任务以“失败”结束。');
  });

  it('says what an incident is about from its recorded facts: the job, the limit, the archive status', async () => {
    const t = i18n.t.bind(i18n);
    const slow = incident({
      kind: 'backup_slow',
      job: { tenantId: 1002, jobId: 9, type: 'full' },
      runningMinutes: 75,
      limitMinutes: 60,
    });
    expect(conditionText(t, slow)).toBe('Full backup job 9 has run 75 minutes, longer than 60.');
    expect(incidentJob(slow)).toEqual({ tenantId: 1002, jobId: 9 });
    const never = incident({ kind: 'no_success', of: 'any', limit: 12, lastSuccessAt: null });
    expect(conditionText(t, never)).toBe('No successful backup in 12 hours. There has been none.');
    expect(incidentJob(never)).toBeNull();
    await applyLanguage('zh-CN');
    expect(conditionText(t, incident({ kind: 'archive_not_doing', archiveStatus: 'STOP' }))).toBe(
      '日志归档状态为“已停止”，不是“归档中”。',
    );
  });

  it('places a refusal of one field at that field, in the user’s language when the server’s English has a translation', async () => {
    const t = i18n.t.bind(i18n);
    const smtp = new ApiError(
      400,
      'VALIDATION_FAILED',
      'Email channels need the console’s SMTP server: set SMTP_HOST, SMTP_PORT and SMTP_FROM and restart the console.',
      undefined,
      { fields: 'kind' },
    );
    expect(fieldErrors(t, smtp, (p) => [p]).fields).toEqual([
      { name: ['kind'], errors: [t('alerts.channelForm.noSmtp')] },
    ]);
    const schema = new ApiError(
      400,
      'VALIDATION_FAILED',
      'Invalid request: to.1: not an email address',
      { issues: [{ path: 'to.1', message: 'not an email address' }] },
      { fields: 'to.1' },
    );
    const at = (p: string) => (p.startsWith('to') ? ['to'] : undefined);
    expect(fieldErrors(t, schema, at).fields).toEqual([
      { name: ['to'], errors: ['not an email address'] },
    ]);
    await applyLanguage('zh-CN');
    expect(fieldErrors(t, schema, at).fields).toEqual([
      { name: ['to'], errors: ['请填写 1 到 50 个邮箱地址。'] },
    ]);
  });
});

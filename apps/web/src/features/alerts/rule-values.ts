import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { AlertRule, UpdateRuleRequest } from '@obconsole/contracts';

/** The rule form's fields, and how they become a request and a server error's place. */
export interface Values {
  name: string;
  kind: AlertRule['kind'];
  minutes?: number | null;
  seconds?: number | null;
  noSuccessBy: 'days' | 'hours';
  days?: number | null;
  hours?: number | null;
  type: 'any' | 'full' | 'incremental';
  tenantMode: 'all' | 'chosen';
  tenantList: string[];
  channels: string[];
  severity: AlertRule['severity'];
  enabled: boolean;
  remindEveryMinutes?: number | null;
  mutedUntil?: Dayjs | null;
}

export const TYPED = new Set<AlertRule['kind']>([
  'backup_failed',
  'backup_canceled',
  'backup_slow',
]);

export function initialValues(rule: AlertRule | undefined): Values {
  if (!rule)
    return {
      name: '',
      kind: 'backup_failed',
      noSuccessBy: 'days',
      type: 'any',
      tenantMode: 'all',
      tenantList: [],
      channels: [],
      severity: 'critical',
      enabled: true,
    };
  const p = rule.params;
  return {
    name: rule.name,
    kind: rule.kind,
    minutes: p.minutes,
    seconds: p.seconds,
    noSuccessBy: p.hours !== undefined ? 'hours' : 'days',
    days: p.days,
    hours: p.hours,
    type: p.type ?? 'any',
    tenantMode: rule.tenants === 'all' ? 'all' : 'chosen',
    tenantList: rule.tenants === 'all' ? [] : rule.tenants,
    channels: rule.channels,
    severity: rule.severity,
    enabled: rule.enabled,
    remindEveryMinutes: rule.remindEveryMinutes,
    mutedUntil: rule.mutedUntil ? dayjs(rule.mutedUntil) : null,
  };
}

/** The request's params: only the ones the condition reads. */
export function paramsOf(v: Values): AlertRule['params'] {
  const p: AlertRule['params'] = {};
  if (v.kind === 'backup_slow' && v.minutes != null) p.minutes = v.minutes;
  if (v.kind === 'archive_lag' && v.seconds != null) p.seconds = v.seconds;
  if (v.kind === 'no_success') {
    if (v.noSuccessBy === 'days' && v.days != null) p.days = v.days;
    if (v.noSuccessBy === 'hours' && v.hours != null) p.hours = v.hours;
  }
  if (TYPED.has(v.kind) && v.type !== 'any') p.type = v.type;
  return p;
}

export function changeOf(v: Values) {
  return {
    name: v.name,
    tenants: v.tenantMode === 'all' ? 'all' : v.tenantList,
    params: paramsOf(v),
    channels: v.channels,
    severity: v.severity,
    enabled: v.enabled,
    mutedUntil: v.mutedUntil ? v.mutedUntil.toISOString() : null,
    remindEveryMinutes: v.remindEveryMinutes ?? null,
  } satisfies UpdateRuleRequest;
}

/** Where a request path's error shows in this form. */
export function fieldOf(form: FormInstance<Values>) {
  return (path: string): (string | number)[] | undefined => {
    const [head, sub] = path.split('.');
    if (head === 'params') {
      if (sub && ['minutes', 'seconds', 'days', 'hours', 'type'].includes(sub)) return [sub];
      return ['noSuccessBy'];
    }
    if (head === 'tenants')
      return [form.getFieldValue('tenantMode') === 'chosen' ? 'tenantList' : 'tenantMode'];
    if (head && ['name', 'kind', 'channels', 'severity', 'enabled'].includes(head)) return [head];
    if (head === 'mutedUntil' || head === 'remindEveryMinutes') return [head];
    return undefined;
  };
}

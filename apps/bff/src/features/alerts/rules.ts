import type { Condition, RuleKind, Severity } from './channels/types.js';

/** A rule as the engine needs it (stored per cluster; its channels by id). */
export interface AlertRule {
  id: string;
  clusterId: string;
  kind: RuleKind;
  name: string;
  /** 'all' or tenant names. */
  tenants: 'all' | string[];
  params: {
    minutes?: number;
    hours?: number;
    days?: number;
    seconds?: number;
    /** backup_slow / no_success: only this backup type (default any). */
    type?: 'full' | 'incremental';
  };
  channels: string[];
  severity: Severity;
  enabled: boolean;
  /** Until then the rule opens and resolves incidents but sends nothing. */
  mutedUntil: string | null;
  /** While an incident is open, remind this often; null: never. */
  remindEveryMinutes: number | null;
}

/** An incident: one per rule and subject while open. Its key is unique in the store. */
export interface Incident {
  id: string;
  /** `<ruleId>|<tenantId>|<subject>`: the same condition never opens a second incident. */
  key: string;
  ruleId: string;
  clusterId: string;
  tenant: { id: number; name: string } | null;
  condition: Condition;
  openedAt: string;
  resolvedAt: string | null;
  /** When the last notification (opened or reminder) was queued. */
  lastNotifiedAt: string | null;
  reminders: number;
}

export function appliesTo(rule: AlertRule, tenantName: string): boolean {
  return rule.enabled && (rule.tenants === 'all' || rule.tenants.includes(tenantName));
}

export function isMuted(rule: AlertRule, nowMs: number): boolean {
  return rule.mutedUntil !== null && Date.parse(rule.mutedUntil) > nowMs;
}

/** The defaults a new rule of each kind starts with (backup_canceled off, as the issue asks). */
export const RULE_DEFAULTS: Record<RuleKind, { enabled: boolean; params: AlertRule['params'] }> = {
  backup_failed: { enabled: true, params: {} },
  backup_canceled: { enabled: false, params: {} },
  backup_slow: { enabled: true, params: { minutes: 240 } },
  no_success: { enabled: true, params: { days: 8 } },
  archive_not_doing: { enabled: true, params: {} },
  archive_lag: { enabled: true, params: { seconds: 600 } },
  policy_run_not_started: { enabled: true, params: {} },
};

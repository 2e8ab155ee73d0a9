import type { Generated } from 'kysely';

/** Tables of migration 003 (booleans are 0/1 integers, times epoch ms, lists JSON text). */
export interface PolicyTable {
  id: string;
  cluster_id: string;
  name: string;
  tenants: string;
  full_cron: string;
  incremental_cron: string | null;
  time_zone: string;
  plus_archivelog: number;
  description: string;
  sealed_password: string | null;
  enabled: number;
  catch_up_minutes: number;
  created_ms: number;
  updated_ms: number;
  schedule_since_ms: number;
}

export interface PolicyRunTable {
  id: string;
  policy_id: string;
  cluster_id: string;
  slot_ms: number;
  type: string;
  /** `trigger` is a reserved word in MySQL. */
  run_trigger: string;
  created_ms: number;
  tenants: string;
  completed: number;
}

export interface AlertChannelTable {
  id: string;
  cluster_id: string;
  kind: string;
  name: string;
  sealed_url: string | null;
  masked_url: string | null;
  sealed_secret: string | null;
  recipients: string | null;
  language: string;
  created_ms: number;
}

export interface AlertRuleTable {
  id: string;
  cluster_id: string;
  kind: string;
  name: string;
  tenants: string;
  params: string;
  channels: string;
  severity: string;
  enabled: number;
  muted_until_ms: number | null;
  remind_every_minutes: number | null;
  created_ms: number;
  updated_ms: number;
}

export interface AlertIncidentTable {
  id: string;
  cluster_id: string;
  rule_id: string;
  incident_key: string;
  open_key: string | null;
  tenant_id: number | null;
  tenant_name: string | null;
  condition_json: string;
  opened_ms: number;
  resolved_ms: number | null;
  last_notified_ms: number | null;
  reminders: number;
}

export interface AlertOutboxTable {
  id: string;
  cluster_id: string;
  channel_id: string;
  message_id: string;
  message_json: string;
  created_ms: number;
  attempts: number;
  next_attempt_ms: number;
  state: string;
  last_error: string;
  claimed_until_ms: number;
}

export interface AlertDeliveryTable {
  id: Generated<number>;
  entry_id: string;
  cluster_id: string;
  channel_id: string;
  message_id: string;
  at_ms: number;
  attempt: number;
  ok: number;
  status: number | null;
  error: string;
  response: string;
}

export interface PoliciesAlertsSchema {
  policy: PolicyTable;
  policy_run: PolicyRunTable;
  alert_channel: AlertChannelTable;
  alert_rule: AlertRuleTable;
  alert_incident: AlertIncidentTable;
  alert_outbox: AlertOutboxTable;
  alert_delivery: AlertDeliveryTable;
}

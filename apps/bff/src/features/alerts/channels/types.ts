/**
 * What an alert says, independent of where it goes: every channel renders the same facts in its
 * own documented format and in the channel's language. Facts, not sentences, so that a message
 * is said in en or zh-CN by the channel and a receiver of the generic webhook gets both the
 * structured fields and the sentence.
 */

export type ChannelKind = 'webhook' | 'slack' | 'dingtalk' | 'feishu' | 'wecom' | 'email';
export type ChannelLanguage = 'en' | 'zh-CN';
export type Severity = 'critical' | 'warning' | 'info';
export type RuleKind =
  | 'backup_failed'
  | 'backup_canceled'
  | 'backup_slow'
  | 'no_success'
  | 'archive_not_doing'
  | 'archive_lag'
  | 'policy_run_not_started';

/** A channel as the sender needs it: url and secret already unsealed, in memory only. */
export interface ChannelTarget {
  id: string;
  kind: ChannelKind;
  name: string;
  language: ChannelLanguage;
  /** Webhook and robot URL (it often carries the robot's token: a secret in itself). */
  url?: string;
  /** Webhook signing key, DingTalk "SEC..." secret, Feishu signing secret. */
  secret?: string;
  /** Email recipients. */
  to?: string[];
}

export interface JobFacts {
  tenantId: number;
  jobId: number;
  type: 'full' | 'incremental';
  status: string;
  /** OceanBase's RESULT (negative code; 0 when none). */
  result: number;
  comment: string;
  startTime: string;
  endTime: string | null;
}

/** Why the incident is open: one variant per rule kind. */
export type Condition =
  | { kind: 'backup_failed'; job: JobFacts }
  | { kind: 'backup_canceled'; job: JobFacts }
  | { kind: 'backup_slow'; job: JobFacts; runningMinutes: number; limitMinutes: number }
  | {
      kind: 'no_success';
      /** full: no successful full backup in `limit` days; any: no successful backup in `limit` hours. */
      of: 'full' | 'any';
      limit: number;
      /** The newest successful backup, or null when there never was one. */
      lastSuccessAt: string | null;
    }
  | { kind: 'archive_not_doing'; archiveStatus: string }
  | { kind: 'archive_lag'; lagSeconds: number; limitSeconds: number }
  | {
      kind: 'policy_run_not_started';
      policy: string;
      slot: string;
      outcome: 'skipped' | 'refused' | 'missed';
      reason: string;
    };

/** What cleared it, for a "resolved" message. */
export type Resolution =
  | { by: 'backup_succeeded'; jobId: number; type: 'full' | 'incremental' }
  | { by: 'archive_doing' }
  | { by: 'within_limit' }
  | { by: 'job_ended'; status: string }
  | { by: 'run_started'; slot: string }
  | { by: 'rule_removed' };

export interface AlertMessage {
  /** Stable for this notification: a receiver that sees it twice shows it once. */
  id: string;
  event: 'opened' | 'reminder' | 'resolved' | 'test';
  sentAt: string;
  cluster: { id: string; name: string };
  tenant: { id: number; name: string } | null;
  rule: { id: string; name: string; kind: RuleKind; severity: Severity } | null;
  incident: { id: string; openedAt: string; resolvedAt: string | null } | null;
  condition: Condition | null;
  resolution: Resolution | null;
  /** Where the console shows it (PUBLIC_ORIGIN + the job's or the alerts page's path), or null. */
  link: string | null;
}

/** The receiver's answer, shown to the user as is (bounded, and without the channel's secrets). */
export interface DeliveryResult {
  ok: boolean;
  /** HTTP status, or the SMTP reply code. */
  status: number | null;
  /** The start of the receiver's answer. */
  response: string;
  /** Why it failed, in words; empty when ok. */
  error: string;
  durationMs: number;
  /** Worth trying again later (network errors, 429, 5xx); a 400 or a refused target is not. */
  retryable: boolean;
}

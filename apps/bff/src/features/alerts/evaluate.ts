import { randomUUID } from 'node:crypto';
import type { Condition, JobFacts, Resolution } from './channels/types.js';
import { appliesTo, isMuted, type AlertRule, type Incident } from './rules.js';

type TenantRef = { id: number; name: string };

/** What the job watcher and the health checks report, one observation at a time. */
export type Observation =
  | { kind: 'job_finished'; tenant: TenantRef; job: JobFacts }
  | { kind: 'active_jobs'; jobs: { tenant: TenantRef; job: JobFacts }[] }
  | {
      kind: 'tenant_health';
      tenants: {
        tenant: TenantRef;
        lastFullSuccessAt: string | null;
        lastAnySuccessAt: string | null;
        /** The current archive round's STATUS, null when archiving never started. */
        archiveStatus: string | null;
        /** Seconds the archive checkpoint is behind now, null when unknown. */
        archiveLagSeconds: number | null;
      }[];
    }
  | {
      kind: 'policy_run';
      policy: string;
      slot: string;
      tenant: TenantRef;
      outcome: 'started' | 'promoted' | 'skipped' | 'refused' | 'missed';
      reason: string;
    };

export type Transition =
  | { kind: 'open'; incident: Incident; notify: boolean }
  | { kind: 'resolve'; incident: Incident; resolution: Resolution; notify: boolean }
  | { kind: 'remind'; incident: Incident; notify: boolean };

/** The statuses in which archiving has left DOING (PREPARE and BEGINNING are on their way to it). */
const NOT_DOING = new Set(['STOP', 'INTERRUPTED', 'SUSPEND']);

export function incidentKey(ruleId: string, tenantId: number | null, subject: string): string {
  return `${ruleId}|${tenantId ?? ''}|${subject}`;
}

/**
 * Turns one observation into incident transitions, given the open incidents. Pure: the caller
 * stores the result (the store's unique key on an open incident's `key` makes a second opener
 * lose) and queues the messages.
 */
export function evaluate(
  rules: AlertRule[],
  open: ReadonlyMap<string, Incident>,
  o: Observation,
  nowMs: number,
): Transition[] {
  const out: Transition[] = [];
  const now = new Date(nowMs).toISOString();
  const opened = new Set<string>();
  const openIf = (rule: AlertRule, tenant: TenantRef, subject: string, condition: Condition) => {
    const key = incidentKey(rule.id, tenant.id, subject);
    if (open.has(key) || opened.has(key)) return;
    opened.add(key);
    const notify = !isMuted(rule, nowMs);
    out.push({
      kind: 'open',
      notify,
      incident: {
        id: randomUUID(),
        key,
        ruleId: rule.id,
        clusterId: rule.clusterId,
        tenant,
        condition,
        openedAt: now,
        resolvedAt: null,
        lastNotifiedAt: notify ? now : null,
        reminders: 0,
      },
    });
  };
  const resolveIf = (
    rule: AlertRule,
    tenantId: number,
    subject: string,
    resolution: Resolution,
  ) => {
    const inc = open.get(incidentKey(rule.id, tenantId, subject));
    if (!inc) return;
    out.push({
      kind: 'resolve',
      resolution,
      // Only an incident people were told about gets a "resolved".
      notify: inc.lastNotifiedAt !== null && !isMuted(rule, nowMs),
      incident: { ...inc, resolvedAt: now },
    });
  };

  for (const rule of rules) {
    if (!rule.enabled) continue;
    switch (o.kind) {
      case 'job_finished': {
        if (!appliesTo(rule, o.tenant.name)) break;
        const { job } = o;
        if (rule.params.type && rule.params.type !== job.type) break;
        if (rule.kind === 'backup_failed' || rule.kind === 'backup_canceled') {
          const ends = rule.kind === 'backup_failed' ? 'FAILED' : 'CANCELED';
          if (job.status === ends) openIf(rule, o.tenant, job.type, { kind: rule.kind, job });
          if (job.status === 'COMPLETED')
            resolveIf(rule, o.tenant.id, job.type, {
              by: 'backup_succeeded',
              jobId: job.jobId,
              type: job.type,
            });
        } else if (rule.kind === 'backup_slow') {
          resolveIf(rule, o.tenant.id, `job:${job.jobId}`, { by: 'job_ended', status: job.status });
        } else if (rule.kind === 'no_success' && job.status === 'COMPLETED') {
          const of = rule.params.days !== undefined ? 'full' : 'any';
          if (of === 'any' || job.type === 'full')
            resolveIf(rule, o.tenant.id, of, {
              by: 'backup_succeeded',
              jobId: job.jobId,
              type: job.type,
            });
        }
        break;
      }
      case 'active_jobs': {
        if (rule.kind !== 'backup_slow' || rule.params.minutes === undefined) break;
        for (const { tenant, job } of o.jobs) {
          if (!appliesTo(rule, tenant.name) || (rule.params.type && rule.params.type !== job.type))
            continue;
          const runningMinutes = Math.floor((nowMs - Date.parse(job.startTime)) / 60_000);
          if (runningMinutes >= rule.params.minutes)
            openIf(rule, tenant, `job:${job.jobId}`, {
              kind: 'backup_slow',
              job,
              runningMinutes,
              limitMinutes: rule.params.minutes,
            });
        }
        break;
      }
      case 'tenant_health': {
        for (const t of o.tenants) {
          if (!appliesTo(rule, t.tenant.name)) continue;
          if (rule.kind === 'no_success') {
            const of = rule.params.days !== undefined ? 'full' : 'any';
            const limit = of === 'full' ? rule.params.days! : (rule.params.hours ?? 24);
            const windowMs = limit * (of === 'full' ? 86_400_000 : 3_600_000);
            const last = of === 'full' ? t.lastFullSuccessAt : t.lastAnySuccessAt;
            if (last === null || nowMs - Date.parse(last) > windowMs)
              openIf(rule, t.tenant, of, { kind: 'no_success', of, limit, lastSuccessAt: last });
            else resolveIf(rule, t.tenant.id, of, { by: 'within_limit' });
          } else if (rule.kind === 'archive_not_doing') {
            if (t.archiveStatus !== null && NOT_DOING.has(t.archiveStatus))
              openIf(rule, t.tenant, '', {
                kind: 'archive_not_doing',
                archiveStatus: t.archiveStatus,
              });
            else if (t.archiveStatus === 'DOING')
              resolveIf(rule, t.tenant.id, '', { by: 'archive_doing' });
          } else if (rule.kind === 'archive_lag' && rule.params.seconds !== undefined) {
            if (t.archiveStatus !== 'DOING' || t.archiveLagSeconds === null) continue;
            if (t.archiveLagSeconds > rule.params.seconds)
              openIf(rule, t.tenant, '', {
                kind: 'archive_lag',
                lagSeconds: t.archiveLagSeconds,
                limitSeconds: rule.params.seconds,
              });
            else resolveIf(rule, t.tenant.id, '', { by: 'within_limit' });
          }
        }
        break;
      }
      case 'policy_run': {
        if (rule.kind !== 'policy_run_not_started' || !appliesTo(rule, o.tenant.name)) break;
        const subject = `policy:${o.policy}`;
        if (o.outcome === 'started' || o.outcome === 'promoted')
          resolveIf(rule, o.tenant.id, subject, { by: 'run_started', slot: o.slot });
        else
          openIf(rule, o.tenant, subject, {
            kind: 'policy_run_not_started',
            policy: o.policy,
            slot: o.slot,
            outcome: o.outcome,
            reason: o.reason,
          });
        break;
      }
    }
  }
  return out;
}

/** Reminders now due for open incidents of rules that remind (muted rules stay quiet). */
export function remindersDue(
  rules: AlertRule[],
  open: Iterable<Incident>,
  nowMs: number,
): Transition[] {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const out: Transition[] = [];
  for (const inc of open) {
    const rule = byId.get(inc.ruleId);
    if (!rule?.enabled || rule.remindEveryMinutes === null || isMuted(rule, nowMs)) continue;
    const since = Date.parse(inc.lastNotifiedAt ?? inc.openedAt);
    if (nowMs - since >= rule.remindEveryMinutes * 60_000)
      out.push({
        kind: 'remind',
        notify: true,
        incident: {
          ...inc,
          lastNotifiedAt: new Date(nowMs).toISOString(),
          reminders: inc.reminders + 1,
        },
      });
  }
  return out;
}

/** The message id of a transition: what receivers dedupe on, and the outbox's unique key. */
export function messageId(t: Transition): string {
  if (t.kind === 'open') return `${t.incident.id}:opened`;
  if (t.kind === 'resolve') return `${t.incident.id}:resolved`;
  return `${t.incident.id}:reminder:${t.incident.reminders}`;
}

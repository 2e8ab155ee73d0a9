import type { ActiveJob, HistoryItem } from '@obconsole/contracts';
import type { JobWatcherEvent } from '../jobs/watcher.js';
import type { JobFacts } from './channels/types.js';
import type { Observation } from './evaluate.js';

/*
 * What the job watcher reports, as the alert engine's observations. Only tenant-level jobs
 * count: the sys tenant's CLUSTER job of a "BACKUP DATABASE" mirrors its tenants' jobs and would
 * report each failure twice.
 */

function factsOf(job: HistoryItem | ActiveJob): JobFacts {
  const ended = 'endTime' in job;
  return {
    tenantId: job.tenantId,
    jobId: job.jobId,
    type: job.type,
    status: job.status,
    result: ended ? job.result : 0,
    comment: ended ? job.comment : '',
    startTime: job.startTime,
    endTime: ended ? job.endTime : null,
  };
}

/** A finished tenant job as an observation; null for any other event. */
export function observationOf(e: JobWatcherEvent): Observation | null {
  if (e.type !== 'job.finished' || e.job.level !== 'USER_TENANT') return null;
  return {
    kind: 'job_finished',
    tenant: { id: e.job.tenantId, name: e.job.tenantName },
    job: factsOf(e.job),
  };
}

/** The jobs running now, for backup_slow. */
export function activeJobsOf(running: ActiveJob[]): Observation {
  return {
    kind: 'active_jobs',
    jobs: running
      .filter((j) => j.level === 'USER_TENANT')
      .map((j) => ({ tenant: { id: j.tenantId, name: j.tenantName }, job: factsOf(j) })),
  };
}

/** A policy run as the policy scheduler reports it: its slot and each tenant's outcome. */
export interface PolicyRun {
  /** The policy's name (what the message shows). */
  policy: string;
  /** The slot the run was due at (ISO). */
  slot: string;
  tenants: {
    tenant: string;
    outcome: 'started' | 'promoted' | 'skipped' | 'refused' | 'missed';
    reason?: string;
  }[];
}

/** One observation per tenant; tenants the cluster does not know (any more) are left out. */
export function policyRunObservations(
  run: PolicyRun,
  tenantIds: ReadonlyMap<string, number>,
): Observation[] {
  return run.tenants.flatMap((t) => {
    const id = tenantIds.get(t.tenant.toLowerCase());
    if (id === undefined) return [];
    return [
      {
        kind: 'policy_run' as const,
        policy: run.policy,
        slot: run.slot,
        tenant: { id, name: t.tenant },
        outcome: t.outcome,
        reason: t.reason ?? '',
      },
    ];
  });
}

import { randomUUID } from 'node:crypto';
import {
  POLICY_RUN_CODES,
  checkedCron,
  dueSlots,
  type BackupType,
  type Slot,
} from '@obconsole/contracts';
import type {
  BackupPort,
  PolicyRecord,
  PolicyRunRepository,
  RunRecord,
  TenantOutcome,
} from './model.js';

/**
 * A run claimed longer ago than this and never completed lost its instance mid-run: a run takes
 * seconds (its reads, one statement per type, a read-back of a few seconds), so ten minutes is
 * far beyond a slow one.
 */
export const ABANDONED_AFTER_MS = 10 * 60_000;

/** OceanBase keeps DESCRIPTION below 2048 bytes (4024 Buffer not enough at 2048). */
const DESCRIPTION_MAX_BYTES = 2047;

/** `policy:<name>` first, so the trigger shows even in obclient; the policy's text after it. */
export function policyDescription(p: Pick<PolicyRecord, 'name' | 'description'>): string {
  let d = p.description ? `policy:${p.name} ${p.description}` : `policy:${p.name}`;
  while (Buffer.byteLength(d, 'utf8') > DESCRIPTION_MAX_BYTES) d = d.slice(0, -1);
  return d;
}

export interface RunnerDeps {
  runs: PolicyRunRepository;
  backups: BackupPort;
  /** The policy's password, unsealed for this one run. */
  unseal: (sealed: string, policyId: string) => string;
  now: () => number;
  /** Told about every run (the alert engine's policy_run_not_started listens). */
  onRun?: (run: RunRecord, policy: PolicyRecord) => void;
}

/**
 * Runs one slot of one policy: claims it (a second claimant gets nothing), then per tenant
 * skips what is running, refuses what fails a precondition, promotes an incremental without a
 * full, starts the rest in one statement per type, and records every outcome.
 */
export async function runSlot(
  d: RunnerDeps,
  p: PolicyRecord,
  slot: string,
  type: BackupType,
  trigger: 'schedule' | 'manual',
): Promise<RunRecord | null> {
  const run: RunRecord = {
    id: randomUUID(),
    policyId: p.id,
    clusterId: p.clusterId,
    slot,
    type,
    trigger,
    createdAt: new Date(d.now()).toISOString(),
    tenants: [],
  };
  if (!(await d.runs.claim(run))) return null;
  const outcomes: TenantOutcome[] = [];
  try {
    const ready = await d.backups.readiness(p.tenants);
    const groups: Record<BackupType, string[]> = { full: [], incremental: [] };
    const promoted = new Set<string>();
    const idOf = new Map(ready.map((t) => [t.tenant, t.tenantId]));
    const withId = (tenant: string) => {
      const id = idOf.get(tenant);
      return id ? { tenant, tenantId: id } : { tenant };
    };
    for (const t of ready) {
      if (t.runningJobId !== null) {
        outcomes.push({
          ...withId(t.tenant),
          outcome: 'skipped',
          code: 'BACKUP_IN_PROGRESS',
          reason: `backup job ${t.runningJobId} is running`,
        });
      } else if (t.refusal) {
        outcomes.push({
          ...withId(t.tenant),
          outcome: 'refused',
          code: t.refusal.code,
          reason: t.refusal.reason,
        });
      } else if (type === 'incremental' && !t.hasFull) {
        promoted.add(t.tenant);
        groups.full.push(t.tenant);
      } else groups[type].push(t.tenant);
    }
    const options = {
      plusArchivelog: p.plusArchivelog,
      description: policyDescription(p),
      encryptionPassword: p.sealedPassword ? d.unseal(p.sealedPassword, p.id) : null,
    };
    for (const t of ['full', 'incremental'] as const) {
      if (!groups[t].length) continue;
      try {
        const jobs = await d.backups.start(groups[t], t, options);
        // OceanBase accepted the statement; a job that was not read back in time still runs.
        for (const tenant of groups[t].filter((n) => !jobs.some((j) => j.tenant === n)))
          outcomes.push({
            ...withId(tenant),
            outcome: promoted.has(tenant) ? 'promoted' : 'started',
            reason: 'the backup was accepted; its job id was not read back in time',
          });
        for (const job of jobs)
          outcomes.push(
            promoted.has(job.tenant)
              ? {
                  ...withId(job.tenant),
                  outcome: 'promoted',
                  jobId: job.jobId,
                  reason: 'no completed full backup yet: this incremental ran as a full backup',
                }
              : { ...withId(job.tenant), outcome: 'started', jobId: job.jobId },
          );
      } catch (e) {
        const err = e as { code?: string; message?: string };
        for (const tenant of groups[t])
          outcomes.push({
            ...withId(tenant),
            outcome: 'refused',
            code: err.code ?? 'INTERNAL',
            reason: err.message ?? String(e),
          });
      }
    }
  } catch (e) {
    const err = e as { code?: string; message?: string };
    // The cluster could not even be read: the run is recorded as refused, with why.
    for (const tenant of scopeNames(p).filter((n) => !outcomes.some((o) => o.tenant === n)))
      outcomes.push({
        tenant,
        outcome: 'refused',
        code: err.code ?? 'INTERNAL',
        reason: err.message ?? String(e),
      });
  }
  await d.runs.complete(run.id, outcomes);
  const done = { ...run, tenants: outcomes };
  d.onRun?.(done, p);
  return done;
}

/**
 * One scheduler round for a policy: the slots since the last one recorded (or since the schedule
 * last changed) are due; the newest fresh one runs, the others are recorded as missed. Safe to
 * call from several instances at once: every slot is claimed before anything happens.
 */
export async function schedulePolicy(d: RunnerDeps, p: PolicyRecord): Promise<RunRecord[]> {
  if (!p.enabled) return [];
  const now = d.now();
  const out: RunRecord[] = await recordAbandoned(d, p, now);
  const last = await d.runs.lastScheduledSlot(p.id);
  const since = Math.max(Date.parse(p.scheduleSince), last ? Date.parse(last) : 0);
  const schedules = {
    full: checkedCron(p.full.cron, p.timeZone),
    incremental: p.incremental ? checkedCron(p.incremental.cron, p.timeZone) : null,
    timeZone: p.timeZone,
  };
  const due = dueSlots(schedules, since, now, p.catchUpMinutes);
  for (const slot of due.missed) {
    const missed = await recordMissed(d, p, slot);
    if (missed) out.push(missed);
  }
  if (due.run) {
    const ran = await runSlot(d, p, due.run.at, due.run.type, 'schedule');
    if (ran) out.push(ran);
  }
  return out;
}

async function recordMissed(d: RunnerDeps, p: PolicyRecord, slot: Slot): Promise<RunRecord | null> {
  const run: RunRecord = {
    id: randomUUID(),
    policyId: p.id,
    clusterId: p.clusterId,
    slot: slot.at,
    type: slot.type,
    trigger: 'schedule',
    createdAt: new Date(d.now()).toISOString(),
    tenants: [],
  };
  if (!(await d.runs.claim(run))) return null;
  const reason = `the console was not running at ${slot.local} (${p.timeZone}), and the slot is older than the ${p.catchUpMinutes}-minute catch-up window`;
  const tenants = missedOutcomes(p, POLICY_RUN_CODES.missed, reason);
  await d.runs.complete(run.id, tenants);
  const done = { ...run, tenants };
  d.onRun?.(done, p);
  return done;
}

/**
 * Runs whose instance died between claiming the slot and recording its outcome. They are never
 * run again (the backup may have started: the claim is what keeps a slot to one run); each is
 * recorded as missed with why, once, so that the run list and the alerts say so instead of
 * showing an empty run.
 */
async function recordAbandoned(d: RunnerDeps, p: PolicyRecord, now: number): Promise<RunRecord[]> {
  const stale = await d.runs.unfinished(p.id, new Date(now - ABANDONED_AFTER_MS).toISOString());
  const out: RunRecord[] = [];
  for (const run of stale) {
    const tenants = missedOutcomes(
      p,
      POLICY_RUN_CODES.interrupted,
      `the console instance that took this slot at ${run.createdAt} stopped before it recorded the outcome; a backup may have started then: see the history around that time`,
    );
    if (!(await d.runs.completeIfUnfinished(run.id, tenants))) continue;
    const done = { ...run, tenants };
    d.onRun?.(done, p);
    out.push(done);
  }
  return out;
}

/** The policy's tenants by name, `*` for "all tenants" when the cluster was never read. */
function scopeNames(p: PolicyRecord): string[] {
  return p.tenants === 'all' ? ['*'] : p.tenants;
}

/** One `missed` outcome per tenant of the policy's scope, with the same code and reason. */
function missedOutcomes(p: PolicyRecord, code: string, reason: string): TenantOutcome[] {
  return scopeNames(p).map((tenant) => ({ tenant, outcome: 'missed' as const, code, reason }));
}

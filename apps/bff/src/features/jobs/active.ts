import type {
  ActiveJob,
  ActiveJobsResponse,
  EncryptionMode,
  JobLevel,
  JobStatus,
  TaskStatus,
} from '@obconsole/contracts';
import type { Db } from '../../lib/db.js';
import { obTimeToIso, obTimeToMs } from '../../lib/rows.js';
import type { Scope } from '../../lib/scope.js';
import { selectRecentlyFinished } from './history.sql.js';
import { backupTypeOf, toHistoryItems } from './history-rows.js';
import {
  probeDataProgress,
  selectActiveJobs,
  selectActiveTasks,
  selectDbNow,
  type JobRow,
  type TaskRow,
} from './active.sql.js';
import { computeProgress, sumProgress } from './progress.js';

/** How long a finished job stays in `recent`. */
export const RECENT_WINDOW_MS = 10 * 60_000;

/**
 * Per-server facts that do not change while the BFF runs, learnt once per server. One instance
 * per console, made by the composition root (never module state: each test app has its own).
 */
export class ServerFacts {
  readonly #dataProgress = new Map<string, boolean>();

  /** Whether the TASKS views have DATA_PROGRESS (4.3) or not (a 4.2 build). */
  async hasDataProgress(db: Db, scope: Scope, serverKey: string): Promise<boolean> {
    const known = this.#dataProgress.get(serverKey);
    if (known !== undefined) return known;
    const has = await probeDataProgress(db, scope);
    this.#dataProgress.set(serverKey, has);
    return has;
  }
}

/** Whether an account's server has DATA_PROGRESS, learnt once per server. */
export function hasDataProgress(ctx: {
  db: Db;
  scope: Scope;
  serverKey: string;
  facts: ServerFacts;
}): Promise<boolean> {
  return ctx.facts.hasDataProgress(ctx.db, ctx.scope, ctx.serverKey);
}

export type TenantNames = (tenantId: number) => string;

/**
 * Reads running jobs, then (only when there are any) their tasks and the database's clock:
 * one statement when idle, three while backups run, whatever the number of tenants.
 */
export async function readActiveJobs(
  db: Db,
  scope: Scope,
  names: TenantNames,
  withDataProgress: boolean,
): Promise<ActiveJob[]> {
  const jobs = await selectActiveJobs(db, scope);
  if (jobs.length === 0) return [];
  const [tasks, dbNow] = await Promise.all([
    selectActiveTasks(db, scope, withDataProgress),
    readDbNow(db, scope),
  ]);
  return buildActiveJobs(jobs, tasks, names, dbNow);
}

async function readDbNow(db: Db, scope: Scope): Promise<number> {
  try {
    const text = await selectDbNow(db, scope);
    const ms = text ? obTimeToMs(text) : NaN;
    return Number.isFinite(ms) ? ms : Date.now();
  } catch {
    // A server without the function still gets progress, on this host's clock.
    return Date.now();
  }
}

export function buildActiveJobs(
  jobs: JobRow[],
  tasks: TaskRow[],
  names: TenantNames,
  nowMs: number,
): ActiveJob[] {
  const tenantJobs = jobs.filter((j) => j.jobLevel !== 'CLUSTER');
  const out: ActiveJob[] = tenantJobs.map((j) => {
    const task = tasks.find((t) => t.tenantId === j.tenantId && t.jobId === j.jobId) ?? null;
    return toActiveJob(j, names(j.tenantId), task, nowMs);
  });
  for (const c of jobs.filter((j) => j.jobLevel === 'CLUSTER')) {
    const children = out.filter((o) => o.initiator === 'SYS' && childOf(tenantJobs, o, c.jobId));
    const job = toActiveJob(c, names(c.tenantId), null, nowMs);
    job.progress = sumProgress(
      children.map((ch) => ch.progress),
      c.status,
    );
    out.push(job);
  }
  return out.sort((a, b) => a.startTime.localeCompare(b.startTime) || a.tenantId - b.tenantId);
}

function childOf(jobs: JobRow[], job: ActiveJob, clusterJobId: number): boolean {
  return jobs.some(
    (j) =>
      j.tenantId === job.tenantId && j.jobId === job.jobId && j.initiatorJobId === clusterJobId,
  );
}

function toActiveJob(
  j: JobRow,
  tenantName: string,
  task: TaskRow | null,
  nowMs: number,
): ActiveJob {
  const startedAt = task?.startTimestamp || j.startTimestamp;
  return {
    tenantId: j.tenantId,
    tenantName,
    jobId: j.jobId,
    backupSetId: j.backupSetId,
    level: j.jobLevel as JobLevel,
    type: backupTypeOf(j.backupType),
    status: j.status as JobStatus,
    phase: task ? (task.status as TaskStatus) : null,
    plusArchivelog: j.plusArchivelog === 'ON',
    encryptionMode: (j.encryptionMode || 'NONE') as EncryptionMode,
    description: j.description,
    initiator: j.initiatorTenantId === 1 ? 'SYS' : 'TENANT',
    startTime: obTimeToIso(j.startTimestamp),
    path: j.path,
    progress: computeProgress({
      jobStatus: j.status,
      startedAtMs: obTimeToMs(startedAt),
      nowMs,
      task,
    }),
  };
}

/** A full snapshot for GET /api/backups/active when no poller is running for the account. */
export async function readActiveSnapshot(
  db: Db,
  scope: Scope,
  names: TenantNames,
  withDataProgress: boolean,
): Promise<ActiveJobsResponse> {
  const now = Date.now();
  const [jobs, recent] = await Promise.all([
    readActiveJobs(db, scope, names, withDataProgress),
    readRecentlyFinished(db, scope, names, now - RECENT_WINDOW_MS),
  ]);
  return { jobs, recent, updatedAt: new Date(now).toISOString() };
}

export async function readRecentlyFinished(
  db: Db,
  scope: Scope,
  names: TenantNames,
  sinceMs: number,
) {
  const since = new Date(sinceMs).toISOString().replace('T', ' ').replace('Z', '');
  const rows = await selectRecentlyFinished(db, scope, since, 20);
  return toHistoryItems(db, scope, rows, names);
}

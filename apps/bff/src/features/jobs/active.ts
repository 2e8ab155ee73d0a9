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
import { FinishedJobsIndex } from './finished-index.js';
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
  /** Each account's finished jobs, kept up to date by job id (the landing page's history reads). */
  readonly finished = new FinishedJobsIndex();

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
  return completeActiveJobs(db, scope, await selectActiveJobs(db, scope), names, withDataProgress);
}

/** Running jobs already read, with their tasks and the database's clock (none when idle). */
export async function completeActiveJobs(
  db: Db,
  scope: Scope,
  jobs: JobRow[],
  names: TenantNames,
  withDataProgress: boolean,
): Promise<ActiveJob[]> {
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

/**
 * A full snapshot for GET /api/backups/active when no poller is running for the account: the
 * running jobs, then the recently finished ones from the account's finished-jobs index (the
 * running jobs are read first, see FinishedJobs).
 */
export async function readActiveSnapshot(
  ctx: { db: Db; scope: Scope; accountKey: string; facts: ServerFacts },
  userTenants: readonly { tenantId: number; name: string }[],
  names: TenantNames,
  withDataProgress: boolean,
  /** The running jobs (selectActiveJobs), read before the finished jobs are caught up on. */
  rows: JobRow[],
): Promise<ActiveJobsResponse> {
  const now = Date.now();
  const { db, scope } = ctx;
  const ids = userTenants.map((t) => t.tenantId);
  const finished = ctx.facts.finished.of(ctx.accountKey);
  const [jobs] = await Promise.all([
    completeActiveJobs(db, scope, rows, names, withDataProgress),
    finished.refresh(db, scope, ids, rows, now, RECENT_WINDOW_MS),
  ]);
  const recent = await toHistoryItems(
    db,
    scope,
    finished.recent(ids, now - RECENT_WINDOW_MS, RECENT_LIMIT),
    names,
  );
  return { jobs, recent, updatedAt: new Date(now).toISOString() };
}

/** How many recently finished jobs an answer lists. */
export const RECENT_LIMIT = 20;

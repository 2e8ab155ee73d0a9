import type { Db } from '../../lib/db.js';
import { withDetachedBudget } from '../../lib/deadline.js';
import { obTimeToMs } from '../../lib/rows.js';
import type { Scope } from '../../lib/scope.js';
import { RecentFailures } from './finished-failures.js';
import {
  selectFinishedAfter,
  selectFinishedAfterEach,
  selectNewestFinished,
  selectNewestOfType,
} from './finished.sql.js';
import type { HistoryRow } from './history.sql.js';

type BackupType = 'FULL' | 'INC';

/** What the landing page needs of one tenant's finished jobs. */
export interface FinishedSummary {
  latest: Partial<Record<BackupType, HistoryRow>>;
  /** The newest COMPLETED job of each type. */
  completed: Partial<Record<BackupType, HistoryRow>>;
}

interface TenantEntry extends FinishedSummary {
  /** Every finished job of this tenant with a JOB_ID at or below this has been taken in. */
  highWater: number;
  /** The newest row taken in: it must still be there on the next read. */
  newest: HistoryRow | null;
  /** Finished jobs whose end lies within the recent window, newest end first. */
  recent: HistoryRow[];
  /** The FAILED jobs that ended lately (shared by the copies of one read; a fresh read starts anew). */
  failures: RecentFailures;
  /** OUTPUT_BYTES of the completed jobs' backup sets, by job id: final once a set succeeded. */
  setBytes: Map<number, number>;
}

/** Rows read on first sight of a tenant: usually enough to hold a job of each type and outcome. */
const FIRST_READ = 50;
/** Rows read when catching up; more than this since the last refresh and the tenant is read afresh. */
const PAGE = 200;
/** Recent rows kept per tenant (the API shows 20 in all). */
const RECENT_KEPT = 20;

/**
 * One database account's view of its tenants' finished jobs, kept up to date incrementally.
 *
 * The history only grows, and a tenant's job ids only grow, so after the first read each
 * refresh asks for the rows with a job id above the high-water mark: an index seek that returns
 * nothing on most calls, whatever the size of the history. A job still running holds the mark
 * below its id (it reaches the history later, possibly after jobs with higher ids), so a job
 * that finishes out of order is never stepped over. This is why callers pass the running jobs,
 * read before the refresh starts.
 */
export class FinishedJobs {
  readonly #tenants = new Map<number, TenantEntry>();
  #refreshing: Promise<void> | null = null;

  /**
   * Takes in what finished since the last refresh. Concurrent callers share one refresh (it runs
   * on a budget of its own, so one caller hanging up does not fail the others).
   */
  refresh(
    db: Db,
    scope: Scope,
    tenantIds: readonly number[],
    running: readonly { tenantId: number; jobId: number }[],
    nowMs: number,
    recentWindowMs: number,
  ): Promise<void> {
    if (this.#refreshing) return this.#refreshing;
    const p = withDetachedBudget(async () => {
      const caughtUp = await this.#catchUpTogether(db, scope, tenantIds);
      await Promise.all(
        tenantIds.map((id) =>
          this.#refreshTenant(
            db,
            scope,
            id,
            running.filter((r) => r.tenantId === id).map((r) => r.jobId),
            nowMs - recentWindowMs,
            caughtUp?.get(id),
          ),
        ),
      );
    }).finally(() => {
      if (this.#refreshing === p) this.#refreshing = null;
    });
    this.#refreshing = p;
    return p;
  }

  summary(tenantId: number): FinishedSummary {
    const e = this.#tenants.get(tenantId);
    return { latest: e?.latest ?? {}, completed: e?.completed ?? {} };
  }

  /** A tenant's recent failures (undefined before its first refresh): see RecentFailures. */
  failures(tenantId: number): RecentFailures | undefined {
    return this.#tenants.get(tenantId)?.failures;
  }

  /** The size of a completed job's backup set, when it was read before. */
  setBytes(tenantId: number, jobId: number): number | undefined {
    return this.#tenants.get(tenantId)?.setBytes.get(jobId);
  }

  /** Keeps the size of a completed job's backup set; only the newest completed jobs' are kept. */
  knowSetBytes(tenantId: number, jobId: number, bytes: number): void {
    const e = this.#tenants.get(tenantId);
    if (!e) return;
    const kept = new Set([e.completed.FULL?.jobId, e.completed.INC?.jobId]);
    if (!kept.has(jobId)) return;
    for (const id of e.setBytes.keys()) if (!kept.has(id)) e.setBytes.delete(id);
    e.setBytes.set(jobId, bytes);
  }

  /** Jobs of the given tenants that ended at or after `sinceMs`, newest end first. */
  recent(tenantIds: readonly number[], sinceMs: number, limit: number): HistoryRow[] {
    return tenantIds
      .flatMap((id) => this.#tenants.get(id)?.recent ?? [])
      .filter((r) => endMs(r) >= sinceMs)
      .sort((a, b) => endMs(b) - endMs(a) || b.tenantId - a.tenantId || b.jobId - a.jobId)
      .slice(0, limit);
  }

  /**
   * The sys tenant's catch-up of every tenant it knows, in one statement instead of one each:
   * each tenant's rows by id, or undefined when there is nothing to merge or the page came back
   * full (then some tenant may have more, and each is read on its own as before).
   */
  async #catchUpTogether(
    db: Db,
    scope: Scope,
    tenantIds: readonly number[],
  ): Promise<Map<number, HistoryRow[]> | undefined> {
    if (!scope.isSys) return undefined;
    const marks = tenantIds.flatMap((tenantId) => {
      const known = this.#tenants.get(tenantId);
      return known ? [{ tenantId, afterJobId: markOf(known) }] : [];
    });
    if (marks.length < 2) return undefined;
    const rows = await selectFinishedAfterEach(db, scope, marks, PAGE);
    if (rows.length === PAGE) return undefined;
    const byTenant = new Map<number, HistoryRow[]>(marks.map((m) => [m.tenantId, []]));
    for (const r of rows) byTenant.get(r.tenantId)?.push(r);
    return byTenant;
  }

  async #refreshTenant(
    db: Db,
    scope: Scope,
    tenantId: number,
    runningIds: number[],
    recentSinceMs: number,
    /** This tenant's rows above its mark, when they were read with the other tenants'. */
    caughtUp?: HistoryRow[],
  ): Promise<void> {
    let known = this.#tenants.get(tenantId);
    let rows: HistoryRow[] = [];
    if (known) {
      rows = caughtUp ?? (await selectFinishedAfter(db, scope, tenantId, markOf(known), PAGE));
      const newest = known.newest;
      // A full page: more finished than one page holds (a long absence, a burst). The newest rows
      // are all the summary needs, so the tenant is read afresh rather than page after page.
      if (rows.length === PAGE || (newest && !rows.some((r) => sameRow(r, newest))))
        known = undefined;
    }
    const entry: TenantEntry = known
      ? { ...known, latest: { ...known.latest }, completed: { ...known.completed } }
      : {
          highWater: 0,
          newest: null,
          latest: {},
          completed: {},
          recent: [],
          failures: new RecentFailures(),
          setBytes: new Map(),
        };
    if (!known) {
      rows = await selectNewestFinished(db, scope, tenantId, FIRST_READ);
      take(entry, rows);
      const top = Math.max(0, ...rows.map((r) => r.jobId));
      // Fewer rows than asked: that was the whole history. Otherwise look further down only for
      // what the newest rows lacked (each read stops at its first hit).
      if (rows.length === FIRST_READ) {
        const missing: [BackupType, boolean][] = [];
        for (const type of ['FULL', 'INC'] as const) {
          if (!entry.latest[type]) missing.push([type, false]);
          if (!entry.completed[type]) missing.push([type, true]);
        }
        const found = await Promise.all(
          missing.map(([type, completed]) =>
            selectNewestOfType(db, scope, tenantId, type, completed, top),
          ),
        );
        take(
          entry,
          found.filter((r): r is HistoryRow => r !== null),
        );
      }
      entry.highWater = top;
    } else {
      take(entry, rows);
      entry.highWater = Math.max(known.highWater, ...rows.map((r) => r.jobId));
    }
    for (const r of rows) if (!entry.newest || r.jobId > entry.newest.jobId) entry.newest = r;
    entry.failures.seen(rows.map((r) => ({ jobId: r.jobId, status: r.status, endMs: endMs(r) })));
    if (runningIds.length > 0)
      entry.highWater = Math.min(entry.highWater, Math.min(...runningIds) - 1);
    const byKey = new Map(entry.recent.map((r) => [r.jobId, r]));
    for (const r of rows) if (endMs(r) >= recentSinceMs) byKey.set(r.jobId, r);
    entry.recent = [...byKey.values()]
      .filter((r) => endMs(r) >= recentSinceMs)
      .sort((a, b) => endMs(b) - endMs(a))
      .slice(0, RECENT_KEPT);
    this.#tenants.set(tenantId, entry);
  }
}

/**
 * Where a known tenant's catch-up starts: just below the newest row taken in, so that it comes
 * back too. If it does not, the history was replaced (a test's reset, a cluster rebuilt at the
 * same address) and the tenant is read afresh rather than trusted from a mark that no longer
 * means anything.
 */
function markOf(known: TenantEntry): number {
  return Math.min(known.highWater, known.newest ? known.newest.jobId - 1 : Infinity);
}

function take(entry: FinishedSummary, rows: HistoryRow[]): void {
  for (const r of rows) {
    const type: BackupType = r.backupType === 'INC' ? 'INC' : 'FULL';
    if (!entry.latest[type] || r.jobId > entry.latest[type].jobId) entry.latest[type] = r;
    if (
      r.status === 'COMPLETED' &&
      (!entry.completed[type] || r.jobId > entry.completed[type].jobId)
    )
      entry.completed[type] = r;
  }
}

function sameRow(a: HistoryRow, b: HistoryRow): boolean {
  return (
    a.jobId === b.jobId &&
    a.backupSetId === b.backupSetId &&
    a.status === b.status &&
    a.startTimestamp === b.startTimestamp &&
    a.endTimestamp === b.endTimestamp
  );
}

function endMs(r: HistoryRow): number {
  return r.endTimestamp ? obTimeToMs(r.endTimestamp) : 0;
}

/**
 * The finished-jobs index of every account of one console, by account key (cluster + user):
 * what one account may see decides what its index holds, so accounts never share one. Bounded:
 * the least recently used account's index is dropped beyond `maxAccounts` (it is rebuilt from
 * the newest rows on its next use).
 */
export class FinishedJobsIndex {
  readonly #accounts = new Map<string, FinishedJobs>();

  constructor(private readonly maxAccounts = 1000) {}

  of(accountKey: string): FinishedJobs {
    let jobs = this.#accounts.get(accountKey);
    if (jobs) {
      this.#accounts.delete(accountKey);
    } else {
      jobs = new FinishedJobs();
      if (this.#accounts.size >= this.maxAccounts) {
        const oldest = this.#accounts.keys().next().value;
        if (oldest !== undefined) this.#accounts.delete(oldest);
      }
    }
    this.#accounts.set(accountKey, jobs);
    return jobs;
  }
}

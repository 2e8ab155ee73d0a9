import { renewBudget } from '../../lib/deadline.js';
import { ServerFacts, hasDataProgress, readActiveJobs } from './active.js';
import { toHistoryItems } from './history-rows.js';
import { selectTenants } from './directory.sql.js';
import type { JobWatcherEvent } from './watcher-events.js';
import type { JobWatcherOptions } from './watcher-options.js';
import { FinishedKeyset, usToObTime, type ClockStep } from './watcher-keyset.js';
import { applyPoll, type WatchState } from './watcher-diff.js';
import { DEFAULT_OVERLAP_MS, markFinishedBefore, readFinished } from './watcher-reads.js';
import { ClockCheck, DEFAULT_CLOCK_CHECK_MS, readClusterUs } from './watcher-clock.js';

const NAMES_TTL_MS = 60_000;
/** After how long a held job is logged as overdue. */
const HOLD_WARN_MS = 10 * 60_000;

/** How the watcher began: what its first poll (the baseline) needs to know. */
export interface WatchStart {
  /** The watcher's own clock at its first try. */
  startedAtMs: number;
  /** Tries that failed before this one (the database was away at start). */
  failures: number;
  /** Taking over from another instance: report what finished since then. */
  reportSinceMs: number | null;
}

/**
 * One poll of a cluster's job views and what the watcher knows between polls: the running
 * jobs, the held ones and the history keyset (WatchState), tenant names, and when the
 * cluster's clock was last checked. JobWatcher (watcher.ts) schedules the polls and reports
 * their failures.
 */
export class WatcherPoll {
  readonly state: WatchState;
  /** Per-server facts (DATA_PROGRESS) this watcher learns for itself. */
  readonly #facts = new ServerFacts();
  readonly #clock: ClockCheck;
  readonly #overlapMs: number;
  readonly #pageSize: number;
  #baselined = false;
  #names = new Map<number, string>();
  #namesAt = -Infinity;
  #namesStale = true;

  constructor(
    private readonly opts: JobWatcherOptions,
    private readonly now: () => number,
  ) {
    this.#overlapMs = opts.overlapMs ?? DEFAULT_OVERLAP_MS;
    this.state = {
      running: new Map(),
      held: new Map(),
      keyset: new FinishedKeyset(this.#overlapMs),
      firstActiveRead: true,
    };
    this.#clock = new ClockCheck(opts.clockCheckMs ?? DEFAULT_CLOCK_CHECK_MS);
    this.#pageSize = opts.pageSize ?? 500;
  }

  get baselined(): boolean {
    return this.#baselined;
  }

  /**
   * Reads everything first and changes state only after the last read: a poll that fails
   * half-way leaves the watcher where it was, and the next one reads the same again.
   */
  async run(start: WatchStart): Promise<JobWatcherEvent[]> {
    const { db, scope } = this.opts;
    if (!this.#baselined) await this.#baseline(start);
    await this.#loadNames();
    const nameOf = (id: number) => {
      const n = this.#names.get(id);
      if (n === undefined) this.#namesStale = true;
      return n ?? String(id);
    };
    const checkAt = this.now();
    const checking = this.#clock.due(checkAt);
    const clusterUs = checking ? await readClusterUs(db, scope) : null;
    const step =
      clusterUs === null
        ? null
        : this.state.keyset.stepBack(clusterUs, this.#clock.sinceMs(checkAt, start.startedAtMs));
    renewBudget();
    const withProgress = await hasDataProgress({
      db,
      scope,
      serverKey: this.opts.serverKey,
      facts: this.#facts,
    });
    const active = await readActiveJobs(db, scope, nameOf, withProgress);
    const { rows, restart } = await readFinished(
      db,
      scope,
      this.state,
      this.#pageSize,
      active,
      step,
    );
    renewBudget();
    const items = rows.length > 0 ? await toHistoryItems(db, scope, rows, nameOf) : [];

    // From here on nothing is awaited: the state and the events change together.
    if (checking) this.#clock.done(checkAt);
    if (restart) this.#warnStep(restart.step, restart.rebuilt);
    else if (clusterUs !== null) this.state.keyset.observe(clusterUs);
    const events = applyPoll(
      this.state,
      { active, rows, items, restart },
      this.opts.clusterId,
      this.now(),
    );
    this.#warnOverdue();
    return events;
  }

  /**
   * The start: what had finished before the watcher began is history, not news, so the
   * position starts at the newest end time and the jobs within the overlap are marked as
   * reported. When the first tries failed (the database was away at start), the jobs that
   * ended after the watcher's own start time are left to be reported.
   */
  async #baseline(start: WatchStart): Promise<void> {
    const cutoffUs =
      start.reportSinceMs !== null
        ? start.reportSinceMs * 1000
        : start.failures > 0
          ? start.startedAtMs * 1000
          : Infinity;
    await markFinishedBefore(
      this.opts.db,
      this.opts.scope,
      this.state.keyset,
      this.#pageSize,
      this.#overlapMs,
      cutoffUs,
    );
    this.#baselined = true;
  }

  async #loadNames(): Promise<void> {
    if (!this.#namesStale && this.now() - this.#namesAt < NAMES_TTL_MS) return;
    renewBudget();
    const tenants = await selectTenants(this.opts.db, this.opts.scope);
    this.#names = new Map(tenants.map((t) => [t.tenantId, t.name]));
    this.#namesAt = this.now();
    this.#namesStale = false;
  }

  /** One line per step: the cluster's logger names the cluster. */
  #warnStep(step: ClockStep, rebuilt: boolean): void {
    this.opts.log.warn(
      {
        position: usToObTime(step.fromUs),
        clusterTime: usToObTime(step.clusterUs),
        since: this.state.keyset.sinceStep(step),
        history: rebuilt ? 'rebuilt' : 'kept',
      },
      "job watcher: the cluster's clock is behind the end times already seen; reading its history again from its present",
    );
  }

  #warnOverdue(): void {
    const now = this.now();
    for (const h of this.state.held.values()) {
      if (h.warned || now - h.sinceMs < HOLD_WARN_MS) continue;
      h.warned = true;
      this.opts.log.warn(
        { tenantId: h.job.tenantId, jobId: h.job.jobId },
        'job watcher: a job left the running view 10 minutes ago and is still not in the history',
      );
    }
  }
}

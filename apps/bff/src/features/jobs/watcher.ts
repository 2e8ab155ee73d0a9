import type { ActiveJob } from '@obconsole/contracts';
import { isUnavailable, toAppError } from '../../lib/db.js';
import { renewBudget, withBudget } from '../../lib/deadline.js';
import { AppError } from '../../lib/errors.js';
import { hasDataProgress, readActiveJobs } from '../backups/active.js';
import { toHistoryItems } from '../history/history.model.js';
import type { HistoryRow } from '../history/history.sql.js';
import { selectTenants } from '../tenants/tenants.sql.js';
import { TypedEmitter, type JobWatcherEvent } from './watcher-events.js';
import {
  DEFAULT_WATCHER_INTERVALS,
  type JobWatcherOptions,
  type TickResult,
  type WatcherIntervals,
} from './watcher-options.js';
import { FinishedKeyset, jobKey, obTimeToUs, usToObTime } from './watcher-keyset.js';
import { applyPoll, type WatchState } from './watcher-diff.js';
import { selectFinishedJobs, selectFinishedSince, selectNewestEnd } from './watcher.sql.js';

export type * from './watcher-events.js';
export type * from './watcher-options.js';
export { DEFAULT_WATCHER_INTERVALS } from './watcher-options.js';

/** Never aborted: a poll has no client of its own. */
const NO_CLIENT = new AbortController().signal;
const NAMES_TTL_MS = 60_000;

/**
 * Watches one cluster's backup jobs under its service account, whoever is signed in: every
 * job that starts, changes phase and finishes becomes one typed event. Finished jobs are read
 * by a keyset over the history by end time (see FinishedKeyset), so a burst of any size, or an
 * outage of any length, is reported in full and each job once; running jobs are read each
 * poll, and a job that left the running view before reaching the history is held until it
 * arrives there.
 */
export class JobWatcher {
  readonly #events: TypedEmitter<JobWatcherEvent>;
  readonly #state: WatchState;
  readonly #intervals: WatcherIntervals;
  readonly #pageSize: number;
  readonly #queryTimeoutMs: number;
  readonly #now: () => number;
  #baselined = false;
  #startedAtMs: number | null = null;
  #failures = 0;
  #unavailableSince: number | null = null;
  #names = new Map<number, string>();
  #namesAt = -Infinity;
  #namesStale = true;
  #timer: NodeJS.Timeout | null = null;
  #inFlight: Promise<TickResult> | null = null;
  #stopped = false;

  constructor(private readonly opts: JobWatcherOptions) {
    this.#events = new TypedEmitter((err, event) =>
      opts.log.error(
        { err, cluster: opts.clusterId, event: event.type },
        'a job watcher subscriber failed',
      ),
    );
    this.#state = {
      running: new Map(),
      held: new Map(),
      keyset: new FinishedKeyset(opts.overlapMs ?? 5 * 60_000),
      firstActiveRead: true,
    };
    this.#intervals = { ...DEFAULT_WATCHER_INTERVALS, ...opts.intervals };
    this.#pageSize = opts.pageSize ?? 500;
    this.#queryTimeoutMs = opts.queryTimeoutMs ?? 15_000;
    this.#now = opts.now ?? Date.now;
  }

  get clusterId(): string {
    return this.opts.clusterId;
  }

  /** Every event; returns the unsubscribe. */
  subscribe(listener: (e: JobWatcherEvent) => void): () => void {
    return this.#events.subscribe(listener);
  }

  /** Events of one type; returns the unsubscribe. */
  on<T extends JobWatcherEvent['type']>(
    type: T,
    listener: (e: Extract<JobWatcherEvent, { type: T }>) => void,
  ): () => void {
    return this.#events.on(type, listener);
  }

  /** The jobs running at the last successful poll: what a late subscriber starts from. */
  running(): ActiveJob[] {
    return [...this.#state.running.values()];
  }

  /** Jobs that left the running view and are awaited in the history. */
  held(): { tenantId: number; jobId: number }[] {
    return [...this.#state.held.values()].map((j) => ({ tenantId: j.tenantId, jobId: j.jobId }));
  }

  get available(): boolean {
    return this.#unavailableSince === null;
  }

  /** Starts polling on its own schedule (unless autoPoll is false). */
  start(): void {
    if (this.opts.autoPoll === false || this.#stopped) return;
    this.#schedule(0);
  }

  /** Poll soon (a backup was just started or cancelled here), instead of at the next interval. */
  poke(): void {
    if (this.opts.autoPoll === false || this.#stopped || this.#inFlight) return;
    this.#schedule(0);
  }

  /** One poll now. Calls while one runs share it. */
  tick(): Promise<TickResult> {
    if (this.#inFlight) return this.#inFlight;
    const p = this.#tickOnce().finally(() => {
      this.#inFlight = null;
    });
    this.#inFlight = p;
    return p;
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#inFlight?.catch(() => undefined);
    if (this.opts.ownsDb) await this.opts.db.close();
  }

  #schedule(ms: number): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.tick().then((r) => {
        if (!this.#stopped && !this.#timer) this.#schedule(r.nextDelayMs);
      });
    }, ms);
    this.#timer.unref();
  }

  #delay(): number {
    const i = this.#intervals;
    if (this.#failures > 0) {
      return Math.min(i.maxBackoffMs, i.activeMs * 2 ** Math.min(this.#failures - 1, 20));
    }
    return this.#state.running.size + this.#state.held.size > 0 ? i.activeMs : i.idleMs;
  }

  async #tickOnce(): Promise<TickResult> {
    this.#startedAtMs ??= this.#now();
    const t = this.#queryTimeoutMs;
    try {
      const events = await withBudget({ deadline: Date.now() + t, signal: NO_CLIENT, ms: t }, () =>
        this.#poll(),
      );
      const out: JobWatcherEvent[] = [];
      if (this.#unavailableSince !== null) {
        out.push({
          type: 'watcher.recovered',
          clusterId: this.opts.clusterId,
          at: this.#at(),
          unavailableSince: new Date(this.#unavailableSince).toISOString(),
        });
        this.opts.log.info(
          { cluster: this.opts.clusterId },
          'job watcher: the cluster answers again',
        );
      }
      this.#failures = 0;
      this.#unavailableSince = null;
      out.push(...events);
      for (const e of out) this.#events.emit(e);
      return { ok: true, nextDelayMs: this.#delay(), emitted: out.length };
    } catch (e) {
      this.#failures += 1;
      const err = toAppError(e);
      const down = isUnavailable(e) || err.code === 'DATABASE_UNAVAILABLE';
      // A failure that is not the database being away is a bug or a refused statement: its stack.
      if (down)
        this.opts.log.warn(
          { cluster: this.opts.clusterId, code: err.code },
          'job watcher poll failed',
        );
      else this.opts.log.error({ err: e, cluster: this.opts.clusterId }, 'job watcher poll failed');
      let emitted = 0;
      if (this.#unavailableSince === null) {
        this.#unavailableSince = this.#now();
        this.#events.emit({
          type: 'watcher.unavailable',
          clusterId: this.opts.clusterId,
          at: this.#at(),
          code: err.code,
          message: err instanceof AppError ? err.message : 'The cluster could not be read.',
        });
        emitted = 1;
      }
      return { ok: false, nextDelayMs: this.#delay(), emitted };
    }
  }

  #at(): string {
    return new Date(this.#now()).toISOString();
  }

  /**
   * Reads everything first and changes state only after the last read: a poll that fails
   * half-way leaves the watcher where it was, and the next one reads the same again.
   */
  async #poll(): Promise<JobWatcherEvent[]> {
    const { db, scope } = this.opts;
    if (!this.#baselined) await this.#baseline();
    await this.#loadNames();
    const nameOf = (id: number) => {
      const n = this.#names.get(id);
      if (n === undefined) this.#namesStale = true;
      return n ?? String(id);
    };
    renewBudget();
    const withProgress = await hasDataProgress(db, scope, this.opts.serverKey);
    const active = await readActiveJobs(db, scope, nameOf, withProgress);
    const fresh = await this.#readNewFinished();
    const activeKeys = new Set(active.map(jobKey));
    const found = new Set(fresh.map(jobKey));
    const missing = [
      ...new Set([...this.#state.running.keys(), ...this.#state.held.keys()]),
    ].filter((k) => !activeKeys.has(k) && !found.has(k));
    let late: HistoryRow[] = [];
    if (missing.length > 0) {
      renewBudget();
      const keys = missing.map((k) => {
        const [tenantId, jobId] = k.split(':').map(Number) as [number, number];
        return { tenantId, jobId };
      });
      late = (await selectFinishedJobs(db, scope, keys)).filter(
        (r) => r.endTimestamp !== null && !this.#state.keyset.has(r) && !found.has(jobKey(r)),
      );
    }
    const rows = [...fresh, ...late].sort(byEnd);
    renewBudget();
    const items = rows.length > 0 ? await toHistoryItems(db, scope, rows, nameOf) : [];

    // From here on nothing is awaited: the state and the events change together.
    return applyPoll(this.#state, { active, rows, items }, this.opts.clusterId, this.#at());
  }

  /**
   * The start: what had finished before the watcher began is history, not news, so the
   * position starts at the newest end time and the jobs within the overlap are marked as
   * reported. When the first tries failed (the database was away at start), the jobs that
   * ended after the watcher's own start time are left to be reported.
   */
  async #baseline(): Promise<void> {
    renewBudget();
    const newest = await selectNewestEnd(this.opts.db, this.opts.scope);
    if (newest === null) {
      this.#baselined = true;
      return;
    }
    const newestUs = obTimeToUs(newest);
    const cutoffUs =
      this.#failures > 0 && this.#startedAtMs !== null ? this.#startedAtMs * 1000 : Infinity;
    const startUs = Math.min(newestUs, cutoffUs);
    const before = (
      await selectFinishedSince(
        this.opts.db,
        this.opts.scope,
        this.#pageSize,
        this.#overlapSince(startUs),
      )
    ).filter((r) => obTimeToUs(r.endTimestamp!) < cutoffUs);
    for (const r of before) this.#state.keyset.add({ ...r, endTimestamp: r.endTimestamp! });
    this.#state.keyset.startAt(usToObTime(startUs));
    this.#baselined = true;
  }

  #overlapSince(us: number): string {
    return usToObTime(us - (this.opts.overlapMs ?? 5 * 60_000) * 1000);
  }

  /** Finished jobs in the history from the keyset's lower bound on that were not reported yet. */
  async #readNewFinished(): Promise<HistoryRow[]> {
    const rows = await selectFinishedSince(
      this.opts.db,
      this.opts.scope,
      this.#pageSize,
      this.#state.keyset.since(),
    );
    return rows.filter((r) => !this.#state.keyset.has(r));
  }

  async #loadNames(): Promise<void> {
    if (!this.#namesStale && this.#now() - this.#namesAt < NAMES_TTL_MS) return;
    renewBudget();
    const tenants = await selectTenants(this.opts.db, this.opts.scope);
    this.#names = new Map(tenants.map((t) => [t.tenantId, t.name]));
    this.#namesAt = this.#now();
    this.#namesStale = false;
  }
}

function byEnd(a: HistoryRow, b: HistoryRow): number {
  return (
    obTimeToUs(a.endTimestamp!) - obTimeToUs(b.endTimestamp!) ||
    a.tenantId - b.tenantId ||
    a.jobId - b.jobId
  );
}

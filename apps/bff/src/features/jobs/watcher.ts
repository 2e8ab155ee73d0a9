import type { ActiveJob } from '@obconsole/contracts';
import { isUnavailable, toAppError } from '../../lib/db.js';
import { withBudget } from '../../lib/deadline.js';
import { TypedEmitter, type JobWatcherEvent } from './watcher-events.js';
import {
  DEFAULT_WATCHER_INTERVALS,
  type JobWatcherOptions,
  type TickResult,
  type WatcherIntervals,
} from './watcher-options.js';
import { WatcherPoll } from './watcher-poll.js';

export type * from './watcher-events.js';
export type * from './watcher-options.js';
export { DEFAULT_WATCHER_INTERVALS } from './watcher-options.js';

/** Never aborted: a poll has no client of its own. */
const NO_CLIENT = new AbortController().signal;
/** How long a held job keeps the fast interval. */
const HOLD_FAST_MS = 2 * 60_000;

/**
 * Watches one cluster's backup jobs under its service account, whoever is signed in: every
 * job that starts, changes phase and finishes becomes one typed event. Finished jobs are read
 * by a keyset over the history by end time (see FinishedKeyset), so a burst of any size, or an
 * outage of any length, is reported in full and each job once; running jobs are read each
 * poll, and a job that left the running view before reaching the history is held until it
 * arrives there. What one poll reads, and the state it keeps, is WatcherPoll's (watcher-poll.ts).
 */
export class JobWatcher {
  readonly #events: TypedEmitter<JobWatcherEvent>;
  readonly #poll: WatcherPoll;
  readonly #intervals: WatcherIntervals;
  readonly #queryTimeoutMs: number;
  readonly #now: () => number;
  #startedAtMs: number | null = null;
  #failures = 0;
  #unavailableSince: number | null = null;
  #timer: NodeJS.Timeout | null = null;
  #inFlight: Promise<TickResult> | null = null;
  #stopped = false;
  #paused = false;
  #reportSinceMs: number | null = null;

  constructor(private readonly opts: JobWatcherOptions) {
    this.#events = new TypedEmitter((err, event) =>
      opts.log.error({ err, event: event.type }, 'a job watcher subscriber failed'),
    );
    this.#now = opts.now ?? Date.now;
    this.#poll = new WatcherPoll(opts, this.#now);
    this.#intervals = { ...DEFAULT_WATCHER_INTERVALS, ...opts.intervals };
    this.#queryTimeoutMs = opts.queryTimeoutMs ?? 15_000;
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
    return [...this.#poll.state.running.values()];
  }

  /** Jobs that left the running view and are awaited in the history. */
  held(): { tenantId: number; jobId: number }[] {
    return [...this.#poll.state.held.values()].map(({ job }) => ({
      tenantId: job.tenantId,
      jobId: job.jobId,
    }));
  }

  get available(): boolean {
    return this.#unavailableSince === null;
  }

  /** Starts polling on its own schedule (unless autoPoll is false). */
  start(options: { reportFinishedSinceMs?: number } = {}): void {
    if (this.opts.autoPoll === false || this.#stopped) return;
    // Taking over from another instance: what finished since it last looked is still news.
    if (options.reportFinishedSinceMs !== undefined && !this.#poll.baselined)
      this.#reportSinceMs = options.reportFinishedSinceMs;
    this.#paused = false;
    this.#schedule(0);
  }

  /**
   * Stops polling until start() (another instance holds the cluster's watcher lease now). What
   * it learnt stays, so on start() it reads what finished meanwhile instead of missing it.
   */
  async pause(): Promise<void> {
    this.#paused = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#inFlight?.catch(() => undefined);
  }

  /** Poll soon (a backup was just started or cancelled here), instead of at the next interval. */
  poke(): void {
    if (this.opts.autoPoll === false || this.#stopped || this.#paused || this.#inFlight) return;
    this.#schedule(0);
  }

  /** One poll now. Calls while one runs share it. */
  tick(): Promise<TickResult> {
    if (this.#inFlight) return this.#inFlight;
    // Stopped: its connection is closed, and a poll would only report an outage that is not one.
    if (this.#stopped) return Promise.resolve({ ok: false, nextDelayMs: 0, emitted: 0 });
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
        if (!this.#stopped && !this.#paused && !this.#timer) this.#schedule(r.nextDelayMs);
      });
    }, ms);
    this.#timer.unref();
  }

  #delay(): number {
    const i = this.#intervals;
    if (this.#failures > 0) {
      return Math.min(i.maxBackoffMs, i.activeMs * 2 ** Math.min(this.#failures - 1, 20));
    }
    // A held job keeps the fast pace for a while only: one that never reaches the history (its
    // tenant was dropped) must not keep an idle cluster polled every second.
    const { running, held } = this.#poll.state;
    const now = this.#now();
    const awaited = [...held.values()].some((h) => now - h.sinceMs < HOLD_FAST_MS);
    return running.size > 0 || awaited ? i.activeMs : i.idleMs;
  }

  async #tickOnce(): Promise<TickResult> {
    const startedAtMs = (this.#startedAtMs ??= this.#now());
    const start = { startedAtMs, failures: this.#failures, reportSinceMs: this.#reportSinceMs };
    const t = this.#queryTimeoutMs;
    try {
      const events = await withBudget({ deadline: Date.now() + t, signal: NO_CLIENT, ms: t }, () =>
        this.#poll.run(start),
      );
      const out: JobWatcherEvent[] = [];
      if (this.#unavailableSince !== null) {
        out.push({
          type: 'watcher.recovered',
          clusterId: this.opts.clusterId,
          at: this.#at(),
          unavailableSince: new Date(this.#unavailableSince).toISOString(),
        });
        this.opts.log.info('job watcher: the cluster answers again');
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
      if (down) this.opts.log.warn({ code: err.code }, 'job watcher poll failed');
      else this.opts.log.error({ err: e }, 'job watcher poll failed');
      let emitted = 0;
      if (this.#unavailableSince === null) {
        this.#unavailableSince = this.#now();
        this.#events.emit({
          type: 'watcher.unavailable',
          clusterId: this.opts.clusterId,
          at: this.#at(),
          code: err.code,
          message: err.message,
        });
        emitted = 1;
      }
      return { ok: false, nextDelayMs: this.#delay(), emitted };
    }
  }

  #at(): string {
    return new Date(this.#now()).toISOString();
  }
}

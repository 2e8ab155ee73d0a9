import type { ActiveJobsResponse, HistoryItem } from '@obconsole/contracts';
import { Db, type DbAccount, type DbSettings, isUnavailable } from '../../lib/db.js';
import type { Logger } from '../../lib/logger.js';
import { withBudget } from '../../lib/deadline.js';
import type { Scope } from '../../lib/scope.js';
import { selectTenants } from '../jobs/directory.sql.js';
import { selectHistoryJobs } from '../jobs/history.sql.js';
import { toHistoryItems } from '../jobs/history-rows.js';
import type { ServerFacts } from '../jobs/active.js';
import { RECENT_LIMIT, RECENT_WINDOW_MS, readActiveJobs } from '../jobs/active.js';

export type PollerEvent =
  { type: 'active'; payload: ActiveJobsResponse } | { type: 'unavailable'; message: string };
type Listener = (e: PollerEvent) => void;

export interface PollerIntervals {
  /** While any backup runs. */
  activeMs: number;
  /** While nothing runs. */
  idleMs: number;
}

const NAMES_TTL_MS = 30_000;
/** Never aborted: a poll has no client of its own. */
const NO_CLIENT = new AbortController().signal;

/**
 * Polls one account's running backups and fans each change out to every listener (every tab
 * of every session of that account). Statements per second depend on whether a backup runs,
 * never on how many people watch.
 */
export class Poller {
  readonly #listeners = new Set<Listener>();
  readonly #db: Db;
  /** A poll still running after this long is overdue: watchers hear "unavailable" meanwhile. */
  readonly #overdueMs: number;
  readonly #queryTimeoutMs: number;
  #timer: NodeJS.Timeout | null = null;
  #snapshot: ActiveJobsResponse | null = null;
  #snapshotAt = 0;
  #fingerprint = '';
  #names = new Map<number, string>();
  #namesAt = 0;
  #userTenantIds: number[] = [];
  #recent: HistoryItem[] = [];
  #recentLoaded = false;
  #running = false;
  /** Poked while a read ran: that read may predate the change, so another follows at once. */
  #again = false;
  #stopped = false;
  #unavailable = false;

  constructor(
    readonly key: string,
    account: DbAccount,
    private readonly scope: Scope,
    private readonly serverKey: string,
    private readonly facts: ServerFacts,
    private readonly ownTenantName: string,
    settings: DbSettings,
    private readonly intervals: PollerIntervals,
    private readonly log: Logger,
  ) {
    this.#overdueMs = Math.max(intervals.activeMs, 1000);
    this.#queryTimeoutMs = settings.queryTimeoutMs;
    this.#db = new Db(account, scope.mode, settings, log, 'debug');
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  /** The latest snapshot when it is fresh enough to answer a GET with. */
  freshSnapshot(maxAgeMs: number): ActiveJobsResponse | null {
    // After a failed poll the last snapshot is history, not news: readers ask the database.
    if (this.#unavailable) return null;
    return this.#snapshot && Date.now() - this.#snapshotAt <= maxAgeMs ? this.#snapshot : null;
  }

  get snapshot(): ActiveJobsResponse | null {
    return this.#snapshot;
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    if (this.#snapshot) listener({ type: 'active', payload: this.#snapshot });
    if (!this.#timer && !this.#running) this.#schedule(0);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Poll now (after a start or a cancel), instead of waiting for the next tick. */
  poke(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    if (this.#timer) clearTimeout(this.#timer);
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#db.close();
  }

  #schedule(ms: number): void {
    if (this.#stopped) return;
    // A budget of its own: timers inherit the context of the request that created the poller,
    // whose deadline would otherwise cut every later poll.
    this.#timer = setTimeout(
      () =>
        void withBudget({ deadline: Date.now() + this.#queryTimeoutMs, signal: NO_CLIENT }, () =>
          this.#tick(),
        ),
      ms,
    );
    this.#timer.unref();
  }

  async #tick(): Promise<void> {
    this.#timer = null;
    this.#running = true;
    this.#again = false;
    let next = this.intervals.idleMs;
    // A frozen database answers nothing until the statement timeout: watchers are told once the
    // poll is overdue, while it goes on waiting (cutting it short would make a merely slow
    // database look down, every poll reconnecting after the last one was cut).
    const overdue = setTimeout(() => this.#markUnavailable('poll overdue'), this.#overdueMs);
    overdue.unref();
    try {
      const snap = await this.#read();
      next = snap.jobs.length > 0 ? this.intervals.activeMs : this.intervals.idleMs;
      // Back from an outage: watchers are told even when nothing changed, or they would keep
      // showing "unavailable" until the next change.
      const recovered = this.#unavailable;
      this.#unavailable = false;
      this.#snapshotAt = Date.now();
      const fp = JSON.stringify({ jobs: snap.jobs, recent: snap.recent });
      if (fp !== this.#fingerprint || !this.#snapshot || recovered) {
        this.#fingerprint = fp;
        this.#snapshot = snap;
        this.#emit({ type: 'active', payload: snap });
      } else {
        this.#snapshot = snap;
      }
    } catch (e) {
      next = this.intervals.activeMs * 2;
      this.#markUnavailable(
        isUnavailable(e) ? 'database unavailable' : String((e as Error).message),
      );
    } finally {
      clearTimeout(overdue);
      this.#running = false;
      this.#schedule(this.#again ? 0 : next);
    }
  }

  #markUnavailable(reason: string): void {
    if (!this.#unavailable) {
      this.#unavailable = true;
      this.log.warn({ poller: this.key, err: reason }, 'poll failed');
    }
    this.#emit({
      type: 'unavailable',
      message: 'The database cannot be reached; showing the last known state.',
    });
  }

  #emit(e: PollerEvent): void {
    for (const l of this.#listeners) {
      try {
        l(e);
      } catch (err) {
        this.log.warn({ err: String(err) }, 'poller listener failed');
      }
    }
  }

  async #read(): Promise<ActiveJobsResponse> {
    const now = Date.now();
    const names = await this.#tenantNames(now);
    const lookup = (id: number) =>
      names.get(id) ?? (this.scope.isSys ? String(id) : this.ownTenantName);
    const withProgress = await this.facts.hasDataProgress(this.#db, this.scope, this.serverKey);
    const jobs = await readActiveJobs(this.#db, this.scope, lookup, withProgress);

    if (!this.#recentLoaded) {
      // From the account's finished-jobs index (shared with GET /tenants and /backups/active),
      // which reads by job id from what it knew: no scan of the history by end time.
      const ids = this.scope.isSys ? this.#userTenantIds : [this.scope.tenantId];
      const finished = this.facts.finished.of(this.key);
      await finished.refresh(this.#db, this.scope, ids, jobs, now, RECENT_WINDOW_MS);
      this.#recent = await toHistoryItems(
        this.#db,
        this.scope,
        finished.recent(ids, now - RECENT_WINDOW_MS, RECENT_LIMIT),
        lookup,
      );
      this.#recentLoaded = true;
    } else if (this.#snapshot) {
      // Jobs that left the active views since the last poll have just finished: fetch their outcome.
      const gone = this.#snapshot.jobs.filter(
        (old) =>
          old.level !== 'CLUSTER' &&
          !jobs.some((j) => j.tenantId === old.tenantId && j.jobId === old.jobId),
      );
      if (gone.length > 0) {
        const rows = await selectHistoryJobs(this.#db, this.scope, gone);
        const finished = await toHistoryItems(this.#db, this.scope, rows, lookup);
        this.#recent = [...finished, ...this.#recent];
      }
    }
    this.#recent = this.#recent
      .filter((r) => r.endTime && Date.parse(r.endTime) >= now - RECENT_WINDOW_MS)
      .sort((a, b) => (b.endTime ?? '').localeCompare(a.endTime ?? ''));
    return { jobs, recent: this.#recent, updatedAt: new Date(now).toISOString() };
  }

  async #tenantNames(now: number): Promise<Map<number, string>> {
    if (now - this.#namesAt > NAMES_TTL_MS || this.#names.size === 0) {
      const tenants = await selectTenants(this.#db, this.scope);
      this.#names = new Map(tenants.map((t) => [t.tenantId, t.name]));
      this.#userTenantIds = tenants
        .filter((t) => t.type.toUpperCase() === 'USER')
        .map((t) => t.tenantId);
      this.#namesAt = now;
    }
    return this.#names;
  }
}

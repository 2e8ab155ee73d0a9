import type { Db } from '../../lib/db.js';
import type { Logger } from '../../lib/logger.js';
import type { Scope } from '../../lib/scope.js';

export interface WatcherIntervals {
  /** While a job runs (or one that ended is not in the history yet). */
  activeMs: number;
  /** While nothing runs. */
  idleMs: number;
  /** The longest wait between two tries while the database does not answer. */
  maxBackoffMs: number;
}

export const DEFAULT_WATCHER_INTERVALS: WatcherIntervals = {
  activeMs: 1000,
  idleMs: 5000,
  maxBackoffMs: 30_000,
};

export interface JobWatcherOptions {
  clusterId: string;
  /** The service account's access (sys: CDB_ views, every tenant). */
  db: Db;
  scope: Scope;
  /** host:port, for per-server facts such as the DATA_PROGRESS column. */
  serverKey: string;
  /** The cluster's logger: its lines already name the cluster, so the watcher adds no field for it. */
  log: Logger;
  intervals?: Partial<WatcherIntervals>;
  /** How far before the newest end time seen each poll reads again (default 5 minutes). */
  overlapMs?: number;
  /**
   * How often a poll also reads the cluster's clock (default 10 s; 0: every poll), to notice
   * that it stepped back behind the end times already seen (decision 021).
   */
  clockCheckMs?: number;
  /** Rows per history read; a burst of finished jobs takes as many reads as it needs. */
  pageSize?: number;
  /** The time one poll's statements may take (default 15 s). */
  queryTimeoutMs?: number;
  now?: () => number;
  /** false: polls happen only when tick() is called (tests drive it). Default true. */
  autoPoll?: boolean;
  /** Close `db` on stop(): the watcher opened it. */
  ownsDb?: boolean;
}

export interface TickResult {
  ok: boolean;
  /** How long the watcher waits before its next poll: fast while jobs run, backing off while unavailable. */
  nextDelayMs: number;
  /** Events emitted by this poll. */
  emitted: number;
}

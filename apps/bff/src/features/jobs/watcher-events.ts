import type { ActiveJob, HistoryItem, JobStatus, TaskStatus } from '@obconsole/contracts';

/*
 * What a cluster's job watcher tells its subscribers (the live-progress stream, the alert engine,
 * the policy-run recorder). Every event names its cluster; `at` is the watcher's clock when it
 * noticed, the job rows carry the database's own times.
 */

interface Base {
  clusterId: string;
  /** ISO time the watcher noticed it (its injectable clock). */
  at: string;
}

/** A job seen in CDB_OB_BACKUP_JOBS for the first time. */
export interface JobStartedEvent extends Base {
  type: 'job.started';
  job: ActiveJob;
  /** It was already running when the watcher first read the cluster: not a new start. */
  alreadyRunning: boolean;
}

/** A running job's STATUS or its task's phase (BACKUP_DATA_MINOR, ...) changed between two polls. */
export interface JobPhaseEvent extends Base {
  type: 'job.phase';
  job: ActiveJob;
  previous: { status: JobStatus; phase: TaskStatus | null };
}

/** A job reached CDB_OB_BACKUP_JOB_HISTORY: reported once per (cluster, tenant, job). */
export interface JobFinishedEvent extends Base {
  type: 'job.finished';
  /** The final row: status, result, comment, tenant, type, ids, times, size. */
  job: HistoryItem;
  /** False for a job that started and ended between two polls (no job.started came before). */
  seenRunning: boolean;
}

/** The cluster stopped answering the watcher (once per outage). */
export interface WatcherUnavailableEvent extends Base {
  type: 'watcher.unavailable';
  code: string;
  message: string;
}

/** The cluster answers again; every job that finished meanwhile follows as job.finished. */
export interface WatcherRecoveredEvent extends Base {
  type: 'watcher.recovered';
  /** ISO time of the first failed poll. */
  unavailableSince: string;
}

export type JobWatcherEvent =
  | JobStartedEvent
  | JobPhaseEvent
  | JobFinishedEvent
  | WatcherUnavailableEvent
  | WatcherRecoveredEvent;

export type JobWatcherEventType = JobWatcherEvent['type'];

/**
 * A tiny typed emitter. A subscriber that throws is reported through `onError` and does not
 * stop the others or the watcher.
 */
export class TypedEmitter<E extends { type: string }> {
  readonly #listeners = new Set<(e: E) => void>();

  constructor(private readonly onError: (err: unknown, event: E) => void) {}

  /** Every event; returns the unsubscribe. */
  subscribe(listener: (e: E) => void): () => void {
    const own = (e: E) => listener(e);
    this.#listeners.add(own);
    return () => {
      this.#listeners.delete(own);
    };
  }

  /** Events of one type, typed as such; returns the unsubscribe. */
  on<T extends E['type']>(type: T, listener: (e: Extract<E, { type: T }>) => void): () => void {
    return this.subscribe((e) => {
      if (e.type === type) listener(e as Extract<E, { type: T }>);
    });
  }

  emit(event: E): void {
    for (const l of [...this.#listeners]) {
      try {
        l(event);
      } catch (err) {
        this.onError(err, event);
      }
    }
  }

  get size(): number {
    return this.#listeners.size;
  }
}

import type { ActiveJob, HistoryItem } from '@obconsole/contracts';
import type { HistoryRow } from './history.sql.js';
import type { JobWatcherEvent } from './watcher-events.js';
import { jobKey, type FinishedKeyset, type StepRestart } from './watcher-keyset.js';

export interface HeldJob {
  job: ActiveJob;
  sinceMs: number;
  /** A warning that it is overdue was logged. */
  warned: boolean;
}

/** What the watcher knows between two polls. */
export interface WatchState {
  /** Jobs seen running at the last poll, by (tenant, job). */
  running: Map<string, ActiveJob>;
  /** Jobs gone from the running view and not yet found in the history, and since when. */
  held: Map<string, HeldJob>;
  keyset: FinishedKeyset;
  /** The next read of the running view is the first one: what it finds was already running. */
  firstActiveRead: boolean;
}

/**
 * One poll's reads turned into events, the state moved on with them: a job new in the running
 * view started, one whose status or task phase differs changed phase, one newly in the history
 * finished (once: the keyset remembers it). A job in both views is finished; a job gone from
 * the running view and not yet in the history is held. `items[i]` is `rows[i]` as the API shows it.
 * After a clock step (`restart`) the keyset starts again first; a rebuilt history also drops
 * the jobs seen running, which were the old cluster's.
 */
export function applyPoll(
  state: WatchState,
  read: {
    active: ActiveJob[];
    rows: HistoryRow[];
    items: HistoryItem[];
    restart?: StepRestart | null;
  },
  clusterId: string,
  nowMs: number,
): JobWatcherEvent[] {
  const at = new Date(nowMs).toISOString();
  const { active, rows, items, restart } = read;
  if (restart) {
    state.keyset.restart(restart);
    if (restart.rebuilt) {
      state.running.clear();
      state.held.clear();
    }
  }
  const finishedKeys = new Set(rows.map(jobKey));
  const events: JobWatcherEvent[] = [];
  const running = new Map<string, ActiveJob>();
  for (const job of active) {
    const k = jobKey(job);
    if (finishedKeys.has(k) || state.keyset.isRunningReported(job)) continue;
    const prev = state.running.get(k) ?? state.held.get(k)?.job;
    if (!prev) {
      events.push({
        type: 'job.started',
        clusterId,
        at,
        job,
        alreadyRunning: state.firstActiveRead,
      });
    } else if (prev.status !== job.status || prev.phase !== job.phase) {
      events.push({
        type: 'job.phase',
        clusterId,
        at,
        job,
        previous: { status: prev.status, phase: prev.phase },
      });
    }
    running.set(k, job);
    state.held.delete(k);
  }
  for (const [k, job] of state.running) {
    if (!running.has(k) && !finishedKeys.has(k))
      state.held.set(k, { job, sinceMs: nowMs, warned: false });
  }
  rows.forEach((row, i) => {
    const k = jobKey(row);
    const seenRunning = state.running.has(k) || state.held.has(k);
    if (!state.keyset.add({ ...row, endTimestamp: row.endTimestamp! })) return;
    state.held.delete(k);
    events.push({ type: 'job.finished', clusterId, at, job: items[i]!, seenRunning });
  });
  state.keyset.prune();
  state.running = running;
  state.firstActiveRead = false;
  return events;
}

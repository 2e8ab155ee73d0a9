import type { ActiveJob } from '@obconsole/contracts';
import type { Db } from '../../lib/db.js';
import { renewBudget } from '../../lib/deadline.js';
import type { Scope } from '../../lib/scope.js';
import type { HistoryRow } from './history.sql.js';
import type { WatchState } from './watcher-diff.js';
import { jobKey, obTimeToUs, usToObTime, type FinishedKeyset } from './watcher-keyset.js';
import { selectFinishedJobs, selectFinishedSince, selectNewestEnd } from './watcher.sql.js';

/* What one poll reads of the history: the keyset from its lower bound, and the held jobs by key. */

export const DEFAULT_OVERLAP_MS = 5 * 60_000;

/**
 * The finished jobs not reported yet, in (end time, tenant, job) order: those the keyset finds
 * from its lower bound, and those seen running (or held) that it did not find, looked up by
 * key however old their end time.
 */
export async function readFinished(
  db: Db,
  scope: Scope,
  state: WatchState,
  pageSize: number,
  active: readonly ActiveJob[],
): Promise<HistoryRow[]> {
  const fresh = (await selectFinishedSince(db, scope, pageSize, state.keyset.since())).filter(
    (r) => !state.keyset.has(r),
  );
  const activeKeys = new Set(active.map(jobKey));
  const found = new Set(fresh.map(jobKey));
  const missing = [...new Set([...state.running.keys(), ...state.held.keys()])].filter(
    (k) => !activeKeys.has(k) && !found.has(k),
  );
  let late: HistoryRow[] = [];
  if (missing.length > 0) {
    renewBudget();
    const keys = missing.map((k) => {
      const [tenantId, jobId] = k.split(':').map(Number) as [number, number];
      return { tenantId, jobId };
    });
    late = (await selectFinishedJobs(db, scope, keys)).filter(
      (r) => r.endTimestamp !== null && !state.keyset.has(r) && !found.has(jobKey(r)),
    );
  }
  return [...fresh, ...late].sort(byEnd);
}

/**
 * The watcher's start: what had finished before it began is history, not news, so the position
 * starts at the newest end time and the jobs within the overlap are marked as reported. With a
 * cutoff (the database was away when the watcher started), jobs that ended at or after it are
 * left to be reported.
 */
export async function markFinishedBefore(
  db: Db,
  scope: Scope,
  keyset: FinishedKeyset,
  pageSize: number,
  overlapMs: number,
  cutoffUs: number,
): Promise<void> {
  renewBudget();
  const newest = await selectNewestEnd(db, scope);
  if (newest === null) return;
  const startUs = Math.min(obTimeToUs(newest), cutoffUs);
  const since = usToObTime(startUs - overlapMs * 1000);
  const before = (await selectFinishedSince(db, scope, pageSize, since)).filter(
    (r) => obTimeToUs(r.endTimestamp!) < cutoffUs,
  );
  for (const r of before) keyset.add({ ...r, endTimestamp: r.endTimestamp! });
  keyset.startAt(usToObTime(startUs));
}

function byEnd(a: HistoryRow, b: HistoryRow): number {
  return (
    obTimeToUs(a.endTimestamp!) - obTimeToUs(b.endTimestamp!) ||
    a.tenantId - b.tenantId ||
    a.jobId - b.jobId
  );
}

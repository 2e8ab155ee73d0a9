import type { ActiveJob } from '@obconsole/contracts';
import type { Db } from '../../lib/db.js';
import { renewBudget } from '../../lib/deadline.js';
import type { Scope } from '../../lib/scope.js';
import type { HistoryRow } from './history.sql.js';
import type { WatchState } from './watcher-diff.js';
import {
  jobKey,
  obTimeToUs,
  usToObTime,
  type ClockStep,
  type FinishedKeyset,
  type StepRestart,
} from './watcher-keyset.js';
import { selectFinishedJobs, selectFinishedSince, selectHistoryExtent } from './watcher.sql.js';

/* What one poll reads of the history: the keyset from its lower bound, and the held jobs by key. */

export const DEFAULT_OVERLAP_MS = 5 * 60_000;

/** A history row that has ended (the keyset reads only those). */
export type EndedRow = HistoryRow & { endTimestamp: string };

export interface FinishedRead {
  /** Not reported yet, in (end time, tenant, job) order. */
  rows: HistoryRow[];
  restart: StepRestart | null;
}

/**
 * The finished jobs not reported yet, in (end time, tenant, job) order: those the keyset finds
 * from its lower bound, and those seen running (or held) that it did not find, looked up by
 * key however old their end time. After a clock step (`step`), the keyset reads from the
 * cluster's present instead and sorts what it finds (FinishedKeyset.sortAfterStep).
 */
export async function readFinished(
  db: Db,
  scope: Scope,
  state: WatchState,
  pageSize: number,
  active: readonly ActiveJob[],
  step: ClockStep | null = null,
): Promise<FinishedRead> {
  const { keyset } = state;
  const read = (await selectFinishedSince(
    db,
    scope,
    pageSize,
    step ? keyset.sinceStep(step) : keyset.since(),
  )) as EndedRow[];
  const tracked = new Set([...state.running.keys(), ...state.held.keys()]);
  const activeKeys = new Set(active.map(jobKey));
  let fresh: EndedRow[];
  let restart: StepRestart | null = null;
  if (step) {
    const sorted = keyset.sortAfterStep(step, read, (k) => tracked.has(k) || activeKeys.has(k));
    fresh = sorted.fresh;
    restart = { step, rebuilt: sorted.rebuilt, known: sorted.known };
    if (sorted.rebuilt) {
      // The jobs seen running were the old cluster's: none of them will reach this history.
      renewBudget();
      restart.jobIds = (await selectHistoryExtent(db, scope)).maxJobIds;
      return { rows: fresh.sort(byEnd), restart };
    }
  } else {
    fresh = read.filter((r) => !keyset.has(r));
  }
  const found = new Set(read.map(jobKey));
  const missing = [...tracked].filter((k) => !activeKeys.has(k) && !found.has(k));
  let late: HistoryRow[] = [];
  if (missing.length > 0) {
    renewBudget();
    const keys = missing.map((k) => {
      const [tenantId, jobId] = k.split(':').map(Number) as [number, number];
      return { tenantId, jobId };
    });
    late = (await selectFinishedJobs(db, scope, keys)).filter(
      (r) => r.endTimestamp !== null && !keyset.has(r),
    );
  }
  return { rows: [...fresh, ...late].sort(byEnd), restart };
}

/**
 * The watcher's start: what had finished before it began is history, not news, so the position
 * starts at the newest end time and the jobs within the overlap are marked as reported; each
 * tenant's highest job id is noted (what a clock step is sorted by). With a cutoff (the database
 * was away when the watcher started), jobs that ended at or after it are left to be reported.
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
  const { newestEnd, maxJobIds } = await selectHistoryExtent(db, scope);
  if (newestEnd === null) return;
  const startUs = Math.min(obTimeToUs(newestEnd), cutoffUs);
  const since = usToObTime(startUs - overlapMs * 1000);
  const before = (await selectFinishedSince(db, scope, pageSize, since)).filter(
    (r) => obTimeToUs(r.endTimestamp!) < cutoffUs,
  );
  for (const r of before) keyset.add({ ...r, endTimestamp: r.endTimestamp! });
  keyset.noteJobIds(maxJobIds);
  keyset.startAt(usToObTime(startUs));
}

function byEnd(a: HistoryRow, b: HistoryRow): number {
  return (
    obTimeToUs(a.endTimestamp!) - obTimeToUs(b.endTimestamp!) ||
    a.tenantId - b.tenantId ||
    a.jobId - b.jobId
  );
}

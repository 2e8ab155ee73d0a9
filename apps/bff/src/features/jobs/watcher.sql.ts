import type { Db } from '../../lib/db.js';
import { renewBudget } from '../../lib/deadline.js';
import { num, numOrNull, toViewTime, viewTimeOrNull } from '../../lib/rows.js';
import type { Scope } from '../../lib/scope.js';
import { historyColumns, historyRow, type HistoryRow } from './history.sql.js';

/* The watcher's reads of the job history: a keyset by end time, and a look-up of named jobs. */

/** The position of a finished job in the watcher's keyset. */
export interface FinishedKey {
  /** END_TIMESTAMP as the console's UTC text. */
  endTimestamp: string;
  tenantId: number;
  jobId: number;
  /** START_TIMESTAMP as the console's UTC text, when known: it tells a reused key from the job. */
  startTimestamp?: string;
}

// Every level (CLUSTER and USER_TENANT) is read: subscribers choose what they care about.

/** Where the history ends: its newest END_TIMESTAMP (UTC text, null when empty), and each tenant's highest job id. */
export interface HistoryExtent {
  newestEnd: string | null;
  maxJobIds: Map<number, number>;
}

/** The history's extent, in one statement (the sys tenant's CDB_ view groups by tenant). */
export async function selectHistoryExtent(db: Db, scope: Scope): Promise<HistoryExtent> {
  const rows = await db.query(
    'watcher-history-extent',
    `SELECT ${scope.tenantIdColumn}, MAX(JOB_ID) AS MAX_JOB_ID, MAX(END_TIMESTAMP) AS END_TS FROM ${scope.view('OB_BACKUP_JOB_HISTORY')}${scope.isSys ? ' GROUP BY TENANT_ID' : ''}`,
  );
  const out: HistoryExtent = { newestEnd: null, maxJobIds: new Map() };
  for (const r of rows) {
    const jobId = numOrNull(r, 'MAX_JOB_ID');
    if (jobId !== null) out.maxJobIds.set(num(r, 'TENANT_ID'), jobId);
    const end = viewTimeOrNull(r, 'END_TS', scope.mode);
    // One view spells every end time alike, so the texts order as the instants do.
    if (end && (out.newestEnd === null || end > out.newestEnd)) out.newestEnd = end;
  }
  return out;
}

/**
 * One page of finished jobs in (END_TIMESTAMP, TENANT_ID, JOB_ID) order: those that ended at or
 * after `since` and, within that, after `after` (the last row of the previous page). The
 * comparison is spelled out rather than written as a row value so that Oracle mode reads it too.
 */
export async function selectFinishedPage(
  db: Db,
  scope: Scope,
  since: string | null,
  after: FinishedKey | null,
  limit: number,
): Promise<HistoryRow[]> {
  const where: string[] = ['END_TIMESTAMP IS NOT NULL'];
  const values: (string | number)[] = [];
  if (since !== null) {
    where.push('END_TIMESTAMP >= ?');
    values.push(toViewTime(since, scope.mode, 'down'));
  }
  if (after) {
    const t = scope.tenantIdExpr;
    where.push(
      `(END_TIMESTAMP > ? OR (END_TIMESTAMP = ? AND (${t} > ? OR (${t} = ? AND JOB_ID > ?))))`,
    );
    const key = toViewTime(after.endTimestamp, scope.mode);
    values.push(key, key, after.tenantId, after.tenantId, after.jobId);
  }
  const orderBy = scope.isSys
    ? 'END_TIMESTAMP ASC, TENANT_ID ASC, JOB_ID ASC'
    : 'END_TIMESTAMP ASC, JOB_ID ASC';
  const rows = await db.query(
    'watcher-finished-page',
    scope.bind(
      `SELECT ${historyColumns(scope)} FROM ${scope.view('OB_BACKUP_JOB_HISTORY')} WHERE ${where.join(' AND ')} ORDER BY ${orderBy} ${scope.limit(limit)}`,
      values,
    ),
  );
  return rows.map((r) => historyRow(r, scope.mode));
}

/** Every finished job from `since` on, page after page: a burst of any size is read in full. */
export async function selectFinishedSince(
  db: Db,
  scope: Scope,
  pageSize: number,
  since: string | null,
): Promise<HistoryRow[]> {
  const out: HistoryRow[] = [];
  let after: FinishedKey | null = null;
  for (;;) {
    // Each page has the whole statement time: a long catch-up after an outage is not cut short.
    renewBudget();
    const page = await selectFinishedPage(db, scope, since, after, pageSize);
    for (const r of page) if (r.endTimestamp) out.push(r);
    const last = page[page.length - 1];
    if (page.length < pageSize || !last?.endTimestamp) return out;
    after = { endTimestamp: last.endTimestamp, tenantId: last.tenantId, jobId: last.jobId };
  }
}

/** The history rows of named jobs (those seen running that the keyset has not found yet). */
export async function selectFinishedJobs(
  db: Db,
  scope: Scope,
  keys: readonly { tenantId: number; jobId: number }[],
): Promise<HistoryRow[]> {
  if (keys.length === 0) return [];
  const conds = keys.map(() => `(${scope.tenantIdExpr} = ? AND JOB_ID = ?)`).join(' OR ');
  const rows = await db.query(
    'watcher-finished-jobs',
    scope.bind(
      `SELECT ${historyColumns(scope)} FROM ${scope.view('OB_BACKUP_JOB_HISTORY')} WHERE ${conds}`,
      keys.flatMap((k) => [k.tenantId, k.jobId]),
    ),
  );
  return rows.map((r) => historyRow(r, scope.mode));
}

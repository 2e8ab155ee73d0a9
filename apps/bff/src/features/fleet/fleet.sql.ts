import type { Db } from '../../lib/db.js';
import { isoToObTime, num, obTimeToMs, toViewTime, viewTime } from '../../lib/rows.js';
import type { Scope } from '../../lib/scope.js';

/**
 * Tenant-level jobs that ended FAILED since `since` (UTC text): one statement for the whole
 * cluster however many tenants it has. Bounded by start time too (no job runs longer than
 * `MAX_JOB_DAYS`), so it reads a range of the start-time index, not every failure ever.
 */
export async function selectFailuresSince(
  db: Db,
  scope: Scope,
  since: string,
): Promise<{ tenantId: number; jobId: number; endMs: number }[]> {
  const rows = await db.query(
    'fleet-failures',
    scope.bind(
      `SELECT ${scope.tenantIdColumn}, JOB_ID, END_TIMESTAMP FROM ${scope.view('OB_BACKUP_JOB_HISTORY')} WHERE JOB_LEVEL = ? AND STATUS = ? AND END_TIMESTAMP >= ? AND START_TIMESTAMP >= ?`,
      [
        'USER_TENANT',
        'FAILED',
        toViewTime(since, scope.mode, 'down'),
        toViewTime(startedAfter(since), scope.mode, 'down'),
      ],
    ),
  );
  // Not grouped: with GROUP BY the planner walked the (tenant, job) key over the whole history
  // instead of the start-time range; the rows are the window's failures, a handful.
  return rows.map((r) => ({
    tenantId: num(r, 'TENANT_ID'),
    jobId: num(r, 'JOB_ID'),
    endMs: obTimeToMs(viewTime(r, 'END_TIMESTAMP', scope.mode)),
  }));
}

/** The longest a backup job is assumed to run: failures are counted among jobs started since. */
export const MAX_JOB_DAYS = 7;

function startedAfter(since: string): string {
  return isoToObTime(new Date(obTimeToMs(since) - MAX_JOB_DAYS * 86_400_000).toISOString());
}

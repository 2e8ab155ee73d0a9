import type { Db } from '../../lib/db.js';
import { num, toViewTime } from '../../lib/rows.js';
import type { Scope } from '../../lib/scope.js';

/**
 * Tenant-level jobs that ended FAILED since `since` (UTC text), per tenant: one statement for
 * the whole cluster however many tenants it has.
 */
export async function selectFailuresSince(
  db: Db,
  scope: Scope,
  since: string,
): Promise<Map<number, number>> {
  const group = scope.isSys ? ' GROUP BY TENANT_ID' : '';
  const rows = await db.query(
    'fleet-failures',
    scope.bind(
      `SELECT ${scope.tenantIdColumn}, COUNT(*) AS N FROM ${scope.view('OB_BACKUP_JOB_HISTORY')} WHERE JOB_LEVEL = ? AND STATUS = ? AND END_TIMESTAMP >= ?${group}`,
      ['USER_TENANT', 'FAILED', toViewTime(since, scope.mode, 'down')],
    ),
  );
  return new Map(rows.map((r) => [num(r, 'TENANT_ID'), num(r, 'N')]));
}

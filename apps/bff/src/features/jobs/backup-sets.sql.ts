import type { Db } from '../../lib/db.js';
import { num, strOrNull } from '../../lib/rows.js';
import type { Scope } from '../../lib/scope.js';

/** Each backup set's size and restorable point, looked up for a page of jobs at once. */

export interface SetSizeRow {
  tenantId: number;
  backupSetId: number;
  outputBytes: number;
  minRestoreScnDisplay: string | null;
}

export async function selectSetSizes(
  db: Db,
  scope: Scope,
  keys: { tenantId: number; backupSetId: number }[],
): Promise<SetSizeRow[]> {
  if (keys.length === 0) return [];
  // One IN list per tenant (at most 500 ids each, under Oracle's 1000): a CSV chunk of 1000 jobs
  // as 1000 OR-ed pairs was a statement the simulator's SQLite refused and a slow one anywhere.
  const byTenant = new Map<number, Set<number>>();
  for (const k of keys) {
    const ids = byTenant.get(k.tenantId) ?? new Set<number>();
    ids.add(k.backupSetId);
    byTenant.set(k.tenantId, ids);
  }
  const conds = [...byTenant]
    .map(([tenantId, ids]) => {
      const lists = chunked([...ids], 500).map((part) => `BACKUP_SET_ID IN (${part.join(', ')})`);
      return `(${scope.tenantIdExpr} = ${tenantId} AND (${lists.join(' OR ')}))`;
    })
    .join(' OR ');
  const rows = await db.query(
    'set-sizes',
    `SELECT ${scope.tenantIdColumn}, BACKUP_SET_ID, OUTPUT_BYTES, MIN_RESTORE_SCN_DISPLAY FROM ${scope.view('OB_BACKUP_SET_FILES')} WHERE ${conds}`,
  );
  return rows.map((r) => ({
    tenantId: num(r, 'TENANT_ID'),
    backupSetId: num(r, 'BACKUP_SET_ID'),
    outputBytes: num(r, 'OUTPUT_BYTES'),
    minRestoreScnDisplay: strOrNull(r, 'MIN_RESTORE_SCN_DISPLAY'),
  }));
}

function chunked<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

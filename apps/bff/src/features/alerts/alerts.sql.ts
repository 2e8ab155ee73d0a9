import type { Db } from '../../lib/db.js';
import { num, str } from '../../lib/rows.js';
import type { Scope } from '../../lib/scope.js';

export interface ArchiveCheckpointRow {
  tenantId: number;
  destNo: number;
  status: string;
  /** CHECKPOINT_SCN: in OceanBase 4.x an SCN is nanoseconds since the epoch (0 before the first checkpoint). */
  checkpointScn: bigint;
}

/** Each tenant's archive round per destination with its checkpoint (CDB_OB_ARCHIVELOG). */
export async function selectArchiveCheckpoints(
  db: Db,
  scope: Scope,
): Promise<ArchiveCheckpointRow[]> {
  const rows = await db.query(
    'archive-checkpoints',
    `SELECT ${scope.tenantIdColumn}, DEST_NO, STATUS, CHECKPOINT_SCN FROM ${scope.view('OB_ARCHIVELOG')}`,
  );
  return rows.map((r) => ({
    tenantId: num(r, 'TENANT_ID'),
    destNo: num(r, 'DEST_NO'),
    status: str(r, 'STATUS'),
    checkpointScn: scnOf(str(r, 'CHECKPOINT_SCN')),
  }));
}

function scnOf(v: string): bigint {
  return /^\d+$/.test(v) ? BigInt(v) : 0n;
}

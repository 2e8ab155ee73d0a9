import type { RowDataPacket } from 'mysql2/promise';
import { advance, type Harness } from './harness.js';

/** Runs a cluster's job engine until no backup job is active any more. */
export async function finishAllJobs(h: Harness, clusterId?: string): Promise<void> {
  const c = await h.sql('root', 'sys', clusterId);
  const sim = clusterId ? h.simOf(clusterId) : h.sim;
  for (let i = 0; i < 100; i++) {
    const [rows] = await c.query<RowDataPacket[]>(
      'SELECT COUNT(*) AS N FROM oceanbase.CDB_OB_BACKUP_JOBS',
    );
    if (Number(rows[0]!.N) === 0) return;
    advance(sim, 30);
  }
  throw new Error('jobs did not finish');
}

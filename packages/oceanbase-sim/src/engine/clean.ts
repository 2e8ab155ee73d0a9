import type { Store } from '../catalog/store.js';
import { S } from './model.js';

/**
 * Backup cleaning under a delete policy (ALTER SYSTEM ADD DELETE BACKUP POLICY ... RECOVERY_WINDOW).
 * Whenever a tenant has a policy and no clean job runs, the backup sets that ended before
 * now - window are marked DELETING by a new job, except the newest full set that ended before
 * that boundary and everything after it: that chain is still needed to restore to any point in
 * the window. DELETE_DELAY_US later they are DELETED and the job moves to the history.
 */
export const DELETE_DELAY_US = 5 * S;

/** '7d', '12h', '30m', '90s' → microseconds, or null. */
export function recoveryWindowUs(text: string): number | null {
  const m = /^(\d+)\s*([dhms])$/i.exec(text.trim());
  if (!m || Number(m[1]) <= 0) return null;
  const unit = { d: 86400, h: 3600, m: 60, s: 1 }[(m[2] ?? 'd').toLowerCase() as 'd'];
  return Number(m[1]) * unit * S;
}

const num = (v: unknown): number => Number(v ?? 0);

/** Advances every tenant's cleaning to `now`; true when rows changed. */
export function tickCleaning(store: Store, now: number): boolean {
  let changed = false;
  for (const job of store.all(
    `SELECT tenant_id, job_id, start_ts FROM __all_backup_delete_job WHERE status = 'DOING'`,
  )) {
    if (num(job.start_ts) + DELETE_DELAY_US > now) continue;
    finishJob(
      store,
      num(job.tenant_id),
      num(job.job_id),
      num(job.start_ts) + DELETE_DELAY_US,
      'COMPLETED',
      0,
    );
    changed = true;
  }
  for (const p of store.all(`SELECT tenant_id, recovery_window FROM __all_backup_delete_policy`)) {
    const tenantId = num(p.tenant_id);
    const running = store.all(`SELECT 1 FROM __all_backup_delete_job WHERE tenant_id = ?`, [
      tenantId,
    ]);
    if (running.length > 0) continue;
    const windowUs = recoveryWindowUs(String(p.recovery_window)) ?? 0;
    if (startJob(store, tenantId, now, now - windowUs, String(p.recovery_window))) changed = true;
  }
  return changed;
}

function startJob(
  store: Store,
  tenantId: number,
  now: number,
  boundaryUs: number,
  window: string,
): boolean {
  const keep = store.all(
    `SELECT MAX(backup_set_id) AS id FROM __all_backup_set_files
     WHERE tenant_id = ? AND backup_type = 'FULL' AND status = 'SUCCESS' AND file_status = 'AVAILABLE' AND end_ts > 0 AND end_ts < ?`,
    [tenantId, boundaryUs],
  )[0];
  const keepFrom = num(keep?.id);
  if (keepFrom === 0) return false;
  const expired = store.all(
    `SELECT backup_set_id FROM __all_backup_set_files
     WHERE tenant_id = ? AND backup_set_id < ? AND file_status IN ('AVAILABLE', 'INCOMPLETE') AND end_ts > 0
     ORDER BY backup_set_id`,
    [tenantId, keepFrom],
  );
  if (expired.length === 0) return false;
  const jobId =
    num(
      store.all(
        `SELECT MAX(job_id) AS id FROM (SELECT job_id FROM __all_backup_delete_job WHERE tenant_id = ?
         UNION ALL SELECT job_id FROM __all_backup_delete_job_history WHERE tenant_id = ?)`,
        [tenantId, tenantId],
      )[0]?.id,
    ) + 1;
  store.run(
    `INSERT INTO __all_backup_delete_job (tenant_id, job_id, incarnation, initiator_tenant_id, initiator_job_id, executor_tenant_id,
       type, parameter, job_level, start_ts, end_ts, status, task_count, success_task_count, result, comment)
     VALUES (?, ?, 1, ?, 0, ?, 'DELETE_OBSOLETE_BACKUP', ?, 'USER_TENANT', ?, 0, 'DOING', ?, 0, 0, '')`,
    [tenantId, jobId, tenantId, String(tenantId), window, now, expired.length],
  );
  let taskId = 1;
  for (const set of expired) {
    const id = num(set.backup_set_id);
    store.run(
      `UPDATE __all_backup_set_files SET file_status = 'DELETING' WHERE tenant_id = ? AND backup_set_id = ?`,
      [tenantId, id],
    );
    store.run(
      `INSERT INTO __all_backup_delete_task (tenant_id, task_id, job_id, incarnation, task_type, id, round_id, dest_id, start_ts, end_ts,
         status, total_ls_count, finish_ls_count, result, comment, path)
       SELECT tenant_id, ?, ?, 1, 'BACKUP_CLEAN_SET', backup_set_id, 0, 1, ?, 0, 'DOING', 1, 0, 0, '', path
       FROM __all_backup_set_files WHERE tenant_id = ? AND backup_set_id = ?`,
      [taskId++, jobId, now, tenantId, id],
    );
  }
  return true;
}

function finishJob(
  store: Store,
  tenantId: number,
  jobId: number,
  at: number,
  status: 'COMPLETED' | 'CANCELED',
  result: number,
): void {
  const tasks = store.all(
    `SELECT id FROM __all_backup_delete_task WHERE tenant_id = ? AND job_id = ?`,
    [tenantId, jobId],
  );
  const done = status === 'COMPLETED';
  for (const t of tasks) {
    store.run(
      `UPDATE __all_backup_set_files SET file_status = ? WHERE tenant_id = ? AND backup_set_id = ?`,
      [done ? 'DELETED' : 'AVAILABLE', tenantId, num(t.id)],
    );
  }
  const comment = done ? '' : 'Operation canceled';
  store.run(
    `UPDATE __all_backup_delete_task SET status = ?, end_ts = ?, finish_ls_count = ?, result = ?, comment = ? WHERE tenant_id = ? AND job_id = ?`,
    [status, at, done ? 1 : 0, result, comment, tenantId, jobId],
  );
  store.run(
    `INSERT INTO __all_backup_delete_task_history SELECT * FROM __all_backup_delete_task WHERE tenant_id = ? AND job_id = ?`,
    [tenantId, jobId],
  );
  store.run(`DELETE FROM __all_backup_delete_task WHERE tenant_id = ? AND job_id = ?`, [
    tenantId,
    jobId,
  ]);
  store.run(
    `UPDATE __all_backup_delete_job SET status = ?, end_ts = ?, success_task_count = ?, result = ? WHERE tenant_id = ? AND job_id = ?`,
    [status, at, done ? tasks.length : 0, result, tenantId, jobId],
  );
  store.run(
    `INSERT INTO __all_backup_delete_job_history SELECT * FROM __all_backup_delete_job WHERE tenant_id = ? AND job_id = ?`,
    [tenantId, jobId],
  );
  store.run(`DELETE FROM __all_backup_delete_job WHERE tenant_id = ? AND job_id = ?`, [
    tenantId,
    jobId,
  ]);
}

/** ALTER SYSTEM CANCEL DELETE BACKUP: running clean jobs end CANCELED; their sets stay. */
export function cancelCleaning(store: Store, tenantIds: number[], now: number): void {
  for (const tenantId of tenantIds) {
    for (const job of store.all(`SELECT job_id FROM __all_backup_delete_job WHERE tenant_id = ?`, [
      tenantId,
    ])) {
      finishJob(store, tenantId, num(job.job_id), now, 'CANCELED', -4072);
    }
  }
}

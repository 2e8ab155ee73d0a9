import { OB_VERSION, TENANT_COMPATIBLE } from '../config.js';
import { tickCleaning } from './clean.js';
import { JobStarter } from './start.js';
import type { ClusterJob, UserJob } from './model.js';
import {
  ARCHIVE_RETRY_US,
  BEFORE_LOG,
  CANCEL_DELAY_US,
  TASK_PHASES,
  comment,
  plainComment,
  scnOf,
  traceId,
} from './model.js';
import { writeProgress } from './progress.js';
import { rngFor } from './rng.js';
import { seedHistory } from './seed-history.js';

export type { BackupOptions, EncryptionSetting, EngineSnapshot, TenantState } from './model.js';
export { TASK_PHASES } from './model.js';
export { parseArchiveDest, parseInterval } from './dest.js';

/** The job engine: jobs and archive rounds move through their states at exact simulated instants. */
export class BackupEngine extends JobStarter {
  /** Brings every job and archive round up to the current simulated time. */
  tick(): void {
    const now = this.now();
    let changed = false;
    this.store.transaction(() => {
      for (const t of this.tenants) if (t.round && this.tickRound(t, now)) changed = true;
      for (const job of [...this.jobs]) if (this.tickJob(job, now)) changed = true;
      for (const cj of [...this.clusterJobs]) if (this.tickClusterJob(cj)) changed = true;
      this.updateArchiveRows(now);
      if (tickCleaning(this.store, now)) changed = true;
    });
    if (changed || this.jobs.length > 0) this.onChange();
  }

  protected tickJob(job: UserJob, now: number): boolean {
    let changed = false;
    for (;;) {
      const events: { atUs: number; kind: 'doing' | 'phase' | 'canceled' | 'fault' | 'archive' }[] =
        [];
      if (job.cancelAtUs !== null)
        events.push({ atUs: job.cancelAtUs + CANCEL_DELAY_US, kind: 'canceled' });
      else {
        if (job.status === 'INIT') events.push({ atUs: job.phaseStarts[0] ?? now, kind: 'doing' });
        if (job.status === 'DOING') {
          const next = job.phaseStarts[job.phase + 1];
          if (next !== undefined) events.push({ atUs: next, kind: 'phase' });
          if (job.fault)
            events.push({ atUs: Math.max(job.fault.atUs, job.phaseStarts[0] ?? 0), kind: 'fault' });
        }
        if (job.archiveLost)
          events.push({ atUs: job.archiveLost.atUs + ARCHIVE_RETRY_US, kind: 'archive' });
      }
      events.sort((a, b) => a.atUs - b.atUs);
      const ev = events[0];
      if (!ev || ev.atUs > now) break;
      changed = true;
      if (ev.kind === 'doing') this.jobToDoing(job, ev.atUs);
      else if (ev.kind === 'phase') {
        job.phase++;
        if (job.phase >= TASK_PHASES.length - 1) {
          this.finishJob(job, ev.atUs, 'COMPLETED', 0, '');
          return true;
        }
        writeProgress(this.store, job, ev.atUs);
        this.phaseEvents(job, TASK_PHASES[job.phase - 1], ev.atUs);
      } else if (ev.kind === 'canceled') {
        // A cancelled job keeps an empty COMMENT; its task and set say "Operation canceled".
        this.finishJob(job, ev.atUs, 'CANCELED', -4072, '');
        return true;
      } else if (ev.kind === 'fault' && job.fault) {
        this.finishJob(job, ev.atUs, 'FAILED', job.fault.result, job.fault.comment);
        return true;
      } else if (ev.kind === 'archive' && job.archiveLost) {
        const rng = rngFor(this.seed, job.tenantId, job.jobId, 4);
        this.finishJob(
          job,
          ev.atUs,
          'FAILED',
          job.archiveLost.result,
          comment('ROOTSERVICE', job.archiveLost.result, traceId(rng)),
        );
        return true;
      }
    }
    if (job.status === 'DOING' && job.cancelAtUs === null) {
      writeProgress(this.store, job, now);
      changed = true;
    }
    return changed;
  }

  /**
   * The events ObBackupSetTaskMgr writes as a task leaves `left` (src/rootserver/backup/
   * ob_backup_data_set_task_mgr.cpp): the sys LS task persisted, sys and user LS meta done (with
   * the two markers before the data), each data phase done.
   */
  private phaseEvents(job: UserJob, left: string | undefined, at: number): void {
    const ids: [string, number][] = [
      ['tenant_id', job.tenantId],
      ['job_id', job.jobId],
      ['task_id', job.taskId ?? 0],
    ];
    const add = (event: string, pairs: [string, number][] = ids): void =>
      this.rootserviceEvent('backup_data', event, pairs, at);
    if (left === 'INIT') add('persist sys ls task succeed');
    else if (left === 'BACKUP_SYS_META') add('backup sys ls meta succeed');
    else if (left === 'BACKUP_USER_META') {
      add('before_backup_data', []);
      add('after_backup_consistent_scn', []);
      add('backup user ls meta succeed');
    } else if (left === 'BACKUP_DATA_MINOR' || left === 'BACKUP_DATA_MAJOR')
      add('backup data succeed');
  }

  protected jobToDoing(job: UserJob, at: number): void {
    const t = this.tenantById(job.tenantId);
    if (!t) return;
    job.status = 'DOING';
    job.taskId = t.nextTaskId++;
    job.startScn = scnOf(at);
    const prev = job.prev;
    const jobRow = this.store.all(
      `SELECT * FROM __all_backup_job WHERE tenant_id = ? AND job_id = ?`,
      [job.tenantId, job.jobId],
    )[0];
    const enc = String(jobRow?.encryption_mode ?? 'NONE');
    const passwd = String(jobRow?.passwd ?? '');
    const path = String(jobRow?.path ?? '');
    const plus = String(jobRow?.plus_archivelog ?? 'OFF');
    this.store.run(
      `UPDATE __all_backup_job SET status = 'DOING' WHERE tenant_id = ? AND job_id = ?`,
      [job.tenantId, job.jobId],
    );
    this.store.run(
      `INSERT INTO __all_backup_task (tenant_id, task_id, job_id, incarnation, backup_set_id, start_ts, end_ts, status, start_scn,
         end_scn, user_ls_start_scn, encryption_mode, passwd, path, meta_turn_id, minor_turn_id, major_turn_id, data_turn_id)
       VALUES (?, ?, ?, 1, ?, ?, 0, 'INIT', ?, 0, 0, ?, ?, ?, 1, 1, 1, 0)`,
      [job.tenantId, job.taskId, job.jobId, job.setId, at, job.startScn, enc, passwd, path],
    );
    this.store.run(
      `INSERT INTO __all_backup_set_files (tenant_id, backup_set_id, dest_id, incarnation, backup_type, prev_full_backup_set_id,
         prev_inc_backup_set_id, start_ts, end_ts, status, file_status, plus_archivelog, start_replay_scn, min_restore_scn,
         encryption_mode, passwd, tenant_compatible, backup_compatible, path, cluster_version, job_id)
       VALUES (?, ?, 1, 1, ?, ?, ?, ?, 0, 'DOING', 'COPYING', ?, ?, 0, ?, ?, ?, 3, ?, ?, ?)`,
      [
        job.tenantId,
        job.setId,
        job.backupType,
        job.backupType === 'INC' ? prev.full : 0,
        job.backupType === 'INC' ? prev.latest : 0,
        at,
        plus,
        job.startScn,
        enc,
        passwd,
        TENANT_COMPATIBLE,
        path,
        OB_VERSION,
        job.jobId,
      ],
    );
    for (const cj of this.clusterJobs) {
      if (cj.children.some((c) => c.tenantId === job.tenantId && c.jobId === job.jobId))
        cj.leftInit[`${job.tenantId}:${job.jobId}`] = at;
    }
  }

  /** The job and its task end and move to the history tables in one step. */
  protected finishJob(
    job: UserJob,
    at: number,
    status: 'COMPLETED' | 'FAILED' | 'CANCELED',
    result: number,
    text: string,
  ): void {
    const { tenantId } = job;
    if (job.taskId) {
      const frozenAt = job.cancelAtUs ?? at;
      writeProgress(this.store, job, Math.min(frozenAt, at));
      const endScn = status === 'COMPLETED' ? scnOf(job.phaseStarts[BEFORE_LOG] ?? at) : null;
      this.store.run(
        `UPDATE __all_backup_task SET status = ?, end_ts = ?, result = ?, comment = ?${endScn ? ', end_scn = ?' : ''} WHERE tenant_id = ? AND task_id = ?`,
        endScn
          ? [status, at, result, plainComment(result), endScn, tenantId, job.taskId]
          : [status, at, result, plainComment(result), tenantId, job.taskId],
      );
      const ok = status === 'COMPLETED';
      this.store.run(
        `UPDATE __all_backup_set_files SET status = ?, file_status = ?, end_ts = ?, result = ?, comment = ?,
           min_restore_scn = ?, consistent_scn = ? WHERE tenant_id = ? AND backup_set_id = ?`,
        [
          ok ? 'SUCCESS' : 'FAILED',
          ok ? 'AVAILABLE' : 'INCOMPLETE',
          at,
          result,
          plainComment(result),
          ok ? (endScn ?? '0') : '0',
          ok ? (endScn ?? '0') : '0',
          tenantId,
          job.setId,
        ],
      );
      this.store.run(
        `INSERT INTO __all_backup_task_history SELECT * FROM __all_backup_task WHERE tenant_id = ? AND task_id = ?`,
        [tenantId, job.taskId],
      );
      this.store.run(`DELETE FROM __all_backup_task WHERE tenant_id = ? AND task_id = ?`, [
        tenantId,
        job.taskId,
      ]);
    }
    this.store.run(
      `UPDATE __all_backup_job SET status = ?, end_ts = ?, result = ?, comment = ? WHERE tenant_id = ? AND job_id = ?`,
      [status, at, result, text, tenantId, job.jobId],
    );
    this.store.run(
      `INSERT INTO __all_backup_job_history SELECT * FROM __all_backup_job WHERE tenant_id = ? AND job_id = ?`,
      [tenantId, job.jobId],
    );
    this.store.run(`DELETE FROM __all_backup_job WHERE tenant_id = ? AND job_id = ?`, [
      tenantId,
      job.jobId,
    ]);
    this.jobs = this.jobs.filter((j) => j !== job);
    for (const cj of this.clusterJobs) {
      const key = `${tenantId}:${job.jobId}`;
      if (cj.children.some((c) => `${c.tenantId}:${c.jobId}` === key)) {
        cj.ended[key] = { atUs: at, result, comment: text };
        if (cj.leftInit[key] === undefined) cj.leftInit[key] = at;
      }
    }
  }

  protected tickClusterJob(cj: ClusterJob): boolean {
    const keys = cj.children.map((c) => `${c.tenantId}:${c.jobId}`);
    let changed = false;
    if (cj.status === 'INIT' && keys.every((k) => cj.leftInit[k] !== undefined)) {
      cj.status = 'DOING';
      this.store.run(
        `UPDATE __all_backup_job SET status = 'DOING' WHERE tenant_id = 1 AND job_id = ?`,
        [cj.jobId],
      );
      changed = true;
    }
    if (!keys.every((k) => cj.ended[k] !== undefined)) return changed;
    const ends = keys
      .map((k) => cj.ended[k])
      .filter((e): e is { atUs: number; result: number; comment: string } => e !== undefined);
    const endAt = Math.max(...ends.map((e) => e.atUs));
    const failure = ends.find((e) => e.result !== 0);
    let status: 'COMPLETED' | 'FAILED' | 'CANCELED' = failure ? 'FAILED' : 'COMPLETED';
    let result = failure?.result ?? 0;
    let text = failure?.comment ?? '';
    if (cj.cancelAtUs !== null) {
      status = 'CANCELED';
      result = -4072;
      text = '';
    }
    this.store.run(
      `UPDATE __all_backup_job SET status = ?, end_ts = ?, result = ?, comment = ? WHERE tenant_id = 1 AND job_id = ?`,
      [
        status,
        Math.max(endAt, (cj.cancelAtUs ?? 0) + CANCEL_DELAY_US * (cj.cancelAtUs === null ? 0 : 1)),
        result,
        text,
        cj.jobId,
      ],
    );
    this.store.run(
      `INSERT INTO __all_backup_job_history SELECT * FROM __all_backup_job WHERE tenant_id = 1 AND job_id = ?`,
      [cj.jobId],
    );
    this.store.run(`DELETE FROM __all_backup_job WHERE tenant_id = 1 AND job_id = ?`, [cj.jobId]);
    this.clusterJobs = this.clusterJobs.filter((c) => c !== cj);
    return true;
  }

  /** Fills `count` finished jobs (with tasks and set files) spread over past weeks. */
  seedHistory(count: number, seed: number): { jobs: number; ms: number } {
    const result = seedHistory(
      {
        store: this.store,
        nowUs: this.now(),
        tenants: this.userTenants(),
        nextSysJobId: () => this.sysNextJobId++,
      },
      count,
      seed,
    );
    this.onChange();
    return result;
  }
}

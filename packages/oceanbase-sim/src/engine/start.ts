import { backupPathOf } from './backup-path.js';
import { ObErrors } from '../errors.js';
import type { SqlError } from '../protocol/types.js';
import { ArchiveEngine } from './archive.js';
import type { BackupOptions, Plan, TenantState, UserJob } from './model.js';
import { MACRO_BLOCK_BYTES, MINOR, S, comment, traceId } from './model.js';
import { rngFor } from './rng.js';

/** Starting, cancelling and failing backup jobs (the statements' side of the job engine). */
export abstract class JobStarter extends ArchiveEngine {
  // ---------------------------------------------------------------- backup

  protected archiveDoing(t: TenantState): boolean {
    return t.round?.status === 'DOING';
  }

  /** The reason a tenant cannot be backed up now, in the sys-with-names order (§3.3). */
  protected sysCheck(t: TenantState): SqlError | null {
    if (t.status !== 'NORMAL') return ObErrors.backupCanNotStart('tenant status is not normal.');
    if (!this.archiveDoing(t))
      return ObErrors.backupCanNotStart('log archive status is not doing.');
    // The duplicate check is per (tenant, initiator): the tenant's own job does not block sys.
    if (this.activeJobs(t.id).some((j) => j.initiatorTenantId === 1))
      return ObErrors.backupInProgress();
    if (!t.dataBackupDest) return ObErrors.backupCanNotStart('backup dest is not set.');
    return null;
  }

  /** ALTER SYSTEM BACKUP from a user tenant (§3.2). */
  startTenantBackup(t: TenantState, incremental: boolean, opts: BackupOptions): void {
    if (!t.dataBackupDest) throw ObErrors.backupCanNotStart();
    if (t.status !== 'NORMAL') throw ObErrors.backupCanNotStart('tenant status is not normal.');
    if (this.activeJobs(t.id).some((j) => j.initiatorTenantId === t.id))
      throw ObErrors.backupInProgress();
    if (!this.archiveDoing(t)) throw ObErrors.backupCanNotStart('log archive status is not doing.');
    this.tick();
    this.store.transaction(() => this.createUserJob(t, incremental, opts, t.id, 0));
    this.onChange();
  }

  /** ALTER SYSTEM BACKUP from sys: named tenants must all pass; DATABASE skips the others. */
  startSysBackup(named: TenantState[] | null, incremental: boolean, opts: BackupOptions): void {
    let targets: TenantState[];
    if (named) {
      for (const t of named) {
        const err = this.sysCheck(t);
        if (err) throw err;
      }
      targets = named;
    } else {
      targets = this.userTenants().filter((t) => this.sysCheck(t) === null);
      if (targets.length === 0) {
        throw ObErrors.backupCanNotStart(
          'no tenant meets the backup condition, \ufffcplease check the tenant status, log archive status, backup data dest, and backup status for each tenant',
        );
      }
    }
    this.tick();
    const now = this.now();
    const jobId = this.sysNextJobId++;
    this.store.transaction(() => {
      this.store.run(
        `INSERT INTO __all_backup_job (tenant_id, job_id, incarnation, backup_set_id, initiator_tenant_id, initiator_job_id,
           executor_tenant_id, plus_archivelog, backup_type, job_level, encryption_mode, passwd, start_ts, end_ts, status,
           result, comment, description, path)
         VALUES (1, ?, 1, 0, 1, ?, ?, ?, ?, 'CLUSTER', ?, ?, ?, 0, 'INIT', 0, '', ?, '')`,
        [
          jobId,
          jobId,
          targets.map((t) => t.id).join(','),
          opts.plusArchivelog ? 'ON' : 'OFF',
          incremental ? 'INC' : 'FULL',
          opts.encryption.mode,
          opts.encryption.passwd,
          now,
          opts.description,
        ],
      );
      const children = targets.map((t) => this.createUserJob(t, incremental, opts, 1, jobId));
      this.clusterJobs.push({
        jobId,
        children: children.map((c) => ({ tenantId: c.tenantId, jobId: c.jobId })),
        status: 'INIT',
        cancelAtUs: null,
        leftInit: {},
        ended: {},
      });
    });
    this.onChange();
  }

  protected lastSuccessfulSets(t: TenantState): { full: number; latest: number } {
    const rows = this.store.all(
      `SELECT backup_set_id, backup_type FROM __all_backup_set_files
       WHERE tenant_id = ? AND status = 'SUCCESS' AND path = ? ORDER BY backup_set_id DESC`,
      [t.id, backupPathOf(t.dataBackupDest ?? '')],
    );
    const latest = Number(rows[0]?.backup_set_id ?? 0);
    const full = Number(rows.find((r) => r.backup_type === 'FULL')?.backup_set_id ?? 0);
    return { full, latest };
  }

  protected createUserJob(
    t: TenantState,
    incremental: boolean,
    opts: BackupOptions,
    initiatorTenantId: number,
    initiatorJobId: number,
  ): UserJob {
    const now = this.now();
    const prev = this.lastSuccessfulSets(t);
    // INCREMENTAL without a previous full set on this path silently becomes FULL (§3.2.6).
    const backupType: 'FULL' | 'INC' = incremental && prev.full > 0 ? 'INC' : 'FULL';
    const jobId = t.nextJobId++;
    const setId = t.nextSetId++;
    const rng = rngFor(this.seed, t.id, jobId, 1);
    const inc = backupType === 'INC';
    const durations = [
      rng.between(3, 5), // INIT → DOING (job)
      rng.between(1, 2), // task INIT
      rng.between(2, 4), // BACKUP_SYS_META
      rng.between(4, 6), // BACKUP_USER_META
      1, // BACKUP_META_FINISH (a constant: the other durations keep their random draws)
      inc ? rng.between(4, 6) : rng.between(10, 14), // BACKUP_DATA_MINOR
      inc ? rng.between(8, 12) : rng.between(24, 30), // BACKUP_DATA_MAJOR
      rng.between(1, 3), // BEFORE_BACKUP_LOG
      rng.between(3, 6), // BACKUP_LOG
    ];
    const phaseStarts: number[] = [];
    let at = now;
    for (const d of durations) {
      at += Math.round(d * S);
      phaseStarts.push(at);
    }
    const fullBytes = t.dataBytes * rng.between(0.97, 1.05);
    const inputBytes = Math.round(inc ? fullBytes * rng.between(0.03, 0.12) : fullBytes);
    const plan: Plan = {
      tablets: rng.int(600, 700),
      macroBlocks: Math.max(1, Math.round(inputBytes / MACRO_BLOCK_BYTES)),
      inputBytes,
      ratio: rng.between(0.3, 0.5),
      extraBytes: rng.int(2, 12) * 1024 * 1024,
      logFiles: rng.int(2, 12),
      minorShare: rng.between(0.15, 0.3),
    };
    const pending = t.pendingFault;
    t.pendingFault = null;
    const job: UserJob = {
      tenantId: t.id,
      jobId,
      setId,
      taskId: 0,
      initiatorTenantId,
      initiatorJobId,
      backupType,
      status: 'INIT',
      phase: 0,
      phaseStarts,
      plan,
      startScn: '0',
      cancelAtUs: null,
      fault: pending
        ? {
            atUs: phaseStarts[MINOR] ?? now,
            result: pending.result,
            comment: pending.comment ?? comment('SERVER', pending.result, traceId(rng)),
          }
        : null,
      archiveLost: null,
      prev,
    };
    this.store.run(
      `INSERT INTO __all_backup_job (tenant_id, job_id, incarnation, backup_set_id, initiator_tenant_id, initiator_job_id,
         executor_tenant_id, plus_archivelog, backup_type, job_level, encryption_mode, passwd, start_ts, end_ts, status,
         result, comment, description, path)
       VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, 'USER_TENANT', ?, ?, ?, 0, 'INIT', 0, '', ?, ?)`,
      [
        t.id,
        jobId,
        setId,
        initiatorTenantId,
        initiatorJobId,
        String(t.id),
        opts.plusArchivelog ? 'ON' : 'OFF',
        backupType,
        opts.encryption.mode,
        opts.encryption.passwd,
        now,
        opts.description,
        backupPathOf(t.dataBackupDest ?? ''),
      ],
    );
    this.jobs.push(job);
    return job;
  }

  /** ALTER SYSTEM CANCEL BACKUP: INIT/DOING jobs of these tenants go CANCELING. */
  cancel(tenantIds: number[], includeSys: boolean): void {
    this.tick();
    const now = this.now();
    this.store.transaction(() => {
      for (const id of tenantIds) {
        const t = this.tenantById(id);
        if (!t || t.status !== 'NORMAL') continue;
        for (const job of this.activeJobs(id)) {
          if (job.status === 'CANCELING') continue;
          job.status = 'CANCELING';
          job.cancelAtUs = now;
          this.store.run(
            `UPDATE __all_backup_job SET status = 'CANCELING' WHERE tenant_id = ? AND job_id = ?`,
            [id, job.jobId],
          );
          if (job.taskId) {
            this.store.run(
              `UPDATE __all_backup_task SET status = 'CANCELING' WHERE tenant_id = ? AND task_id = ?`,
              [id, job.taskId],
            );
          }
        }
      }
      if (includeSys) {
        for (const cj of this.clusterJobs) {
          if (cj.status === 'CANCELING') continue;
          cj.status = 'CANCELING';
          cj.cancelAtUs = now;
          this.store.run(
            `UPDATE __all_backup_job SET status = 'CANCELING' WHERE tenant_id = 1 AND job_id = ?`,
            [cj.jobId],
          );
        }
      }
    });
    this.onChange();
  }

  /** The current task of the tenant fails now, or its next task fails when it reaches the data phase. */
  failNextTask(t: TenantState, result: number, text: string | null): 'current' | 'next' {
    this.tick();
    const now = this.now();
    const job = this.activeJobs(t.id).find((j) => j.cancelAtUs === null);
    const rng = rngFor(this.seed, t.id, job?.jobId ?? 0, 5);
    const commentText = text ?? comment('SERVER', result, traceId(rng));
    if (job) {
      job.fault = {
        atUs: job.status === 'DOING' ? now : (job.phaseStarts[MINOR] ?? now),
        result,
        comment: commentText,
      };
      this.tick();
      return 'current';
    }
    t.pendingFault = { result, comment: text };
    return 'next';
  }
}

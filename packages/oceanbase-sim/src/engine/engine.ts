import { backupPathOf } from './backup-path.js';
import type { Store } from '../catalog/store.js';
import type { CompatibilityMode, TenantOption } from '../config.js';
import { OBSERVER_ADDR, TENANT_COMPATIBLE, OB_VERSION } from '../config.js';
import { OB_MESSAGES, ObErrors } from '../errors.js';
import type { SqlError } from '../protocol/types.js';
import type { Clock } from './clock.js';
import { rngFor } from './rng.js';
import type { Rng } from './rng.js';

/** Task statuses in order; the last entry is the completion instant. */
export const TASK_PHASES = [
  'INIT',
  'BACKUP_SYS_META',
  'BACKUP_USER_META',
  'BACKUP_DATA_MINOR',
  'BACKUP_DATA_MAJOR',
  'BEFORE_BACKUP_LOG',
  'BACKUP_LOG',
  'COMPLETED',
] as const;
const MINOR = 3;
const MAJOR = 4;
const BEFORE_LOG = 5;
const LOG = 6;

const S = 1_000_000;
/** How long a cancel takes from CANCELING to CANCELED. */
const CANCEL_DELAY_US = 2 * S;
/** How long a running backup retries before failing when the archive stops. */
const ARCHIVE_RETRY_US = 10 * S;
const MACRO_BLOCK_BYTES = 2 * 1024 * 1024;

type ArchiveStatus = 'PREPARE' | 'BEGINNING' | 'DOING' | 'INTERRUPTED' | 'STOPPING' | 'STOP' | 'SUSPENDING' | 'SUSPEND';

interface Round {
  id: number;
  status: ArchiveStatus;
  startUs: number;
  /** Checkpoint frozen at this instant once the round leaves DOING. */
  frozenUs: number | null;
  /** Status changes still to come, in time order. */
  pending: { status: ArchiveStatus; atUs: number }[];
  pieceSwitchUs: number;
  path: string;
  bytesPerSecond: number;
}

export interface TenantState {
  id: number;
  name: string;
  mode: CompatibilityMode;
  status: string;
  createUs: number;
  dataBackupDest: string | null;
  usedDataDests: string[];
  logMode: 'ARCHIVELOG' | 'NOARCHIVELOG';
  archiveDest: { path: string; binding: 'OPTIONAL' | 'MANDATORY'; pieceSwitch: string } | null;
  archiveDestState: 'ENABLE' | 'DEFER';
  round: Round | null;
  nextRoundId: number;
  nextJobId: number;
  nextSetId: number;
  nextTaskId: number;
  dataBytes: number;
  pendingFault: { result: number; comment: string | null } | null;
}

interface Plan {
  tablets: number;
  macroBlocks: number;
  inputBytes: number;
  ratio: number;
  extraBytes: number;
  logFiles: number;
  minorShare: number;
}

interface UserJob {
  tenantId: number;
  jobId: number;
  setId: number;
  taskId: number;
  initiatorTenantId: number;
  initiatorJobId: number;
  backupType: 'FULL' | 'INC';
  status: 'INIT' | 'DOING' | 'CANCELING';
  /** Index into TASK_PHASES of the task's current phase (processed up to). */
  phase: number;
  phaseStarts: number[];
  plan: Plan;
  startScn: string;
  cancelAtUs: number | null;
  fault: { atUs: number; result: number; comment: string } | null;
  archiveLost: { atUs: number; result: number } | null;
  /** Previous successful sets on this path when the job was created (for INC set rows). */
  prev: { full: number; latest: number };
}

interface ClusterJob {
  jobId: number;
  children: { tenantId: number; jobId: number }[];
  status: 'INIT' | 'DOING' | 'CANCELING';
  cancelAtUs: number | null;
  leftInit: Record<string, number>;
  ended: Record<string, { atUs: number; result: number; comment: string }>;
}

export interface EncryptionSetting {
  mode: 'NONE' | 'PASSWORD';
  passwd: string;
}

export interface EngineSnapshot {
  tenants: TenantState[];
  jobs: UserJob[];
  clusterJobs: ClusterJob[];
  sysNextJobId: number;
  seed: number;
}

const scnOf = (us: number): string => (BigInt(Math.floor(us)) * 1000n).toString();

function comment(kind: 'ROOTSERVICE' | 'SERVER', result: number, trace: string): string {
  const msg = OB_MESSAGES[result] ?? 'Internal error';
  return kind === 'ROOTSERVICE'
    ? `(ROOTSERVICE)addr: ${OBSERVER_ADDR}, result: ${result}(${msg}), trace_id: ${trace}`
    : `(SERVER)ls_id: 1001, addr: ${OBSERVER_ADDR}, module: BACKUP_DATA, result: ${result}(${msg}), trace_id: ${trace}`;
}

function traceId(rng: Rng): string {
  return `YB427F000001-${rng.hex(16)}-0-0`;
}


export class BackupEngine {
  tenants: TenantState[] = [];
  private jobs: UserJob[] = [];
  private clusterJobs: ClusterJob[] = [];
  private sysNextJobId = 1;
  /** Called when rows change, so the data file can be written. */
  onChange: () => void = () => {};

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private seed: number,
  ) {}

  private now(): number {
    return this.clock.nowUs();
  }

  // ---------------------------------------------------------------- setup

  /** The default demo state: tenants, destinations, archive rounds DOING, no backup yet. */
  initFresh(options: TenantOption[]): void {
    const now = this.now();
    this.tenants = [];
    this.jobs = [];
    this.clusterJobs = [];
    this.sysNextJobId = 1;
    const created = now - 30 * 86400 * S;
    const sys: TenantState = this.newTenant({ id: 1, name: 'sys', mode: 'MYSQL' }, created);
    this.tenants.push(sys);
    for (const t of options) {
      this.tenants.push(this.newTenant({ id: t.id - 1, name: `META$${t.id}`, mode: 'MYSQL' }, created));
      const state = this.newTenant(t, created);
      const rng = rngFor(this.seed, t.id, 7);
      state.dataBytes = Math.round(rng.between(2, 8) * 1024 ** 3);
      state.dataBackupDest = t.dataBackupDest === undefined ? `file:///data/backup/${t.name}/data` : t.dataBackupDest;
      if (state.dataBackupDest) state.usedDataDests.push(state.dataBackupDest);
      const archivePath = t.archiveDest === undefined ? `file:///data/backup/${t.name}/archive` : t.archiveDest;
      if (archivePath) state.archiveDest = { path: archivePath, binding: 'OPTIONAL', pieceSwitch: '1d' };
      if (t.archive !== false) {
        state.logMode = 'ARCHIVELOG';
        if (state.archiveDest) {
          state.round = this.newRound(state, now - 2 * 3600 * S);
          state.round.status = 'DOING';
          state.round.pending = [];
        }
      }
      this.tenants.push(state);
    }
    this.tenants.sort((a, b) => a.id - b.id);
    this.store.transaction(() => {
      for (const table of [
        '__all_tenant',
        '__all_backup_job',
        '__all_backup_job_history',
        '__all_backup_task',
        '__all_backup_task_history',
        '__all_backup_set_files',
        '__all_tenant_archive_progress',
        '__all_tenant_archive_his',
        '__all_backup_parameter',
        '__all_archive_dest_parameter',
      ]) {
        this.store.run(`DELETE FROM ${table}`);
      }
      for (const t of this.tenants) {
        this.store.run(
          `INSERT INTO __all_tenant VALUES (?, ?, ?, ?, ?, ?, 'zone1', 'FULL{1}@zone1', '', 'NO', 'NO', 'PRIMARY', 'NORMAL', 0, ?, 'NOT_ENABLED', 1, ?, 1001)`,
          [t.id, t.name, t.mode, t.status, t.createUs, t.createUs, t.logMode, TENANT_COMPATIBLE],
        );
        this.writeParameters(t);
        if (t.round) this.insertRound(t);
      }
    });
    this.updateArchiveRows(now);
  }

  private newTenant(t: TenantOption, createUs: number): TenantState {
    return {
      id: t.id,
      name: t.name,
      mode: t.mode ?? 'MYSQL',
      status: t.status ?? 'NORMAL',
      createUs,
      dataBackupDest: null,
      usedDataDests: [],
      logMode: 'NOARCHIVELOG',
      archiveDest: null,
      archiveDestState: 'ENABLE',
      round: null,
      nextRoundId: 1,
      nextJobId: 1,
      nextSetId: 1,
      nextTaskId: 1,
      dataBytes: 4 * 1024 ** 3,
      pendingFault: null,
    };
  }

  snapshot(): EngineSnapshot {
    return {
      tenants: this.tenants,
      jobs: this.jobs,
      clusterJobs: this.clusterJobs,
      sysNextJobId: this.sysNextJobId,
      seed: this.seed,
    };
  }

  restore(s: EngineSnapshot): void {
    this.tenants = s.tenants;
    this.jobs = s.jobs;
    this.clusterJobs = s.clusterJobs;
    this.sysNextJobId = s.sysNextJobId;
    this.seed = s.seed;
  }

  // ---------------------------------------------------------------- lookups

  tenantByName(name: string): TenantState | undefined {
    const lower = name.toLowerCase();
    return this.tenants.find((t) => t.name.toLowerCase() === lower);
  }

  tenantById(id: number): TenantState | undefined {
    return this.tenants.find((t) => t.id === id);
  }

  userTenants(): TenantState[] {
    return this.tenants.filter((t) => t.id !== 1 && t.id % 2 === 0);
  }

  private activeJobs(tenantId: number): UserJob[] {
    return this.jobs.filter((j) => j.tenantId === tenantId);
  }

  /**
   * Tenant names in a TENANT clause, resolved like ObAlterSystemResolverUtil::get_tenant_ids:
   * unknown → 5160, sys (or a meta tenant) → 4016, duplicates dropped.
   */
  resolveTenantNames(names: string[]): TenantState[] {
    const out: TenantState[] = [];
    for (const name of names) {
      const t = this.tenantByName(name);
      if (!t) throw ObErrors.invalidTenantName();
      if (t.id === 1 || t.id % 2 === 1) throw ObErrors.internal();
      if (!out.includes(t)) out.push(t);
    }
    return out;
  }

  // ---------------------------------------------------------------- backup

  private archiveDoing(t: TenantState): boolean {
    return t.round?.status === 'DOING';
  }

  /** The reason a tenant cannot be backed up now, in the sys-with-names order (§3.3). */
  private sysCheck(t: TenantState): SqlError | null {
    if (t.status !== 'NORMAL') return ObErrors.backupCanNotStart('tenant status is not normal.');
    if (!this.archiveDoing(t)) return ObErrors.backupCanNotStart('log archive status is not doing.');
    // Reference: duplicate check per (tenant, initiator). Choice: any active job refuses too.
    if (this.activeJobs(t.id).length > 0) return ObErrors.backupInProgress();
    if (!t.dataBackupDest) return ObErrors.backupCanNotStart('backup dest is not set.');
    return null;
  }

  /** ALTER SYSTEM BACKUP from a user tenant (§3.2). */
  startTenantBackup(t: TenantState, incremental: boolean, opts: BackupOptions): void {
    if (!t.dataBackupDest) throw ObErrors.backupCanNotStart();
    if (t.status !== 'NORMAL') throw ObErrors.backupCanNotStart('tenant status is not normal.');
    if (this.activeJobs(t.id).length > 0) throw ObErrors.backupInProgress();
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

  private lastSuccessfulSets(t: TenantState): { full: number; latest: number } {
    const rows = this.store.all(
      `SELECT backup_set_id, backup_type FROM __all_backup_set_files
       WHERE tenant_id = ? AND status = 'SUCCESS' AND path = ? ORDER BY backup_set_id DESC`,
      [t.id, backupPathOf(t.dataBackupDest ?? '')],
    );
    const latest = Number(rows[0]?.backup_set_id ?? 0);
    const full = Number(rows.find((r) => r.backup_type === 'FULL')?.backup_set_id ?? 0);
    return { full, latest };
  }

  private createUserJob(t: TenantState, incremental: boolean, opts: BackupOptions, initiatorTenantId: number, initiatorJobId: number): UserJob {
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
        ? { atUs: phaseStarts[MINOR] ?? now, result: pending.result, comment: pending.comment ?? comment('SERVER', pending.result, traceId(rng)) }
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
          this.store.run(`UPDATE __all_backup_job SET status = 'CANCELING' WHERE tenant_id = ? AND job_id = ?`, [id, job.jobId]);
          if (job.taskId) {
            this.store.run(`UPDATE __all_backup_task SET status = 'CANCELING' WHERE tenant_id = ? AND task_id = ?`, [id, job.taskId]);
          }
        }
      }
      if (includeSys) {
        for (const cj of this.clusterJobs) {
          if (cj.status === 'CANCELING') continue;
          cj.status = 'CANCELING';
          cj.cancelAtUs = now;
          this.store.run(`UPDATE __all_backup_job SET status = 'CANCELING' WHERE tenant_id = 1 AND job_id = ?`, [cj.jobId]);
        }
      }
    });
    this.onChange();
  }

  hasActiveJob(tenantId: number): boolean {
    return this.activeJobs(tenantId).length > 0;
  }

  // ---------------------------------------------------------------- the clock moves

  /** Brings every job and archive round up to the current simulated time. */
  tick(): void {
    const now = this.now();
    let changed = false;
    this.store.transaction(() => {
      for (const t of this.tenants) if (t.round && this.tickRound(t, now)) changed = true;
      for (const job of [...this.jobs]) if (this.tickJob(job, now)) changed = true;
      for (const cj of [...this.clusterJobs]) if (this.tickClusterJob(cj)) changed = true;
      this.updateArchiveRows(now);
    });
    if (changed || this.jobs.length > 0) this.onChange();
  }

  private tickJob(job: UserJob, now: number): boolean {
    let changed = false;
    for (;;) {
      const events: { atUs: number; kind: 'doing' | 'phase' | 'canceled' | 'fault' | 'archive' }[] = [];
      if (job.cancelAtUs !== null) events.push({ atUs: job.cancelAtUs + CANCEL_DELAY_US, kind: 'canceled' });
      else {
        if (job.status === 'INIT') events.push({ atUs: job.phaseStarts[0] ?? now, kind: 'doing' });
        if (job.status === 'DOING') {
          const next = job.phaseStarts[job.phase + 1];
          if (next !== undefined) events.push({ atUs: next, kind: 'phase' });
          if (job.fault) events.push({ atUs: Math.max(job.fault.atUs, job.phaseStarts[0] ?? 0), kind: 'fault' });
        }
        if (job.archiveLost) events.push({ atUs: job.archiveLost.atUs + ARCHIVE_RETRY_US, kind: 'archive' });
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
        this.writeProgress(job, ev.atUs);
      } else if (ev.kind === 'canceled') {
        const rng = rngFor(this.seed, job.tenantId, job.jobId, 3);
        this.finishJob(job, ev.atUs, 'CANCELED', -4072, comment('ROOTSERVICE', -4072, traceId(rng)));
        return true;
      } else if (ev.kind === 'fault' && job.fault) {
        this.finishJob(job, ev.atUs, 'FAILED', job.fault.result, job.fault.comment);
        return true;
      } else if (ev.kind === 'archive' && job.archiveLost) {
        const rng = rngFor(this.seed, job.tenantId, job.jobId, 4);
        this.finishJob(job, ev.atUs, 'FAILED', job.archiveLost.result, comment('ROOTSERVICE', job.archiveLost.result, traceId(rng)));
        return true;
      }
    }
    if (job.status === 'DOING' && job.cancelAtUs === null) {
      this.writeProgress(job, now);
      changed = true;
    }
    return changed;
  }

  /** Index into TASK_PHASES of the phase running at `at` (7 = finished). */
  private phaseIndex(job: UserJob, at: number): number {
    let idx = 0;
    for (let i = 1; i < job.phaseStarts.length; i++) {
      if ((job.phaseStarts[i] ?? Infinity) <= at) idx = i;
    }
    return Math.min(idx, TASK_PHASES.length - 1);
  }

  private jobToDoing(job: UserJob, at: number): void {
    const t = this.tenantById(job.tenantId);
    if (!t) return;
    job.status = 'DOING';
    job.taskId = t.nextTaskId++;
    job.startScn = scnOf(at);
    const prev = job.prev;
    const jobRow = this.store.all(`SELECT * FROM __all_backup_job WHERE tenant_id = ? AND job_id = ?`, [job.tenantId, job.jobId])[0];
    const enc = String(jobRow?.encryption_mode ?? 'NONE');
    const passwd = String(jobRow?.passwd ?? '');
    const path = String(jobRow?.path ?? '');
    const plus = String(jobRow?.plus_archivelog ?? 'OFF');
    this.store.run(`UPDATE __all_backup_job SET status = 'DOING' WHERE tenant_id = ? AND job_id = ?`, [job.tenantId, job.jobId]);
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
      if (cj.children.some((c) => c.tenantId === job.tenantId && c.jobId === job.jobId)) cj.leftInit[`${job.tenantId}:${job.jobId}`] = at;
    }
  }

  private counters(job: UserJob, at: number) {
    const idx = this.phaseIndex(job, at);
    const start = job.phaseStarts[idx] ?? at;
    const end = job.phaseStarts[idx + 1] ?? start;
    const f = end > start ? Math.min(1, Math.max(0, (at - start) / (end - start))) : 1;
    const p = job.plan;
    const dataFrac = idx < MINOR ? 0 : idx === MINOR ? f * p.minorShare : idx === MAJOR ? p.minorShare + f * (1 - p.minorShare) : 1;
    const macroTotal = idx >= MINOR ? p.macroBlocks : 0;
    const finishMacro = Math.floor(macroTotal * dataFrac);
    const input = Math.floor(p.inputBytes * dataFrac);
    const extra = idx === 1 ? 0 : idx === 2 ? Math.floor(p.extraBytes * 0.4 * f) : idx === 3 && f === 0 ? Math.floor(p.extraBytes * 0.4) : idx >= 3 ? p.extraBytes : 0;
    const logTotal = idx >= BEFORE_LOG ? p.logFiles : 0;
    const finishLog = idx === LOG ? Math.floor(p.logFiles * f) : idx > LOG ? p.logFiles : 0;
    return {
      status: TASK_PHASES[idx] ?? 'INIT',
      tablets: idx >= MINOR ? p.tablets : 0,
      finishTablets: Math.floor((idx >= MINOR ? p.tablets : 0) * dataFrac),
      macroTotal,
      finishMacro,
      input,
      output: Math.floor(input * p.ratio),
      extra,
      fileCount: idx >= MINOR ? 2 + Math.ceil(finishMacro / 16) : idx >= 1 ? 1 : 0,
      userLsStartScn: idx >= 2 ? scnOf(job.phaseStarts[2] ?? at) : '0',
      endScn: idx >= BEFORE_LOG ? scnOf(job.phaseStarts[BEFORE_LOG] ?? at) : '0',
      dataTurn: idx >= MINOR ? 1 : 0,
      logTotal,
      finishLog,
    };
  }

  private writeProgress(job: UserJob, at: number): void {
    const c = this.counters(job, at);
    this.store.run(
      `UPDATE __all_backup_task SET status = ?, end_scn = ?, user_ls_start_scn = ?, input_bytes = ?, output_bytes = ?, extra_bytes = ?,
         tablet_count = ?, finish_tablet_count = ?, macro_block_count = ?, finish_macro_block_count = ?, file_count = ?,
         data_turn_id = ?, log_file_count = ?, finish_log_file_count = ?
       WHERE tenant_id = ? AND task_id = ?`,
      [
        c.status === 'COMPLETED' ? 'BACKUP_LOG' : c.status,
        c.endScn,
        c.userLsStartScn,
        c.input,
        c.output,
        c.extra,
        c.tablets,
        c.finishTablets,
        c.macroTotal,
        c.finishMacro,
        c.fileCount,
        c.dataTurn,
        c.logTotal,
        c.finishLog,
        job.tenantId,
        job.taskId,
      ],
    );
    this.store.run(
      `UPDATE __all_backup_set_files SET input_bytes = ?, output_bytes = ?, extra_bytes = ?, tablet_count = ?, finish_tablet_count = ?,
         macro_block_count = ?, finish_macro_block_count = ?, file_count = ?, data_turn_id = ?
       WHERE tenant_id = ? AND backup_set_id = ?`,
      [c.input, c.output, c.extra, c.tablets, c.finishTablets, c.macroTotal, c.finishMacro, c.fileCount, c.dataTurn, job.tenantId, job.setId],
    );
  }

  /** The job and its task end and move to the history tables in one step. */
  private finishJob(job: UserJob, at: number, status: 'COMPLETED' | 'FAILED' | 'CANCELED', result: number, text: string): void {
    const { tenantId } = job;
    if (job.taskId) {
      const frozenAt = job.cancelAtUs ?? at;
      this.writeProgress(job, Math.min(frozenAt, at));
      const endScn = status === 'COMPLETED' ? scnOf(job.phaseStarts[BEFORE_LOG] ?? at) : null;
      this.store.run(
        `UPDATE __all_backup_task SET status = ?, end_ts = ?, result = ?, comment = ?${endScn ? ', end_scn = ?' : ''} WHERE tenant_id = ? AND task_id = ?`,
        endScn ? [status, at, result, text, endScn, tenantId, job.taskId] : [status, at, result, text, tenantId, job.taskId],
      );
      const ok = status === 'COMPLETED';
      this.store.run(
        `UPDATE __all_backup_set_files SET status = ?, file_status = ?, end_ts = ?, result = ?, comment = ?,
           min_restore_scn = ?, consistent_scn = ? WHERE tenant_id = ? AND backup_set_id = ?`,
        [ok ? 'SUCCESS' : 'FAILED', ok ? 'AVAILABLE' : 'INCOMPLETE', at, result, text, ok ? (endScn ?? '0') : '0', ok ? (endScn ?? '0') : '0', tenantId, job.setId],
      );
      this.store.run(`INSERT INTO __all_backup_task_history SELECT * FROM __all_backup_task WHERE tenant_id = ? AND task_id = ?`, [tenantId, job.taskId]);
      this.store.run(`DELETE FROM __all_backup_task WHERE tenant_id = ? AND task_id = ?`, [tenantId, job.taskId]);
    }
    this.store.run(`UPDATE __all_backup_job SET status = ?, end_ts = ?, result = ?, comment = ? WHERE tenant_id = ? AND job_id = ?`, [
      status,
      at,
      result,
      text,
      tenantId,
      job.jobId,
    ]);
    this.store.run(`INSERT INTO __all_backup_job_history SELECT * FROM __all_backup_job WHERE tenant_id = ? AND job_id = ?`, [tenantId, job.jobId]);
    this.store.run(`DELETE FROM __all_backup_job WHERE tenant_id = ? AND job_id = ?`, [tenantId, job.jobId]);
    this.jobs = this.jobs.filter((j) => j !== job);
    for (const cj of this.clusterJobs) {
      const key = `${tenantId}:${job.jobId}`;
      if (cj.children.some((c) => `${c.tenantId}:${c.jobId}` === key)) {
        cj.ended[key] = { atUs: at, result, comment: text };
        if (cj.leftInit[key] === undefined) cj.leftInit[key] = at;
      }
    }
  }

  private tickClusterJob(cj: ClusterJob): boolean {
    const keys = cj.children.map((c) => `${c.tenantId}:${c.jobId}`);
    let changed = false;
    if (cj.status === 'INIT' && keys.every((k) => cj.leftInit[k] !== undefined)) {
      cj.status = 'DOING';
      this.store.run(`UPDATE __all_backup_job SET status = 'DOING' WHERE tenant_id = 1 AND job_id = ?`, [cj.jobId]);
      changed = true;
    }
    if (!keys.every((k) => cj.ended[k] !== undefined)) return changed;
    const ends = keys.map((k) => cj.ended[k]).filter((e): e is { atUs: number; result: number; comment: string } => e !== undefined);
    const endAt = Math.max(...ends.map((e) => e.atUs));
    const failure = ends.find((e) => e.result !== 0);
    let status: 'COMPLETED' | 'FAILED' | 'CANCELED' = failure ? 'FAILED' : 'COMPLETED';
    let result = failure?.result ?? 0;
    let text = failure?.comment ?? '';
    if (cj.cancelAtUs !== null) {
      status = 'CANCELED';
      result = -4072;
      text = comment('ROOTSERVICE', -4072, traceId(rngFor(this.seed, 1, cj.jobId, 3)));
    }
    this.store.run(`UPDATE __all_backup_job SET status = ?, end_ts = ?, result = ?, comment = ? WHERE tenant_id = 1 AND job_id = ?`, [
      status,
      Math.max(endAt, (cj.cancelAtUs ?? 0) + CANCEL_DELAY_US * (cj.cancelAtUs === null ? 0 : 1)),
      result,
      text,
      cj.jobId,
    ]);
    this.store.run(`INSERT INTO __all_backup_job_history SELECT * FROM __all_backup_job WHERE tenant_id = 1 AND job_id = ?`, [cj.jobId]);
    this.store.run(`DELETE FROM __all_backup_job WHERE tenant_id = 1 AND job_id = ?`, [cj.jobId]);
    this.clusterJobs = this.clusterJobs.filter((c) => c !== cj);
    return true;
  }

  // ---------------------------------------------------------------- faults and archive control

  /** The current task of the tenant fails now, or its next task fails when it reaches the data phase. */
  failNextTask(t: TenantState, result: number, text: string | null): 'current' | 'next' {
    this.tick();
    const now = this.now();
    const job = this.activeJobs(t.id).find((j) => j.cancelAtUs === null);
    const rng = rngFor(this.seed, t.id, job?.jobId ?? 0, 5);
    const commentText = text ?? comment('SERVER', result, traceId(rng));
    if (job) {
      job.fault = { atUs: job.status === 'DOING' ? now : (job.phaseStarts[MINOR] ?? now), result, comment: commentText };
      this.tick();
      return 'current';
    }
    t.pendingFault = { result, comment: text };
    return 'next';
  }

  private newRound(t: TenantState, startUs: number): Round {
    const rng = rngFor(this.seed, t.id, t.nextRoundId, 9);
    const round: Round = {
      id: t.nextRoundId++,
      status: 'PREPARE',
      startUs,
      frozenUs: null,
      pending: [
        { status: 'BEGINNING', atUs: startUs + 1 * S },
        { status: 'DOING', atUs: startUs + 3 * S },
      ],
      pieceSwitchUs: parseInterval(t.archiveDest?.pieceSwitch ?? '1d') ?? 86400 * S,
      path: backupPathOf(t.archiveDest?.path ?? ''),
      bytesPerSecond: Math.round(rng.between(40, 400) * 1024),
    };
    return round;
  }

  private insertRound(t: TenantState): void {
    const r = t.round;
    if (!r) return;
    this.store.run(
      `INSERT INTO __all_tenant_archive_his SELECT * FROM __all_tenant_archive_progress WHERE tenant_id = ?`,
      [t.id],
    );
    this.store.run(`DELETE FROM __all_tenant_archive_progress WHERE tenant_id = ?`, [t.id]);
    this.store.run(
      `INSERT INTO __all_tenant_archive_progress (tenant_id, dest_id, round_id, incarnation, dest_no, status, start_scn, checkpoint_scn,
         compatible, base_piece_id, used_piece_id, piece_switch_interval, unit_size, compression, path)
       VALUES (?, 1001, ?, 1, 0, ?, ?, ?, 2, 1, 1, ?, 1, 'none', ?)`,
      [t.id, r.id, r.status, scnOf(r.startUs), scnOf(r.startUs), r.pieceSwitchUs, r.path],
    );
  }

  private tickRound(t: TenantState, now: number): boolean {
    const r = t.round;
    if (!r) return false;
    let changed = false;
    while (r.pending[0] && r.pending[0].atUs <= now) {
      const next = r.pending.shift();
      if (!next) break;
      r.status = next.status;
      changed = true;
    }
    return changed;
  }

  /** CHECKPOINT_SCN and bytes move while DOING. */
  private updateArchiveRows(now: number): void {
    for (const t of this.tenants) {
      const r = t.round;
      if (!r) continue;
      const until = r.status === 'DOING' ? now : (r.frozenUs ?? now);
      const doingSince = r.startUs + 3 * S;
      const elapsed = Math.max(0, until - doingSince);
      const input = Math.floor((elapsed / S) * r.bytesPerSecond);
      const checkpoint = r.status === 'PREPARE' || r.status === 'BEGINNING' ? r.startUs : Math.max(r.startUs, until - 1500_000);
      const pieces = 1 + Math.floor(elapsed / r.pieceSwitchUs);
      this.store.run(
        `UPDATE __all_tenant_archive_progress SET status = ?, checkpoint_scn = ?, input_bytes = ?, output_bytes = ?, used_piece_id = ?
         WHERE tenant_id = ?`,
        [r.status, scnOf(checkpoint), input, input, pieces, t.id],
      );
    }
  }

  private archiveLeftDoing(t: TenantState, code: number): void {
    const now = this.now();
    if (t.round && t.round.frozenUs === null) t.round.frozenUs = now;
    for (const job of this.activeJobs(t.id)) {
      if (!job.archiveLost) job.archiveLost = { atUs: now, result: code };
    }
  }

  private archiveBack(t: TenantState): void {
    if (t.round) t.round.frozenUs = null;
    for (const job of this.activeJobs(t.id)) job.archiveLost = null;
  }

  /** ALTER SYSTEM ARCHIVELOG / NOARCHIVELOG for these tenants. */
  setLogMode(targets: TenantState[], enable: boolean): void {
    this.tick();
    const now = this.now();
    this.store.transaction(() => {
      for (const t of targets) {
        t.logMode = enable ? 'ARCHIVELOG' : 'NOARCHIVELOG';
        this.store.run(`UPDATE __all_tenant SET log_mode = ?, modify_ts = ? WHERE tenant_id = ?`, [t.logMode, now, t.id]);
        if (enable) this.maybeStartRound(t, now);
        else if (t.round && t.round.status !== 'STOP' && t.round.status !== 'STOPPING') {
          this.archiveLeftDoing(t, -9029);
          t.round.status = 'STOPPING';
          t.round.pending = [{ status: 'STOP', atUs: now + 2 * S }];
        }
      }
      this.updateArchiveRows(now);
    });
    this.onChange();
  }

  private maybeStartRound(t: TenantState, now: number): void {
    if (t.logMode !== 'ARCHIVELOG' || !t.archiveDest || t.archiveDestState !== 'ENABLE') return;
    if (t.round && t.round.status !== 'STOP' && t.round.status !== 'STOPPING') return;
    t.round = this.newRound(t, now);
    this.insertRound(t);
    this.archiveBack(t);
  }

  /** Control channel: stop (NOARCHIVELOG), resume (ARCHIVELOG / out of INTERRUPTED), interrupt. */
  controlArchive(t: TenantState, action: 'stop' | 'resume' | 'interrupt'): void {
    this.tick();
    const now = this.now();
    if (action === 'stop') {
      if (t.logMode === 'ARCHIVELOG') this.setLogMode([t], false);
      return;
    }
    if (action === 'interrupt') {
      if (t.round && (t.round.status === 'DOING' || t.round.status === 'BEGINNING' || t.round.status === 'PREPARE')) {
        this.archiveLeftDoing(t, -9027);
        t.round.status = 'INTERRUPTED';
        t.round.pending = [];
        this.store.transaction(() => this.updateArchiveRows(now));
        this.onChange();
      }
      return;
    }
    if (t.round?.status === 'INTERRUPTED' || t.round?.status === 'SUSPEND' || t.round?.status === 'SUSPENDING') {
      t.round.status = 'DOING';
      t.round.pending = [];
      this.archiveBack(t);
      this.store.transaction(() => this.updateArchiveRows(now));
      this.onChange();
      return;
    }
    this.setLogMode([t], true);
  }

  setTenantStatus(t: TenantState, status: string): void {
    t.status = status;
    this.store.run(`UPDATE __all_tenant SET status = ?, modify_ts = ? WHERE tenant_id = ?`, [status, this.now(), t.id]);
    this.onChange();
  }

  // ---------------------------------------------------------------- destinations

  setDataBackupDest(t: TenantState, value: string): void {
    if (this.hasActiveJob(t.id)) throw ObErrors.backupInProgress();
    if (value !== '') {
      if (!isValidDest(value)) throw ObErrors.invalidBackupDest();
      const other = this.tenants.find((o) => o !== t && o.usedDataDests.includes(value));
      if (other) throw ObErrors.formatFileNotMatch();
      if (!t.usedDataDests.includes(value)) t.usedDataDests.push(value);
    }
    t.dataBackupDest = value === '' ? null : value;
    this.writeParameters(t);
    this.onChange();
  }

  setLogArchiveDest(t: TenantState, value: string): void {
    const parsed = parseArchiveDest(value);
    if (!parsed) throw ObErrors.invalidArgument();
    if (!isValidDest(parsed.path)) throw ObErrors.invalidBackupDest();
    t.archiveDest = parsed;
    this.writeParameters(t);
    this.store.transaction(() => this.maybeStartRound(t, this.now()));
    this.onChange();
  }

  setLogArchiveDestState(t: TenantState, value: string): void {
    const state = value.toUpperCase();
    if (state !== 'ENABLE' && state !== 'DEFER') throw ObErrors.invalidArgument();
    const now = this.now();
    t.archiveDestState = state;
    this.store.transaction(() => {
      if (state === 'DEFER' && t.round && ['DOING', 'PREPARE', 'BEGINNING'].includes(t.round.status)) {
        this.archiveLeftDoing(t, -9029);
        t.round.status = 'SUSPENDING';
        t.round.pending = [{ status: 'SUSPEND', atUs: now + 2 * S }];
      } else if (state === 'ENABLE' && t.round && (t.round.status === 'SUSPEND' || t.round.status === 'SUSPENDING')) {
        t.round.status = 'DOING';
        t.round.pending = [];
        this.archiveBack(t);
      } else if (state === 'ENABLE') this.maybeStartRound(t, now);
      this.writeParameters(t);
      this.updateArchiveRows(now);
    });
    this.onChange();
  }

  private writeParameters(t: TenantState): void {
    this.store.run(`DELETE FROM __all_backup_parameter WHERE tenant_id = ?`, [t.id]);
    if (t.dataBackupDest) this.store.run(`INSERT INTO __all_backup_parameter VALUES (?, 'data_backup_dest', ?)`, [t.id, t.dataBackupDest]);
    this.store.run(`DELETE FROM __all_archive_dest_parameter WHERE tenant_id = ?`, [t.id]);
    if (t.archiveDest) {
      const rows: [string, string][] = [
        ['binding', t.archiveDest.binding],
        ['dest_id', '1001'],
        ['path', t.archiveDest.path],
        ['piece_switch_interval', t.archiveDest.pieceSwitch],
        ['state', t.archiveDestState],
      ];
      for (const [name, value] of rows) this.store.run(`INSERT INTO __all_archive_dest_parameter VALUES (?, 0, ?, ?)`, [t.id, name, value]);
    }
  }

  // ---------------------------------------------------------------- seeded history

  /** Fills `count` finished jobs (with tasks and set files) spread over past weeks. */
  seedHistory(count: number, seed: number): { jobs: number; ms: number } {
    const started = Date.now();
    const tenants = this.userTenants();
    if (tenants.length === 0 || count <= 0) return { jobs: 0, ms: 0 };
    const rng = rngFor(seed, 424242);
    const now = this.now();
    const spanUs = Math.min(Math.max(count * 6 * 3600, 21 * 86400), 3 * 365 * 86400) * S;
    const firstUs = now - spanUs - 3600 * S;
    const step = spanUs / count;
    const jobSql = this.store.db.prepare(
      `INSERT INTO __all_backup_job_history (tenant_id, job_id, incarnation, backup_set_id, initiator_tenant_id, initiator_job_id,
         executor_tenant_id, plus_archivelog, backup_type, job_level, encryption_mode, passwd, start_ts, end_ts, status, result,
         comment, description, path) VALUES (?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const taskSql = this.store.db.prepare(
      `INSERT INTO __all_backup_task_history (tenant_id, task_id, job_id, incarnation, backup_set_id, start_ts, end_ts, status, start_scn,
         end_scn, user_ls_start_scn, encryption_mode, passwd, input_bytes, output_bytes, extra_bytes, tablet_count, finish_tablet_count,
         macro_block_count, finish_macro_block_count, file_count, meta_turn_id, data_turn_id, result, comment, path, minor_turn_id,
         major_turn_id, log_file_count, finish_log_file_count)
       VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, 1, 1, ?, ?)`,
    );
    const setSql = this.store.db.prepare(
      `INSERT INTO __all_backup_set_files (tenant_id, backup_set_id, dest_id, incarnation, backup_type, prev_full_backup_set_id,
         prev_inc_backup_set_id, start_ts, end_ts, status, file_status, plus_archivelog, start_replay_scn, min_restore_scn, input_bytes,
         output_bytes, extra_bytes, tablet_count, finish_tablet_count, macro_block_count, finish_macro_block_count, file_count,
         meta_turn_id, data_turn_id, result, comment, encryption_mode, passwd, tenant_compatible, backup_compatible, path,
         cluster_version, consistent_scn, minor_turn_id, major_turn_id, job_id)
       VALUES (?, ?, 1, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, 3, ?, ?, ?, 1, 1, ?)`,
    );
    const lastFull = new Map<number, number>();
    const lastSet = new Map<number, number>();
    const failures: [number, string][] = [
      [-4012, 'SERVER'],
      [-9029, 'ROOTSERVICE'],
      [-4009, 'SERVER'],
      [-4184, 'SERVER'],
      [-4016, 'SERVER'],
    ];
    const descriptions = ['', '', '', '', 'nightly', 'weekly full', 'before upgrade', 'manual'];
    let inserted = 0;
    const tables = ['__all_backup_job_history', '__all_backup_task_history', '__all_backup_set_files'];
    try {
      this.store.withoutIndexes(tables, () => this.store.transaction(() => {
        for (let i = 0; inserted < count; i++) {
          const startUs = Math.floor(firstUs + i * step + rng.between(0, step * 0.3));
          const sysInitiated = rng.next() < 0.08 && tenants.length > 1 && count - inserted >= tenants.length;
          const targets = sysInitiated ? tenants : [rng.pick(tenants)];
          const r = rng.next();
          const outcome: 'COMPLETED' | 'FAILED' | 'CANCELED' = r < 0.86 ? 'COMPLETED' : r < 0.95 ? 'FAILED' : 'CANCELED';
          const wantFull = rng.next() < 0.2;
          const plus = rng.next() < 0.3 ? 'ON' : 'OFF';
          const encrypted = rng.next() < 0.15;
          const enc = encrypted ? 'PASSWORD' : 'NONE';
          const passwd = encrypted ? 'backup_pwd' : '';
          const description = rng.pick(descriptions);
          const failure = rng.pick(failures);
          const trace = `YB427F000001-${rng.hex(16)}-0-0`;
          const failComment = comment(failure[1] as 'SERVER' | 'ROOTSERVICE', failure[0], trace);
          const cancelComment = comment('ROOTSERVICE', -4072, trace);
          const result = outcome === 'COMPLETED' ? 0 : outcome === 'FAILED' ? failure[0] : -4072;
          const text = outcome === 'COMPLETED' ? '' : outcome === 'FAILED' ? failComment : cancelComment;
          let latestEnd = startUs;
          const sysJobId = sysInitiated ? this.sysNextJobId++ : 0;
          for (const t of targets) {
            const full = wantFull || !lastFull.has(t.id) ? 'FULL' : 'INC';
            const jobId = t.nextJobId++;
            const setId = t.nextSetId++;
            const taskId = t.nextTaskId++;
            const fullBytes = rng.logBetween(20 * 1024 ** 2, 400 * 1024 ** 3);
            const input = Math.round(full === 'FULL' ? fullBytes : fullBytes * rng.between(0.01, 0.1));
            const seconds = 60 + input / rng.between(60, 200) / 1024 ** 2;
            const durUs = Math.round(seconds * S * (outcome === 'COMPLETED' ? 1 : rng.between(0.1, 0.9)));
            const endUs = startUs + 4 * S + durUs;
            latestEnd = Math.max(latestEnd, endUs);
            const frac = outcome === 'COMPLETED' ? 1 : rng.between(0, 0.95);
            const macro = Math.max(1, Math.round(input / MACRO_BLOCK_BYTES));
            const tablets = rng.int(600, 4000);
            const done = Math.floor(input * frac);
            const output = Math.floor(done * rng.between(0.3, 0.5));
            const path = `file:///data/backup/${t.name}/data`;
            const startScn = scnOf(startUs + 4 * S);
            const endScn = outcome === 'COMPLETED' ? scnOf(endUs - 5 * S) : '0';
            const prevFull = full === 'INC' ? (lastFull.get(t.id) ?? 0) : 0;
            const prevInc = full === 'INC' ? (lastSet.get(t.id) ?? 0) : 0;
            jobSql.run([
              t.id, jobId, setId, sysInitiated ? 1 : t.id, sysJobId, String(t.id), plus, full, 'USER_TENANT', enc, passwd,
              startUs, endUs, outcome, result, text, description, path,
            ]);
            taskSql.run([
              t.id, taskId, jobId, setId, startUs + 4 * S, endUs, outcome, startScn, endScn, startScn, enc, passwd, done, output,
              rng.int(2, 40) * 1024 * 1024, tablets, Math.floor(tablets * frac), macro, Math.floor(macro * frac),
              2 + Math.ceil((macro * frac) / 16), 1, result, text, path, 8, outcome === 'COMPLETED' ? 8 : 0,
            ]);
            const ok = outcome === 'COMPLETED';
            setSql.run([
              t.id, setId, full, prevFull, prevInc, startUs + 4 * S, endUs, ok ? 'SUCCESS' : 'FAILED', ok ? 'AVAILABLE' : 'INCOMPLETE',
              plus, startScn, endScn, done, output, rng.int(2, 40) * 1024 * 1024, tablets, Math.floor(tablets * frac), macro,
              Math.floor(macro * frac), 2 + Math.ceil((macro * frac) / 16), 1, result, text, enc, passwd, TENANT_COMPATIBLE, path,
              OB_VERSION, endScn, jobId,
            ]);
            if (ok) {
              if (full === 'FULL') lastFull.set(t.id, setId);
              lastSet.set(t.id, setId);
            }
            inserted++;
          }
          if (sysInitiated) {
            jobSql.run([
              1, sysJobId, 0, 1, sysJobId, targets.map((t) => t.id).join(','), plus, wantFull ? 'FULL' : 'INC', 'CLUSTER', enc, passwd,
              startUs, latestEnd, outcome, result, text, description, '',
            ]);
          }
        }
      }));
    } finally {
      jobSql.free();
      taskSql.free();
      setSql.free();
    }
    this.onChange();
    return { jobs: inserted, ms: Date.now() - started };
  }
}

export interface BackupOptions {
  plusArchivelog: boolean;
  description: string;
  encryption: EncryptionSetting;
}

const DEST_RE = /^(file:\/\/\/.+|(oss|cos|s3|obs):\/\/[^/?]+\/.*)$/i;
function isValidDest(uri: string): boolean {
  return DEST_RE.test(uri.trim());
}

/** '1d' .. '7d' (also h/m) → microseconds. */
export function parseInterval(text: string): number | null {
  const m = /^(\d+)\s*([dhm])$/i.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'd').toLowerCase();
  return n * (unit === 'd' ? 86400 : unit === 'h' ? 3600 : 60) * S;
}

/** 'LOCATION=uri [BINDING=Optional|Mandatory] [PIECE_SWITCH_INTERVAL=1d..7d]' */
export function parseArchiveDest(value: string): TenantState['archiveDest'] {
  let path: string | null = null;
  let binding: 'OPTIONAL' | 'MANDATORY' = 'OPTIONAL';
  let pieceSwitch = '1d';
  for (const part of value.trim().split(/\s+/)) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    const key = part.slice(0, eq).toUpperCase();
    const v = part.slice(eq + 1);
    if (key === 'LOCATION') path = v;
    else if (key === 'BINDING') {
      const b = v.toUpperCase();
      if (b !== 'OPTIONAL' && b !== 'MANDATORY') return null;
      binding = b;
    } else if (key === 'PIECE_SWITCH_INTERVAL') {
      const us = parseInterval(v);
      if (us === null || us < 86400 * S || us > 7 * 86400 * S) return null;
      pieceSwitch = v.toLowerCase();
    } else return null;
  }
  if (!path) return null;
  return { path, binding, pieceSwitch };
}

import { backupPathOf } from './backup-path.js';
import { TENANT_COMPATIBLE } from '../config.js';
import { ObErrors } from '../errors.js';
import { EngineBase } from './base.js';
import { isValidDest, parseArchiveDest, parseInterval } from './dest.js';
import type { Round, TenantState } from './model.js';
import { S, scnOf } from './model.js';
import { rngFor } from './rng.js';
import type { TenantOption } from '../config.js';

/** Archive rounds and the backup/archive destinations of each tenant. */
export abstract class ArchiveEngine extends EngineBase {
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
      this.tenants.push(
        this.newTenant({ id: t.id - 1, name: `META$${t.id}`, mode: 'MYSQL' }, created),
      );
      const state = this.newTenant(t, created);
      const rng = rngFor(this.seed, t.id, 7);
      state.dataBytes = Math.round(rng.between(2, 8) * 1024 ** 3);
      state.dataBackupDest =
        t.dataBackupDest === undefined ? `file:///data/backup/${t.name}/data` : t.dataBackupDest;
      if (state.dataBackupDest) state.usedDataDests.push(state.dataBackupDest);
      const archivePath =
        t.archiveDest === undefined ? `file:///data/backup/${t.name}/archive` : t.archiveDest;
      if (archivePath)
        state.archiveDest = { path: archivePath, binding: 'OPTIONAL', pieceSwitch: '1d' };
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
        '__all_backup_delete_policy',
        '__all_backup_delete_job',
        '__all_backup_delete_job_history',
        '__all_backup_delete_task',
        '__all_backup_delete_task_history',
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

  protected newRound(t: TenantState, startUs: number): Round {
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

  protected insertRound(t: TenantState): void {
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

  protected tickRound(t: TenantState, now: number): boolean {
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
  protected updateArchiveRows(now: number): void {
    for (const t of this.tenants) {
      const r = t.round;
      if (!r) continue;
      const until = r.status === 'DOING' ? now : (r.frozenUs ?? now);
      const doingSince = r.startUs + 3 * S;
      const elapsed = Math.max(0, until - doingSince);
      const input = Math.floor((elapsed / S) * r.bytesPerSecond);
      const checkpoint =
        r.status === 'PREPARE' || r.status === 'BEGINNING'
          ? r.startUs
          : Math.max(r.startUs, until - 1500_000);
      const pieces = 1 + Math.floor(elapsed / r.pieceSwitchUs);
      this.store.run(
        `UPDATE __all_tenant_archive_progress SET status = ?, checkpoint_scn = ?, input_bytes = ?, output_bytes = ?, used_piece_id = ?
         WHERE tenant_id = ?`,
        [r.status, scnOf(checkpoint), input, input, pieces, t.id],
      );
    }
  }

  protected archiveLeftDoing(t: TenantState, code: number): void {
    const now = this.now();
    if (t.round && t.round.frozenUs === null) t.round.frozenUs = now;
    for (const job of this.activeJobs(t.id)) {
      if (!job.archiveLost) job.archiveLost = { atUs: now, result: code };
    }
  }

  protected archiveBack(t: TenantState): void {
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
        this.store.run(`UPDATE __all_tenant SET log_mode = ?, modify_ts = ? WHERE tenant_id = ?`, [
          t.logMode,
          now,
          t.id,
        ]);
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

  protected maybeStartRound(t: TenantState, now: number): void {
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
      if (
        t.round &&
        (t.round.status === 'DOING' ||
          t.round.status === 'BEGINNING' ||
          t.round.status === 'PREPARE')
      ) {
        this.archiveLeftDoing(t, -9027);
        t.round.status = 'INTERRUPTED';
        t.round.pending = [];
        this.store.transaction(() => this.updateArchiveRows(now));
        this.onChange();
      }
      return;
    }
    if (
      t.round?.status === 'INTERRUPTED' ||
      t.round?.status === 'SUSPEND' ||
      t.round?.status === 'SUSPENDING'
    ) {
      t.round.status = 'DOING';
      t.round.pending = [];
      this.archiveBack(t);
      this.store.transaction(() => this.updateArchiveRows(now));
      this.onChange();
      return;
    }
    this.setLogMode([t], true);
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
    // Emptied, not removed: the parameter row stays with an empty value.
    t.dataBackupDest = value;
    this.writeParameters(t);
    this.onChange();
  }

  /**
   * ObLogArchiveDestConfigParser's order: the value is parsed first, then a missing LOCATION is
   * refused, then a round that is not STOP; '' removes the destination (also not while running).
   */
  setLogArchiveDest(t: TenantState, value: string): void {
    const parsed = parseArchiveDest(value);
    const running = t.round !== null && t.round.status !== 'STOP';
    if (parsed && parsed.path === null)
      throw ObErrors.notSupported('set archive dest without location is');
    if (running) throw ObErrors.notSupported('change archive dest when archive is running is');
    if (parsed?.path && !isValidDest(parsed.path)) throw ObErrors.invalidBackupDest();
    t.archiveDest = parsed?.path ? { ...parsed, path: parsed.path } : null;
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
      if (
        state === 'DEFER' &&
        t.round &&
        ['DOING', 'PREPARE', 'BEGINNING'].includes(t.round.status)
      ) {
        this.archiveLeftDoing(t, -9029);
        t.round.status = 'SUSPENDING';
        t.round.pending = [{ status: 'SUSPEND', atUs: now + 2 * S }];
      } else if (
        state === 'ENABLE' &&
        t.round &&
        (t.round.status === 'SUSPEND' || t.round.status === 'SUSPENDING')
      ) {
        t.round.status = 'DOING';
        t.round.pending = [];
        this.archiveBack(t);
      } else if (state === 'ENABLE') this.maybeStartRound(t, now);
      this.writeParameters(t);
      this.updateArchiveRows(now);
    });
    this.onChange();
  }
}

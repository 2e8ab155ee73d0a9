import type { Store } from '../catalog/store.js';
import type { TenantOption } from '../config.js';
import { ObErrors } from '../errors.js';
import type { Clock } from './clock.js';
import type { ClusterJob, EngineSnapshot, TenantState, UserJob } from './model.js';

/** State and lookups shared by the archive, job-start and job-progress layers of the engine. */
export abstract class EngineBase {
  tenants: TenantState[] = [];
  protected jobs: UserJob[] = [];
  protected clusterJobs: ClusterJob[] = [];
  protected sysNextJobId = 1;
  /** Called when rows change, so the data file can be written. */
  onChange: () => void = () => {};

  constructor(
    protected readonly store: Store,
    protected readonly clock: Clock,
    protected seed: number,
  ) {}

  /** Brings every job and archive round up to the current simulated time. */
  abstract tick(): void;

  protected now(): number {
    return this.clock.nowUs();
  }

  /** The simulated time in microseconds, for statement handlers. */
  nowUs(): number {
    return this.clock.nowUs();
  }

  /**
   * ROOTSERVICE_EVENT_ADD(module, event, name1, value1, ...): one row of the rootservice event
   * history at `atUs` (now by default), up to six name/value pairs, written by the rootserver.
   */
  rootserviceEvent(
    module: string,
    event: string,
    pairs: [string, string | number][],
    atUs: number = this.now(),
  ): void {
    // gmt_create is the table's row key: events of one instant get consecutive microseconds.
    const last = this.store.all('SELECT MAX(gmt_create_us) AS m FROM __sim_rs_event')[0]?.m;
    const gmtCreate = typeof last === 'number' && last >= atUs ? last + 1 : atUs;
    const names = pairs.slice(0, 6).flatMap((_, i) => [`name${i + 1}`, `value${i + 1}`]);
    const values = pairs.slice(0, 6).flatMap(([n, v]) => [n, String(v)]);
    this.store.run(
      `INSERT INTO __sim_rs_event (gmt_create_us, module, event, rs_svr_ip, rs_svr_port${names.map((n) => `, ${n}`).join('')})
       VALUES (?, ?, ?, '127.0.0.1', 2882${names.map(() => ', ?').join('')})`,
      [gmtCreate, module, event, ...values],
    );
  }

  protected newTenant(t: TenantOption, createUs: number): TenantState {
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

  protected activeJobs(tenantId: number): UserJob[] {
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

  hasActiveJob(tenantId: number): boolean {
    return this.activeJobs(tenantId).length > 0;
  }

  setTenantStatus(t: TenantState, status: string): void {
    t.status = status;
    this.store.run(`UPDATE __all_tenant SET status = ?, modify_ts = ? WHERE tenant_id = ?`, [
      status,
      this.now(),
      t.id,
    ]);
    this.onChange();
  }

  protected writeParameters(t: TenantState): void {
    this.store.run(`DELETE FROM __all_backup_parameter WHERE tenant_id = ?`, [t.id]);
    if (t.dataBackupDest !== null)
      this.store.run(`INSERT INTO __all_backup_parameter VALUES (?, 'data_backup_dest', ?)`, [
        t.id,
        t.dataBackupDest,
      ]);
    this.store.run(`DELETE FROM __all_archive_dest_parameter WHERE tenant_id = ?`, [t.id]);
    if (t.archiveDest) {
      const rows: [string, string][] = [
        ['binding', t.archiveDest.binding],
        ['dest_id', '1001'],
        ['path', t.archiveDest.path],
        ['piece_switch_interval', t.archiveDest.pieceSwitch],
        ['state', t.archiveDestState],
      ];
      for (const [name, value] of rows)
        this.store.run(`INSERT INTO __all_archive_dest_parameter VALUES (?, 0, ?, ?)`, [
          t.id,
          name,
          value,
        ]);
    }
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startSimulator } from '@obconsole/oceanbase-sim';
import type { StartBackupResponse } from '@obconsole/contracts';
import { createLogger } from '../../lib/logger.js';
import { KeyedLock } from '../../lib/keyed-lock.js';
import { Secret } from '../../lib/secret.js';
import { SingleFlight } from '../../lib/single-flight.js';
import { openServiceAccount, type ServiceAccount } from '../../lib/service-account.js';
import { IdempotencyStore } from '../backups/idempotency.js';
import { PollerHub } from '../backups/poller.js';
import type { BackupDeps } from '../backups/backups.service.js';
import { cancelBackup } from '../backups/backups.service.js';
import { startBackup } from '../backups/start.js';
import type { JobWatcher, JobWatcherEvent } from './watcher.js';
import { watchCluster } from './watcher-cluster.js';

type Simulator = Awaited<ReturnType<typeof startSimulator>>;
type SimOptions = NonNullable<Parameters<typeof startSimulator>[0]>;

/** Distinctive, so that a scan of the log can tell it from anything else. */
const SERVICE_PASSWORD = 'svc-Pw!7731"\'\\x';
const SETTINGS = { connectTimeoutMs: 500, queryTimeoutMs: 500 };

interface Rig {
  sim: Simulator;
  service: ServiceAccount;
  watcher: JobWatcher;
  events: JobWatcherEvent[];
  logs: string[];
  deps: BackupDeps;
  clock: { now: number };
  /** Ticks the watcher and returns the events that poll emitted. */
  tick(): Promise<JobWatcherEvent[]>;
  /** Moves the simulator's clock forward in small steps (as the job engine expects), ticking after each. */
  run(seconds: number, step?: number): Promise<void>;
  stopSim(): Promise<void>;
  restartSim(): Promise<void>;
}

const open: Rig[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const r of open.splice(0)) {
    await r.watcher.stop();
    await r.service.close();
    await r.deps.hub.closeAll();
    await r.sim.close().catch(() => undefined);
  }
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function rig(
  sim: Partial<SimOptions> = {},
  watch: Parameters<typeof watchCluster>[3] = {},
): Promise<Rig> {
  const options: SimOptions = {
    host: '127.0.0.1',
    port: 0,
    controlPort: null,
    manualClock: true,
    seed: 42,
    accounts: [
      { user: 'root', tenant: 'sys', password: 'oceanbase', role: 'admin' },
      { user: 'svc', tenant: 'sys', password: SERVICE_PASSWORD, role: 'admin' },
      { user: 'support', tenant: 'sys', password: 'oceanbase', role: 'readonly' },
    ],
    ...sim,
  };
  let current: Simulator | null = await startSimulator(options);
  const port = current.sqlPort;
  const logs: string[] = [];
  const log = createLogger(
    'debug',
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        logs.push(chunk.toString('utf8'));
        cb();
      },
    }),
  );
  const service = await openServiceAccount(
    {
      clusterId: 'obcluster-hz',
      target: { host: '127.0.0.1', port },
      user: 'svc',
      tenant: 'sys',
      password: new Secret(SERVICE_PASSWORD),
    },
    SETTINGS,
    log,
  );
  // The watcher's clock follows the simulated cluster's, as a host with NTP follows a real one.
  const clock = { now: 0 };
  const simClock = () => {
    if (current) clock.now = Math.floor(current.control.clock().nowUs / 1000);
    return clock.now;
  };
  simClock();
  const watcher = watchCluster(service, SETTINGS, log, {
    autoPoll: false,
    now: simClock,
    pageSize: 7,
    ...watch,
  });
  const events: JobWatcherEvent[] = [];
  watcher.subscribe((e) => events.push(e));
  const deps: BackupDeps = {
    hub: new PollerHub(SETTINGS, { activeMs: 100, idleMs: 200 }, log),
    activeReads: new SingleFlight(),
    idempotency: new IdempotencyStore<StartBackupResponse>(),
    readBackTimeoutMs: 1000,
    startLock: new KeyedLock(),
  };
  const simNow = (): Simulator => {
    if (!current) throw new Error('the simulator is stopped');
    return current;
  };
  const r: Rig = {
    get sim() {
      return simNow();
    },
    service,
    watcher,
    events,
    logs,
    deps,
    clock,
    tick: async () => {
      const before = events.length;
      await watcher.tick();
      return events.slice(before);
    },
    run: async (seconds, step = 1) => {
      for (let done = 0; done < seconds; done += step) {
        simNow().control.advance(Math.min(step, seconds - done));
        await r.tick();
      }
    },
    stopSim: async () => {
      const s = simNow();
      current = null;
      await s.close();
    },
    restartSim: async () => {
      current = await startSimulator({ ...options, port });
    },
  };
  open.push(r);
  return r;
}

type JobEvent = Extract<JobWatcherEvent, { job: unknown }>;

function ofJob(events: JobWatcherEvent[], tenantId: number, jobId: number): JobEvent[] {
  return events.flatMap((e) =>
    'job' in e && e.job.tenantId === tenantId && e.job.jobId === jobId ? [e] : [],
  );
}

function finished(events: JobWatcherEvent[]) {
  return events.flatMap((e) => (e.type === 'job.finished' ? [e] : []));
}

/** Each (tenant, job) at most once in the list: the exactly-once check. */
function keys(list: { job: { tenantId: number; jobId: number } }[]): string[] {
  return list.map((e) => `${e.job.tenantId}:${e.job.jobId}`);
}

describe('the job watcher', () => {
  it('does not replay the history at start, and reports a job already running as alreadyRunning', async () => {
    const r = await rig({ seedHistory: 120 });
    const started = await startBackup(
      r.service.ctx,
      { type: 'full', tenants: ['mysql_tenant'], plusArchivelog: false },
      undefined,
      r.deps,
    );
    const first = await r.tick();
    expect(finished(first)).toEqual([]);
    const tenantJob = started.jobs.find((j) => j.level === 'USER_TENANT')!;
    const s = first.filter((e) => e.type === 'job.started');
    expect(keys(s)).toContain(`1002:${tenantJob.jobId}`);
    expect(s.every((e) => e.type === 'job.started' && e.alreadyRunning)).toBe(true);
    // The next job is a new start.
    expect(await r.tick()).toEqual([]);
  });

  it('reports the phases and the end of a backup started through the service account, with no HTTP session, exactly once each', async () => {
    const r = await rig({ seedHistory: 30 });
    expect(await r.tick()).toEqual([]); // baseline: 30 finished jobs are history, not news
    const started = await startBackup(
      r.service.ctx,
      { type: 'full', tenants: ['mysql_tenant'], plusArchivelog: false, description: 'unattended' },
      undefined,
      r.deps,
    );
    expect(started.jobs.map((j) => j.level).sort()).toEqual(['CLUSTER', 'USER_TENANT']);
    await r.run(240);
    for (const job of started.jobs) {
      const mine = ofJob(r.events, job.tenantId, job.jobId);
      const types = mine.map((e) => e.type);
      expect(types.filter((t) => t === 'job.started')).toHaveLength(1);
      expect(types.filter((t) => t === 'job.finished')).toHaveLength(1);
      expect(types[0]).toBe('job.started');
      expect(types[types.length - 1]).toBe('job.finished');
      const end = mine[mine.length - 1]!;
      expect(end.type === 'job.finished' && end.job.status).toBe('COMPLETED');
      expect(end.type === 'job.finished' && end.seenRunning).toBe(true);
      expect(end.type === 'job.finished' && end.job.result).toBe(0);
      expect(end.job.description).toBe('unattended');
      expect(end.clusterId).toBe('obcluster-hz');
      // Each phase change once: no two consecutive events describe the same state.
      const states = mine.flatMap((e) =>
        e.type === 'job.finished' ? [] : [`${e.job.status}/${e.job.phase ?? ''}`],
      );
      expect(new Set(states).size).toBe(states.length);
    }
    const tenantJob = started.jobs.find((j) => j.level === 'USER_TENANT')!;
    const phases = ofJob(r.events, 1002, tenantJob.jobId).flatMap((e) =>
      e.type === 'job.finished' ? [] : [e.job.phase],
    );
    // The task's phases in the engine's order, as the watcher saw them at one-second polls.
    expect(phases).toEqual(
      expect.arrayContaining(['BACKUP_DATA_MINOR', 'BACKUP_DATA_MAJOR', 'BACKUP_LOG']),
    );
    const order = [
      null,
      'INIT',
      'BACKUP_SYS_META',
      'BACKUP_USER_META',
      'BACKUP_META_FINISH',
      'BACKUP_DATA_MINOR',
      'BACKUP_DATA_MAJOR',
      'BEFORE_BACKUP_LOG',
      'BACKUP_LOG',
      'COMPLETED',
    ];
    const idx = phases.map((p) => order.indexOf(p));
    expect(idx.every((v, i) => v >= 0 && (i === 0 || v >= idx[i - 1]!))).toBe(true);
    const before = r.events.length;
    await r.run(30, 5);
    expect(r.events.length).toBe(before);
    // The service account's password reached no log line in any form.
    expect(r.logs.filter((l) => l.includes('svc-Pw!7731'))).toEqual([]);
  });

  it('reports a cancelled backup as CANCELED, once, polling fast only while it runs', async () => {
    const r = await rig({}, { intervals: { activeMs: 1000, idleMs: 5000 } });
    expect((await r.watcher.tick()).nextDelayMs).toBe(5000);
    const started = await startBackup(
      r.service.ctx,
      { type: 'full', tenants: ['mysql_tenant'], plusArchivelog: false },
      undefined,
      r.deps,
    );
    expect((await r.watcher.tick()).nextDelayMs).toBe(1000);
    await r.run(8);
    await cancelBackup(r.service.ctx, { tenants: ['mysql_tenant'] }, r.deps);
    await r.run(60);
    const tenantJob = started.jobs.find((j) => j.level === 'USER_TENANT')!;
    const ends = finished(ofJob(r.events, 1002, tenantJob.jobId));
    expect(ends).toHaveLength(1);
    expect(ends[0]!.job.status).toBe('CANCELED');
    expect((await r.watcher.tick()).nextDelayMs).toBe(5000);
  });

  it.each([
    ['seen running first', true],
    ['never seen running (only the history keyset finds them, 7 rows a page)', false],
  ])(
    'reports all 50 jobs that finish between two polls, each once: %s',
    async (_name, seenFirst) => {
      const tenants = Array.from({ length: 50 }, (_, i) => ({
        id: 1002 + 2 * i,
        name: `t${String(i).padStart(2, '0')}`,
      }));
      const r = await rig({ tenants, seedHistory: 0 }, { pageSize: 7 });
      await r.tick();
      const started = await startBackup(
        r.service.ctx,
        { type: 'full', tenants: 'all', plusArchivelog: false },
        undefined,
        r.deps,
      );
      const tenantJobs = started.jobs.filter((j) => j.level === 'USER_TENANT');
      expect(tenantJobs).toHaveLength(50);
      if (seenFirst) {
        const seen = await r.tick();
        expect(seen.filter((e) => e.type === 'job.started')).toHaveLength(51);
      }
      // Nobody polls while all of them run to their end.
      for (let s = 0; s < 900; s += 5) r.sim.control.advance(5);
      const burst = await r.tick();
      const ends = finished(burst);
      expect(ends).toHaveLength(51);
      expect(new Set(keys(ends)).size).toBe(51);
      for (const j of tenantJobs) expect(keys(ends)).toContain(`${j.tenantId}:${j.jobId}`);
      expect(ends.every((e) => e.seenRunning === seenFirst)).toBe(true);
      expect(ends.find((e) => e.job.tenantId === 1002)!.job.tenantName).toBe('t00');
      // In end-time order, as the keyset read them.
      const times = ends.map((e) => e.job.endTime!);
      expect([...times].sort()).toEqual(times);
      expect(await r.tick()).toEqual([]);
      expect(r.watcher.running()).toEqual([]);
    },
  );

  it('reports jobs that start and end between two polls, with seenRunning false', async () => {
    const r = await rig();
    await r.tick();
    const started = await startBackup(
      r.service.ctx,
      { type: 'full', tenants: ['mysql_tenant', 'oracle_tenant'], plusArchivelog: false },
      undefined,
      r.deps,
    );
    for (let s = 0; s < 600; s += 5) r.sim.control.advance(5);
    const ends = finished(await r.tick());
    expect(keys(ends).sort()).toEqual(keys(started.jobs.map((job) => ({ job }))).sort());
    expect(ends.every((e) => !e.seenRunning)).toBe(true);
    expect(await r.tick()).toEqual([]);
  });

  it('while the database is frozen it says unavailable once, backs off, and after it thaws reports every job that ended meanwhile exactly once', async () => {
    const r = await rig();
    await r.tick();
    const first = await startBackup(
      r.service.ctx,
      { type: 'full', tenants: ['mysql_tenant'], plusArchivelog: false },
      undefined,
      r.deps,
    );
    await r.run(3);
    r.sim.control.stall(true);
    const down = await r.tick();
    expect(down.map((e) => e.type)).toEqual(['watcher.unavailable']);
    expect(r.watcher.available).toBe(false);
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t = await r.watcher.tick();
      expect(t.ok).toBe(false);
      delays.push(t.nextDelayMs);
    }
    expect(delays[1]!).toBeGreaterThan(delays[0]!);
    expect(delays[2]!).toBeGreaterThan(delays[1]!);
    expect(r.events.filter((e) => e.type === 'watcher.unavailable')).toHaveLength(1);
    // Meanwhile the running job ends, another starts and ends unseen (from obclient, say).
    for (let s = 0; s < 300; s += 5) r.sim.control.advance(5);
    r.sim.control.stall(false);
    const conn = await mysqlAs(r, 'root', 'oceanbase');
    await conn.query('ALTER SYSTEM BACKUP TENANT oracle_tenant');
    await conn.end();
    for (let s = 0; s < 300; s += 5) r.sim.control.advance(5);
    const back = await r.tick();
    expect(back[0]!.type).toBe('watcher.recovered');
    const ends = finished(back);
    const firstTenant = first.jobs.find((j) => j.level === 'USER_TENANT')!;
    expect(keys(ends)).toContain(`1002:${firstTenant.jobId}`);
    expect(ends.some((e) => e.job.tenantId === 1004 && !e.seenRunning)).toBe(true);
    expect(new Set(keys(ends)).size).toBe(ends.length);
    expect(await r.tick()).toEqual([]);
    expect(finished(r.events)).toHaveLength(ends.length);
  });

  it('when the observer is killed and restarted, every job that finished while it was away is reported once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'watcher-'));
    dirs.push(dir);
    const r = await rig({ dataFile: join(dir, 'sim.db') });
    await r.tick();
    const started = await startBackup(
      r.service.ctx,
      { type: 'full', tenants: ['mysql_tenant', 'oracle_tenant'], plusArchivelog: false },
      undefined,
      r.deps,
    );
    await r.run(5);
    await r.stopSim();
    const down = await r.tick();
    expect(down.map((e) => e.type)).toEqual(['watcher.unavailable']);
    expect((await r.tick()).map((e) => e.type)).toEqual([]);
    await r.restartSim();
    for (let s = 0; s < 600; s += 5) r.sim.control.advance(5);
    const back = await r.tick();
    expect(back[0]!.type).toBe('watcher.recovered');
    const ends = finished(back);
    expect(keys(ends).sort()).toEqual(keys(started.jobs.map((job) => ({ job }))).sort());
    expect(await r.tick()).toEqual([]);
  });

  it('started while the database is away, it reports the jobs that end after its start and none from before', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'watcher-'));
    dirs.push(dir);
    const r = await rig({ dataFile: join(dir, 'sim.db'), seedHistory: 40 });
    await r.stopSim();
    expect((await r.tick()).map((e) => e.type)).toEqual(['watcher.unavailable']);
    await r.restartSim();
    r.sim.control.advance(5);
    const jobs = await startBackup(
      r.service.ctx,
      { type: 'full', tenants: ['mysql_tenant'], plusArchivelog: false },
      undefined,
      r.deps,
    );
    for (let s = 0; s < 600; s += 5) r.sim.control.advance(5);
    const back = await r.tick();
    expect(back[0]!.type).toBe('watcher.recovered');
    expect(keys(finished(back)).sort()).toEqual(keys(jobs.jobs.map((job) => ({ job }))).sort());
  });

  it('polls on its own schedule once started: fast while a job runs', async () => {
    const r = await rig({}, { autoPoll: true, intervals: { activeMs: 20, idleMs: 40 } });
    const seen: JobWatcherEvent[] = [];
    r.watcher.subscribe((e) => seen.push(e));
    r.watcher.start();
    await startBackup(
      r.service.ctx,
      { type: 'full', tenants: ['mysql_tenant'], plusArchivelog: false },
      undefined,
      r.deps,
    );
    r.watcher.poke();
    await vi.waitFor(() => expect(seen.some((e) => e.type === 'job.started')).toBe(true), {
      timeout: 10_000,
    });
    for (let s = 0; s < 600; s += 5) r.sim.control.advance(5);
    await vi.waitFor(() => expect(finished(seen).length).toBe(2), { timeout: 10_000 });
    await r.watcher.stop();
  });

  it('a subscriber that throws does not stop the others, and unsubscribing stops the events', async () => {
    const r = await rig();
    await r.tick();
    const other: string[] = [];
    r.watcher.subscribe(() => {
      throw new Error('subscriber bug');
    });
    const off = r.watcher.on('job.started', (e) => other.push(`${e.job.tenantId}`));
    await startBackup(
      r.service.ctx,
      { type: 'full', tenants: ['mysql_tenant'], plusArchivelog: false },
      undefined,
      r.deps,
    );
    await r.tick();
    expect(other).toContain('1002');
    expect(r.logs.some((l) => l.includes('a job watcher subscriber failed'))).toBe(true);
    off();
    const n = other.length;
    r.sim.control.advance(1);
    await r.tick();
    expect(other.length).toBe(n);
  });
});

describe('the service account', () => {
  it('is refused with a message that names the cluster and the account when it is read-only', async () => {
    const r = await rig();
    await expect(
      openServiceAccount(
        {
          clusterId: 'obcluster-hz',
          target: { host: '127.0.0.1', port: r.sim.sqlPort },
          user: 'support',
          tenant: 'sys',
          password: new Secret('oceanbase'),
        },
        SETTINGS,
        createLogger('silent'),
      ),
    ).rejects.toThrow(/service account support@sys of cluster obcluster-hz has no ALTER SYSTEM/);
  });

  it('is refused when its password is wrong, without the password in the message', async () => {
    const r = await rig();
    const err = await openServiceAccount(
      {
        clusterId: 'obcluster-hz',
        target: { host: '127.0.0.1', port: r.sim.sqlPort },
        user: 'svc',
        tenant: 'sys',
        password: new Secret('wrong-Secret-991'),
      },
      SETTINGS,
      createLogger('silent'),
    ).then(
      () => new Error('it was accepted'),
      (e: unknown) => e as Error,
    );
    expect(err.message).toMatch(/service account svc@sys of cluster obcluster-hz was refused/);
    expect(err.message).not.toContain('wrong-Secret-991');
  });
});

async function mysqlAs(r: Rig, user: string, password: string) {
  const mysql = await import('mysql2/promise');
  return mysql.createConnection({
    host: '127.0.0.1',
    port: r.sim.sqlPort,
    user: `${user}@sys`,
    password,
  });
}

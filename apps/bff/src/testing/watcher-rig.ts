import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterEach } from 'vitest';
import mysql from 'mysql2/promise';
import { startSimulator } from '@obconsole/oceanbase-sim';
import type { StartBackupResponse } from '@obconsole/contracts';
import { createLogger } from '../lib/logger.js';
import { KeyedLock } from '../lib/keyed-lock.js';
import { systemClock } from '../lib/clock.js';
import { Secret } from '../lib/secret.js';
import { AccountReads } from '../lib/account-reads.js';
import type { ServiceAccount } from '../lib/service-account.js';
import { openServiceAccount } from '../features/session/service-account.js';
import { IdempotencyStore } from '../features/backups/idempotency.js';
import { PollerHub } from '../features/backups/poller-hub.js';
import type { BackupDeps } from '../features/backups/backups.service.js';
import type { JobWatcher, JobWatcherEvent } from '../features/jobs/watcher.js';
import { watchCluster } from '../features/jobs/watcher-cluster.js';

/*
 * A simulator (manual clock), the cluster's service account on it, and its job watcher ticked
 * by hand: what the watcher tests run on.
 */

export type Simulator = Awaited<ReturnType<typeof startSimulator>>;
type SimOptions = NonNullable<Parameters<typeof startSimulator>[0]>;

/** Distinctive, so that a scan of the log can tell it from anything else. */
export const SERVICE_PASSWORD = 'svc-Pw!7731"\'\\x';
/** Generous: the machine is shared, and a slow answer must not read as an outage. */
export const SETTINGS = { connectTimeoutMs: 3000, queryTimeoutMs: 5000 };

export interface Rig {
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

/** Stops every rig a test made, after each test of the file that calls this. */
export function cleanUpRigs(): void {
  afterEach(async () => {
    for (const r of open.splice(0)) {
      await r.watcher.stop();
      await r.service.close();
      await r.deps.hub.closeAll();
      await r.sim.close().catch(() => undefined);
    }
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
}

/** A data file for a simulator that must survive a restart, removed after the test. */
export function tempDataFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'watcher-'));
  dirs.push(dir);
  return join(dir, 'sim.db');
}

export async function rig(
  sim: Partial<SimOptions> = {},
  watch: Parameters<typeof watchCluster>[3] = {},
  /** A frozen database is noticed after queryTimeoutMs: the outage tests shorten it. */
  settings: { connectTimeoutMs: number; queryTimeoutMs: number } = SETTINGS,
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
    settings,
    log,
  );
  // The watcher's clock follows the simulated cluster's, as a host with NTP follows a real one.
  const clock = { now: 0 };
  const simClock = () => {
    if (current) clock.now = Math.floor(current.control.clock().nowUs / 1000);
    return clock.now;
  };
  simClock();
  // The cluster's logger names the cluster, as the composition root's does.
  const watcher = watchCluster(service, settings, log.child({ cluster: 'obcluster-hz' }), {
    autoPoll: false,
    now: simClock,
    pageSize: 7,
    ...watch,
  });
  const events: JobWatcherEvent[] = [];
  watcher.subscribe((e) => events.push(e));
  const deps: BackupDeps = {
    hub: new PollerHub(settings, { activeMs: 100, idleMs: 200 }, log),
    reads: new AccountReads(),
    idempotency: new IdempotencyStore<StartBackupResponse>(),
    clock: systemClock,
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

export type JobEvent = Extract<JobWatcherEvent, { job: unknown }>;

export function ofJob(events: JobWatcherEvent[], tenantId: number, jobId: number): JobEvent[] {
  return events.flatMap((e) =>
    'job' in e && e.job.tenantId === tenantId && e.job.jobId === jobId ? [e] : [],
  );
}

export function finished(events: JobWatcherEvent[]) {
  return events.flatMap((e) => (e.type === 'job.finished' ? [e] : []));
}

/** Each (tenant, job) at most once in the list: the exactly-once check. */
export function keys(list: { job: { tenantId: number; jobId: number } }[]): string[] {
  return list.map((e) => `${e.job.tenantId}:${e.job.jobId}`);
}

/** A person at obclient: a direct connection to the rig's simulator. */
export function mysqlAs(r: Rig, user: string, password: string) {
  return mysql.createConnection({
    host: '127.0.0.1',
    port: r.sim.sqlPort,
    user: `${user}@sys`,
    password,
  });
}

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import mysql from 'mysql2/promise';
import { startSimulator } from '@obconsole/oceanbase-sim';
import { createLogger } from '../lib/logger.js';
import { Secret } from '../lib/secret.js';
import { startBackup } from '../features/backups/start.js';
import { watchServiceAccount } from '../features/jobs/watcher-cluster.js';
import type { JobWatcherEvent } from '../features/jobs/watcher.js';
import {
  SERVICE_PASSWORD,
  cleanUpRigs,
  finished,
  keys,
  mysqlAs,
  rig,
  tempDataFile,
} from '../testing/watcher-rig.js';

cleanUpRigs();

describe('the job watcher when the database is away', () => {
  it('while the database is frozen it says unavailable once, backs off, and after it thaws reports every job that ended meanwhile exactly once', async () => {
    const r = await rig({}, {}, { connectTimeoutMs: 1500, queryTimeoutMs: 1500 });
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
    for (let i = 0; i < 2; i++) {
      const t = await r.watcher.tick();
      expect(t.ok).toBe(false);
      delays.push(t.nextDelayMs);
    }
    // Doubling from activeMs (1 s): the first failure waits 1 s, then 2 s, then 4 s.
    expect(delays).toEqual([2000, 4000]);
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
    const r = await rig({ dataFile: tempDataFile() });
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
    const r = await rig({ dataFile: tempDataFile(), seedHistory: 40 });
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

  it('a watcher made from the configuration while the cluster is down watches it from its start: nothing from before, every end after', async () => {
    const dataFile = tempDataFile();
    const options = {
      host: '127.0.0.1',
      port: 0,
      controlPort: null,
      manualClock: true,
      seed: 5,
      seedHistory: 40,
      dataFile,
      accounts: [
        { user: 'root', tenant: 'sys', password: 'oceanbase', role: 'admin' as const },
        { user: 'svc', tenant: 'sys', password: SERVICE_PASSWORD, role: 'admin' as const },
      ],
    };
    let sim = await startSimulator(options);
    const port = sim.sqlPort;
    let clock = Math.floor(sim.control.clock().nowUs / 1000);
    await sim.close();
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
    const watcher = watchServiceAccount(
      {
        clusterId: 'obcluster-sh',
        target: { host: '127.0.0.1', port },
        user: 'svc',
        tenant: 'sys',
        password: new Secret(SERVICE_PASSWORD),
      },
      { connectTimeoutMs: 3000, queryTimeoutMs: 5000 },
      log,
      { autoPoll: false, now: () => clock },
    );
    const events: JobWatcherEvent[] = [];
    watcher.subscribe((e) => events.push(e));
    try {
      await watcher.tick();
      expect(events.map((e) => e.type)).toEqual(['watcher.unavailable']);
      sim = await startSimulator({ ...options, port });
      sim.control.advance(5);
      const conn = await mysql.createConnection({
        host: '127.0.0.1',
        port,
        user: 'root@sys',
        password: 'oceanbase',
      });
      await conn.query('ALTER SYSTEM BACKUP TENANT mysql_tenant');
      await conn.end();
      for (let t = 0; t < 600; t += 5) sim.control.advance(5);
      clock = Math.floor(sim.control.clock().nowUs / 1000);
      await watcher.tick();
      expect(events[1]!.type).toBe('watcher.recovered');
      const ends = finished(events);
      // The CLUSTER job and the tenant's job of the backup started after the watcher: not one of the 40.
      expect(ends.map((e) => e.job.level).sort()).toEqual(['CLUSTER', 'USER_TENANT']);
      expect(ends.every((e) => e.clusterId === 'obcluster-sh' && !e.seenRunning)).toBe(true);
      expect(logs.filter((l) => l.includes('svc-Pw!7731'))).toEqual([]);
    } finally {
      await watcher.stop();
      await sim.close().catch(() => undefined);
    }
  });

  it('a service account of a user tenant is refused with what to fix', () => {
    expect(() =>
      watchServiceAccount(
        {
          clusterId: 'obcluster-sh',
          target: { host: '127.0.0.1', port: 1 },
          user: 'root',
          tenant: 'mysql_tenant',
          password: new Secret('x'),
        },
        { connectTimeoutMs: 1000, queryTimeoutMs: 1000 },
        createLogger('silent'),
      ),
    ).toThrow(/must be an account of the sys tenant \(user@sys\), not root@mysql_tenant/);
  });
});

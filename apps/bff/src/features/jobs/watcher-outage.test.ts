import { describe, expect, it } from 'vitest';
import { startBackup } from '../backups/start.js';
import {
  cleanUpRigs,
  finished,
  keys,
  mysqlAs,
  rig,
  tempDataFile,
} from '../../testing/watcher-rig.js';

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
});

import { describe, expect, it } from 'vitest';
import type { CreatedJob } from '@obconsole/contracts';
import { startBackup } from '../features/backups/start.js';
import { cleanUpRigs, finished, keys, ofJob, rig, type Rig } from '../testing/watcher-rig.js';

cleanUpRigs();

const HOUR = 3600;

/** Moves the cluster's clock on with nobody polling, in steps the job engine follows. */
function skip(r: Rig, seconds: number, step = 5): void {
  for (let s = 0; s < seconds; s += step) r.sim.control.advance(Math.min(step, seconds - s));
}

async function backup(r: Rig, tenant: string): Promise<CreatedJob[]> {
  const started = await startBackup(
    r.service.ctx,
    { type: 'full', tenants: [tenant], plusArchivelog: false },
    undefined,
    r.deps,
  );
  return started.jobs;
}

const tenantJob = (jobs: CreatedJob[]) => jobs.find((j) => j.level === 'USER_TENANT')!;
const refs = (jobs: CreatedJob[]) => keys(jobs.map((job) => ({ job })));

/** Polls until one answers: a poll may find the connection the old cluster dropped. */
async function tickUntilAnswered(r: Rig, tries = 3) {
  const before = r.events.length;
  for (let i = 0; i < tries && !(await r.watcher.tick()).ok; i++);
  return r.events.slice(before);
}

/**
 * Resets the cluster (its job ids start again) and fails its first job between two polls: the
 * job has the key of `reported`'s, and must be reported once, as FAILED.
 */
async function failFirstJobAfterReset(r: Rig, reported: CreatedJob[]): Promise<CreatedJob[]> {
  await r.sim.control.reset();
  await tickUntilAnswered(r);
  r.sim.control.failNextTask('mysql_tenant', -4016);
  const failing = await backup(r, 'mysql_tenant');
  expect(tenantJob(failing).jobId).toBe(tenantJob(reported).jobId);
  skip(r, 180);
  const ends = finished(await r.tick());
  expect(keys(ends).sort()).toEqual(refs(failing).sort());
  expect(ends.find((e) => e.job.level === 'USER_TENANT')!.job.status).toBe('FAILED');
  return failing;
}

describe('the job watcher when the cluster clock steps back', () => {
  it('after a reset rebuilds the cluster at real time, hours behind the end times seen, a job that starts and fails between two polls is reported once', async () => {
    const r = await rig();
    await r.tick();
    // A fast-clock journey ran the cluster hours ahead; the watcher reported its backup.
    skip(r, 2 * HOUR, 600);
    const ahead = await backup(r, 'mysql_tenant');
    await r.run(240);
    expect(finished(ofJob(r.events, 1002, tenantJob(ahead).jobId))).toHaveLength(1);

    const failing = await failFirstJobAfterReset(r, ahead);
    const warned = r.logs.filter((l) => l.includes("the cluster's clock is behind"));
    expect(warned).toHaveLength(1);
    expect(JSON.parse(warned[0]!)).toMatchObject({
      level: 40,
      cluster: 'obcluster-hz',
      history: 'rebuilt',
    });
    await r.run(600, 30);
    expect(finished(r.events)).toHaveLength(refs(ahead).length + refs(failing).length);
  });

  it('after a reset whose clock is only minutes behind (no step to see), the new first job, with the key of one reported before, is news', async () => {
    const r = await rig();
    await r.tick();
    const before = await backup(r, 'mysql_tenant');
    await r.run(240);
    expect(finished(ofJob(r.events, 1002, tenantJob(before).jobId))).toHaveLength(1);

    // Back to real time: a few minutes behind the end time seen, within the overlap.
    const failing = await failFirstJobAfterReset(r, before);
    await r.run(600, 30);
    expect(finished(r.events)).toHaveLength(refs(before).length + refs(failing).length);
  });

  it('after an NTP step back that leaves the history, jobs ending on either side of the step are reported once, and the old end times are not reported again as the clock passes them', async () => {
    const r = await rig();
    await r.tick();
    skip(r, HOUR, 600);
    const first = await backup(r, 'mysql_tenant');
    await r.run(240);
    skip(r, 30 * 60, 600);
    const second = await backup(r, 'oracle_tenant');
    await r.run(240);
    skip(r, 20 * 60, 600);
    // This one starts and ends with nobody polling, just before the step.
    const beforeStep = await backup(r, 'mysql_tenant');
    skip(r, 240);
    const firstEnd = finished(ofJob(r.events, 1002, tenantJob(first).jobId))[0]!.job.endTime!;
    // Back to a minute after the first backup ended: its end time is read again, the second's
    // and the unseen one's lie in the cluster's future.
    r.sim.control.setClock(Date.parse(firstEnd) * 1000 + 60_000_000);
    r.sim.control.failNextTask('oracle_tenant', -4016);
    const afterStep = await backup(r, 'oracle_tenant');
    skip(r, 180);
    const ends = finished(await r.tick());
    expect(keys(ends).sort()).toEqual([...refs(beforeStep), ...refs(afterStep)].sort());
    expect(finished(ofJob(ends, 1004, tenantJob(afterStep).jobId))[0]!.job.status).toBe('FAILED');
    expect(r.logs.filter((l) => l.includes("the cluster's clock is behind"))).toHaveLength(1);

    // Through the old end times and past them: a new job among them is news, the old ones are not.
    await r.run(40 * 60, 60);
    const among = await backup(r, 'mysql_tenant');
    await r.run(240);
    await r.run(HOUR, 60);
    const all = [first, second, beforeStep, afterStep, among].flatMap(refs);
    expect(keys(finished(r.events)).sort()).toEqual(all.sort());
    expect(r.logs.filter((l) => l.includes("the cluster's clock is behind"))).toHaveLength(1);
  });

  it('a job that ended longer than the overlap before the poll that notices the step is reported: the read goes back by the time since the last check', async () => {
    // This host's clock did not step with the cluster's.
    let host = Date.UTC(2026, 11, 1, 8);
    const r = await rig({}, { now: () => host });
    const poll = async (seconds: number, step = 1) => {
      for (let s = 0; s < seconds; s += step) {
        r.sim.control.advance(step);
        host += step * 1000;
        await r.tick();
      }
    };
    await r.tick();
    skip(r, HOUR, 600);
    const ahead = await backup(r, 'mysql_tenant');
    await poll(240);
    // The cluster steps back an hour; nobody polls for 15 minutes (the console was busy, say),
    // and a job fails 12 minutes before the poll that notices the step.
    r.sim.control.setClock(r.sim.control.clock().nowUs - HOUR * 1_000_000);
    r.sim.control.failNextTask('oracle_tenant', -4016);
    const failing = await backup(r, 'oracle_tenant');
    skip(r, 180);
    skip(r, 12 * 60, 60);
    host += 15 * 60_000;
    expect(keys(finished(await r.tick())).sort()).toEqual(refs(failing).sort());
    await poll(600, 30);
    expect(finished(r.events)).toHaveLength(refs(ahead).length + refs(failing).length);
  });

  it('reads the cluster clock at most every clockCheckMs (10 s by default), not on every poll', async () => {
    const r = await rig();
    await r.tick();
    const clockReads = () =>
      r.sim.control
        .statements(1000)
        .filter((x) => x.account.startsWith('svc@') && /^SELECT NOW\(6\)/.test(x.text)).length;
    const before = clockReads();
    for (let i = 0; i < 60; i++) {
      r.sim.control.advance(1);
      await r.tick();
    }
    // 60 polls a second apart: one read each 10 s.
    expect(clockReads() - before).toBe(6);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { cancelBackup } from '../features/backups/backups.service.js';
import { startBackup } from '../features/backups/start.js';
import { createLogger } from '../lib/logger.js';
import { Secret } from '../lib/secret.js';
import { openServiceAccount } from '../features/session/service-account.js';
import { SETTINGS, cleanUpRigs, finished, keys, ofJob, rig } from '../testing/watcher-rig.js';
import type { JobWatcherEvent } from '../features/jobs/watcher.js';

cleanUpRigs();

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

  it('costs two statements a poll while idle and four while a backup runs', async () => {
    const r = await rig();
    await r.tick(); // the start: history position, tenant names, DATA_PROGRESS probe
    const texts = () => r.sim.control.statements(1000).filter((x) => x.account.startsWith('svc@'));
    const idle = async () => {
      const before = texts().length;
      await r.tick();
      return texts()
        .slice(before)
        .map((x) => x.text);
    };
    const quiet = await idle();
    expect(quiet).toHaveLength(2);
    expect(quiet[0]).toMatch(/FROM oceanbase\.CDB_OB_BACKUP_JOBS/);
    expect(quiet[1]).toMatch(
      /FROM oceanbase\.CDB_OB_BACKUP_JOB_HISTORY WHERE END_TIMESTAMP IS NOT NULL/,
    );
    await startBackup(
      r.service.ctx,
      { type: 'full', tenants: ['mysql_tenant'], plusArchivelog: false },
      undefined,
      r.deps,
    );
    r.sim.control.advance(6);
    await r.tick();
    const busy = await idle();
    expect(busy).toHaveLength(4);
    expect(busy.some((t) => /CDB_OB_BACKUP_TASKS/.test(t))).toBe(true);
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

  it('polls on its own schedule once started, and not at all once stopped', async () => {
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
    // Stopped, it reads nothing and reports no outage of its own closed connection.
    const n = seen.length;
    expect(await r.watcher.tick()).toEqual({ ok: false, nextDelayMs: 0, emitted: 0 });
    expect(seen.length).toBe(n);
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

import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RowDataPacket } from 'mysql2/promise';
import { SecretBox } from '@obconsole/store';
import { HZ, startHarness, type Harness } from '../testing/harness.js';
import { finishAllJobs } from '../testing/jobs.js';
import { buildServices, createApp, type ConsoleApp } from '../app.js';
import type { PolicyRunEvent } from '../features/policies/run-events.js';

const P = `/api/clusters/${HZ}/policies`;
const T0 = Date.parse('2026-12-02T10:00:00Z');

/** The scheduler of a cluster, as the composition root built it (tests tick it by hand). */
const schedulerOf = (app: ConsoleApp) => app.deps.clusters.get(HZ)!.policies.scheduler!;

describe('scheduled policy runs against the simulator', () => {
  let h: Harness;
  const clock = { now: T0 };
  const box = new SecretBox([randomBytes(32)]);
  const heard: PolicyRunEvent[] = [];
  beforeEach(async () => {
    clock.now = T0;
    heard.length = 0;
    h = await startHarness({ app: { policyNow: () => clock.now, secretBox: box } });
    h.cluster().policyRuns.subscribe((e) => heard.push(e));
  });
  afterEach(async () => {
    await h.close();
  });

  const jobsOfPolicy = async (name: string) => {
    const c = await h.sql();
    const [rows] = await c.query<RowDataPacket[]>(
      `SELECT JOB_ID, BACKUP_TYPE FROM oceanbase.CDB_OB_BACKUP_JOB_HISTORY WHERE TENANT_ID = 1002 AND DESCRIPTION LIKE 'policy:${name}%' ORDER BY JOB_ID`,
    );
    return rows;
  };

  it(
    'two app instances sharing one store run each slot of 50 exactly once',
    { timeout: 120_000 },
    async () => {
      const second = createApp(
        buildServices({ ...h.app.deps.options, store: await h.store.another() }),
      );
      const secondHeard: PolicyRunEvent[] = [];
      second.deps.clusters.get(HZ)!.policyRuns.subscribe((e) => secondHeard.push(e));
      try {
        const a = await h.login('root', 'sys');
        const created = await a.post(P).send({
          name: 'every-minute',
          tenants: ['mysql_tenant'],
          full: { cron: '* * * * *' },
          timeZone: 'UTC',
        });
        expect(created.status).toBe(201);
        for (let i = 0; i < 50; i++) {
          clock.now += 60_000;
          await Promise.all([schedulerOf(h.app).tick(), schedulerOf(second).tick()]);
          await finishAllJobs(h);
        }
        const runs = await h.store.store.db
          .selectFrom('policy_run')
          .select(['slot_ms', 'tenants'])
          .execute();
        expect(runs).toHaveLength(50);
        expect(new Set(runs.map((r) => Number(r.slot_ms))).size).toBe(50);
        expect(
          runs.every(
            (r) => (JSON.parse(r.tenants) as { outcome: string }[])[0]?.outcome === 'started',
          ),
        ).toBe(true);
        expect(await jobsOfPolicy('every-minute')).toHaveLength(50);
        // Each instance told its listeners of the runs it made: together, every run once.
        const ids = [...heard, ...secondHeard].map((e) => e.run.id);
        expect(ids).toHaveLength(50);
        expect(new Set(ids).size).toBe(50);
      } finally {
        await second.close();
      }
    },
  );

  it('after a restart the newest missed slot within catchUpMinutes runs, older ones are recorded missed, once', async () => {
    const a = await h.login('root', 'sys');
    await a.post(P).send({
      name: 'hourly',
      tenants: ['mysql_tenant'],
      full: { cron: '0 * * * *' },
      timeZone: 'UTC',
      catchUpMinutes: 30,
    });
    clock.now = Date.parse('2026-12-02T11:00:30Z');
    await schedulerOf(h.app).tick();
    await finishAllJobs(h);
    // The console is down from 11:01 to 14:20; another instance starts on the same store.
    clock.now = Date.parse('2026-12-02T14:20:00Z');
    const restarted = createApp(
      buildServices({ ...h.app.deps.options, store: await h.store.another() }),
    );
    try {
      const runs = await schedulerOf(restarted).tick();
      expect(runs.map((r) => `${r.slot} ${r.tenants[0]!.outcome}`)).toEqual([
        '2026-12-02T12:00:00.000Z missed',
        '2026-12-02T13:00:00.000Z missed',
        '2026-12-02T14:00:00.000Z started',
      ]);
      expect(runs[0]!.tenants[0]).toMatchObject({
        tenant: 'mysql_tenant',
        code: 'SLOT_MISSED',
        reason: expect.stringMatching(/2026-12-02 12:00 \(UTC\).*30-minute catch-up/),
      });
      expect(await schedulerOf(restarted).tick()).toEqual([]);
      expect(await schedulerOf(h.app).tick()).toEqual([]);
      expect(await jobsOfPolicy('hourly')).toHaveLength(1);
      const list = await a.get(`${P}`);
      expect(list.body.policies[0].lastRun).toMatchObject({
        slot: '2026-12-02T14:00:00.000Z',
        trigger: 'schedule',
        tenants: [{ outcome: 'started', jobId: expect.any(Number) }],
      });
    } finally {
      await restarted.close();
    }
  });

  it('an incremental with no full yet is promoted, and a slot that finds its backup still running is skipped', async () => {
    const a = await h.login('root', 'sys');
    await a.post(P).send({
      name: 'minutely',
      tenants: ['mysql_tenant'],
      full: { cron: '0 3 * * 0' },
      incremental: { cron: '* * * * *' },
      timeZone: 'Asia/Shanghai',
    });
    clock.now += 60_000;
    const [promoted] = await schedulerOf(h.app).tick();
    expect(promoted!.tenants[0]).toMatchObject({ outcome: 'promoted', jobId: expect.any(Number) });
    clock.now += 60_000;
    const [skipped] = await schedulerOf(h.app).tick();
    expect(skipped!.tenants[0]).toMatchObject({
      outcome: 'skipped',
      code: 'BACKUP_IN_PROGRESS',
      reason: `backup job ${promoted!.tenants[0]!.jobId} is running`,
    });
    await finishAllJobs(h);
    clock.now += 60_000;
    const [started] = await schedulerOf(h.app).tick();
    expect(started!.tenants[0]).toMatchObject({ outcome: 'started' });
    await finishAllJobs(h);
    expect((await jobsOfPolicy('minutely')).map((r) => r.BACKUP_TYPE)).toEqual(['FULL', 'INC']);
    expect(heard.map((e) => e.run.tenants[0]!.outcome)).toEqual(['promoted', 'skipped', 'started']);
    expect(heard[0]).toMatchObject({ clusterId: HZ, policy: { name: 'minutely' } });
  });
});

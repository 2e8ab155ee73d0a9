import { AsyncLocalStorage } from 'node:async_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PolicyRepository, PolicyRunStore } from '@obconsole/store';
import type { BackupType } from '@obconsole/contracts';
import { tempStore, type TempStore } from '../../testing/store.js';
import { createLogger } from '../../lib/logger.js';
import type { BackupPort, PolicyRecord } from './model.js';
import { PolicyScheduler } from './scheduler.js';

/** A cluster whose one tenant is always ready: the scheduler's timing is what is tested. */
class ReadyCluster implements BackupPort {
  readonly started: { type: BackupType }[] = [];
  readiness() {
    return Promise.resolve([
      { tenant: 'mysql_tenant', tenantId: 1002, runningJobId: null, refusal: null, hasFull: true },
    ]);
  }
  start(tenants: string[], type: BackupType) {
    this.started.push({ type });
    return Promise.resolve(tenants.map((tenant) => ({ tenant, jobId: this.started.length })));
  }
}

function policy(over: Partial<PolicyRecord>): PolicyRecord {
  return {
    id: 'p1',
    clusterId: 'obcluster-hz',
    name: 'nightly',
    tenants: ['mysql_tenant'],
    full: { cron: '30 2 * * *' },
    incremental: null,
    timeZone: 'America/New_York',
    plusArchivelog: false,
    description: '',
    sealedPassword: null,
    enabled: true,
    catchUpMinutes: 60,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    scheduleSince: '2026-01-01T00:00:00.000Z',
    ...over,
  };
}

let store: TempStore;
beforeEach(async () => {
  store = await tempStore();
});
afterEach(() => store.cleanup());

async function scheduler(p: PolicyRecord, clock: { now: number }) {
  const policies = new PolicyRepository(store.store);
  await policies.create(p);
  const cluster = new ReadyCluster();
  const runs = new PolicyRunStore(store.store);
  const heard: string[] = [];
  const s = new PolicyScheduler({
    clusterId: p.clusterId,
    enabledPolicies: () => policies.enabled(p.clusterId),
    runs,
    backups: cluster,
    unseal: () => '',
    now: () => clock.now,
    log: createLogger('silent'),
    onRun: (r) => heard.push(`${r.slot} ${r.type} ${r.tenants[0]!.outcome}`),
  });
  return { s, cluster, heard, runs };
}

/** Ticks once a minute from `fromIso` through `toIso`, as the timer would. */
async function tickMinutes(
  s: PolicyScheduler,
  clock: { now: number },
  fromIso: string,
  toIso: string,
) {
  for (clock.now = Date.parse(fromIso); clock.now <= Date.parse(toIso); clock.now += 60_000)
    await s.tick();
}

describe('the policy scheduler', () => {
  it('spring forward: a 02:30 that does not exist runs once, at 03:00 EDT', async () => {
    const clock = { now: Date.parse('2026-03-08T06:00:00Z') };
    const { s, heard } = await scheduler(
      policy({ scheduleSince: '2026-03-08T06:00:00.000Z' }),
      clock,
    );
    await tickMinutes(s, clock, '2026-03-08T06:00:00Z', '2026-03-08T09:00:00Z');
    expect(heard).toEqual(['2026-03-08T07:00:00.000Z full started']);
  });

  it('fall back: a 01:30 that happens twice runs once, at its first occurrence (EDT)', async () => {
    const clock = { now: Date.parse('2026-11-01T04:00:00Z') };
    const { s, heard } = await scheduler(
      policy({ full: { cron: '30 1 * * *' }, scheduleSince: '2026-11-01T04:00:00.000Z' }),
      clock,
    );
    await tickMinutes(s, clock, '2026-11-01T04:00:00Z', '2026-11-01T08:00:00Z');
    expect(heard).toEqual(['2026-11-01T05:30:00.000Z full started']);
  });

  it('runs slots of zones far apart at their own wall-clock times, full winning a coinciding incremental', async () => {
    const clock = { now: Date.parse('2026-12-05T00:00:00Z') };
    const { s, heard } = await scheduler(
      policy({
        full: { cron: '0 2 * * 0' },
        incremental: { cron: '0 2 * * *' },
        timeZone: 'Asia/Shanghai',
        scheduleSince: '2026-12-05T00:00:00.000Z',
      }),
      clock,
    );
    // Sunday 02:00 (full; the incremental of that minute folds into it) and Monday 02:00 in
    // Shanghai are 18:00 UTC of the day before.
    await tickMinutes(s, clock, '2026-12-05T17:55:00Z', '2026-12-05T18:05:00Z');
    await tickMinutes(s, clock, '2026-12-06T17:55:00Z', '2026-12-06T18:05:00Z');
    expect(heard).toEqual([
      '2026-12-05T18:00:00.000Z full started',
      '2026-12-06T18:00:00.000Z incremental started',
    ]);
  });

  it('a clock stepped back never runs a slot again, and a stepped-forward one catches up once', async () => {
    const clock = { now: Date.parse('2026-12-01T00:00:00Z') };
    const { s, heard, cluster } = await scheduler(
      policy({
        full: { cron: '0 * * * *' },
        timeZone: 'UTC',
        scheduleSince: '2026-12-01T00:00:00.000Z',
      }),
      clock,
    );
    clock.now = Date.parse('2026-12-01T01:00:05Z');
    await s.tick();
    clock.now = Date.parse('2026-12-01T00:30:00Z');
    await s.tick();
    clock.now = Date.parse('2026-12-01T01:00:10Z');
    await s.tick();
    clock.now = Date.parse('2026-12-01T05:10:00Z');
    await s.tick();
    await s.tick();
    expect(heard).toEqual([
      '2026-12-01T01:00:00.000Z full started',
      '2026-12-01T02:00:00.000Z full missed',
      '2026-12-01T03:00:00.000Z full missed',
      '2026-12-01T04:00:00.000Z full missed',
      '2026-12-01T05:00:00.000Z full started',
    ]);
    expect(cluster.started).toHaveLength(2);
  });

  it('a manual run is its own trigger: it does not take the slot of the same instant', async () => {
    const clock = { now: Date.parse('2026-12-01T01:00:00Z') };
    const p = policy({
      full: { cron: '0 * * * *' },
      timeZone: 'UTC',
      scheduleSince: '2026-12-01T00:00:00.000Z',
    });
    const { s, heard } = await scheduler(p, clock);
    await s.runNow(p, 'incremental');
    await s.tick();
    expect(heard).toEqual([
      '2026-12-01T01:00:00.000Z incremental started',
      '2026-12-01T01:00:00.000Z full started',
    ]);
  });

  it('rounds woken by a request’s poke run outside that request’s context (and its deadline)', async () => {
    const request = new AsyncLocalStorage<string>();
    const seen: (string | undefined)[] = [];
    let woke!: () => void;
    const round = new Promise<void>((resolve) => (woke = resolve));
    const s = new PolicyScheduler({
      clusterId: 'obcluster-hz',
      enabledPolicies: () => {
        seen.push(request.getStore());
        woke();
        return Promise.resolve([]);
      },
      runs: new PolicyRunStore(store.store),
      backups: new ReadyCluster(),
      unseal: () => '',
      now: () => Date.parse('2026-12-01T00:00:00Z'),
      log: createLogger('silent'),
    });
    s.start();
    request.run('POST /policies', () => s.poke());
    await round;
    await s.stop();
    expect(seen[0]).toBeUndefined();
  });
});

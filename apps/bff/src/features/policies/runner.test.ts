import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PolicyRunStore } from '@obconsole/store';
import { tempStore, type TempStore } from '../../testing/store.js';
import type { BackupType } from '@obconsole/contracts';
import type { BackupPort, PolicyRecord, TenantReadiness } from './model.js';
import { policyDescription, runSlot, schedulePolicy, type RunnerDeps } from './runner.js';

const T0 = Date.parse('2026-12-02T10:00:00Z');

function policy(over: Partial<PolicyRecord> = {}): PolicyRecord {
  return {
    id: 'p1',
    clusterId: 'obcluster-hz',
    name: 'nightly',
    tenants: 'all',
    full: { cron: '0 2 * * 0' },
    incremental: { cron: '0 2 * * 1-6' },
    timeZone: 'Asia/Shanghai',
    plusArchivelog: false,
    description: '',
    sealedPassword: null,
    enabled: true,
    catchUpMinutes: 60,
    createdAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
    scheduleSince: '2026-12-01T00:00:00.000Z',
    ...over,
  };
}

/** A cluster as the runner sees it: readiness per tenant, and the statements it was sent. */
class FakeCluster implements BackupPort {
  readonly started: {
    tenants: string[];
    type: BackupType;
    description: string;
    password: string | null;
  }[] = [];
  nextJob = 100;
  failStart: Error | null = null;
  constructor(public tenants: TenantReadiness[]) {}
  readiness(scope: 'all' | string[]) {
    return Promise.resolve(
      scope === 'all' ? this.tenants : this.tenants.filter((t) => scope.includes(t.tenant)),
    );
  }
  start(
    tenants: string[],
    type: BackupType,
    o: { description: string; encryptionPassword: string | null },
  ) {
    if (this.failStart) return Promise.reject(this.failStart);
    this.started.push({
      tenants,
      type,
      description: o.description,
      password: o.encryptionPassword,
    });
    return Promise.resolve(tenants.map((tenant) => ({ tenant, jobId: this.nextJob++ })));
  }
}

const ready = (tenant: string, over: Partial<TenantReadiness> = {}): TenantReadiness => ({
  tenant,
  tenantId: 1000 + tenant.length,
  runningJobId: null,
  refusal: null,
  hasFull: true,
  ...over,
});

let store: TempStore;
beforeEach(async () => {
  store = await tempStore();
});
afterEach(() => store.cleanup());

function deps(
  cluster: BackupPort,
  runs = new PolicyRunStore(store.store),
  clock = { now: T0 },
): RunnerDeps {
  return { runs, backups: cluster, unseal: (s) => s.replace(/^sealed:/, ''), now: () => clock.now };
}

describe('policy runs', () => {
  it('records one outcome per tenant: started, skipped, refused, promoted', async () => {
    const cluster = new FakeCluster([
      ready('a'),
      ready('b', { runningJobId: 41 }),
      ready('c', {
        refusal: { code: 'ARCHIVE_NOT_DOING', reason: 'log archiving is STOP, not DOING' },
      }),
      ready('d', { hasFull: false }),
    ]);
    const p = policy({ description: 'weekly set', sealedPassword: 'sealed:s3cret' });
    const run = await runSlot(
      deps(cluster),
      p,
      '2026-12-02T18:00:00.000Z',
      'incremental',
      'schedule',
    );
    expect(run!.tenants).toEqual([
      {
        tenant: 'b',
        tenantId: 1001,
        outcome: 'skipped',
        code: 'BACKUP_IN_PROGRESS',
        reason: 'backup job 41 is running',
      },
      {
        tenant: 'c',
        tenantId: 1001,
        outcome: 'refused',
        code: 'ARCHIVE_NOT_DOING',
        reason: 'log archiving is STOP, not DOING',
      },
      {
        tenant: 'd',
        tenantId: 1001,
        outcome: 'promoted',
        jobId: 100,
        reason: 'no completed full backup yet: this incremental ran as a full backup',
      },
      { tenant: 'a', tenantId: 1001, outcome: 'started', jobId: 101 },
    ]);
    expect(cluster.started).toEqual([
      {
        tenants: ['d'],
        type: 'full',
        description: 'policy:nightly weekly set',
        password: 's3cret',
      },
      {
        tenants: ['a'],
        type: 'incremental',
        description: 'policy:nightly weekly set',
        password: 's3cret',
      },
    ]);
  });

  it('records a refused start for every tenant it was for, with the database error code', async () => {
    const cluster = new FakeCluster([ready('a'), ready('b')]);
    cluster.failStart = Object.assign(new Error('log archive is not running'), {
      code: 'OB_ERROR',
    });
    const run = await runSlot(
      deps(cluster),
      policy(),
      '2026-12-02T18:00:00.000Z',
      'full',
      'manual',
    );
    expect(run!.tenants.map((t) => `${t.tenant} ${t.outcome} ${t.code}`)).toEqual([
      'a refused OB_ERROR',
      'b refused OB_ERROR',
    ]);
  });

  it("keeps the description within OceanBase's 2047 bytes, the policy named first", () => {
    const d = policyDescription({ name: 'nightly', description: '备'.repeat(1000) });
    expect(d.startsWith('policy:nightly ')).toBe(true);
    expect(Buffer.byteLength(d, 'utf8')).toBeLessThanOrEqual(2047);
  });

  it('runs each of 50 slots exactly once with two instances sharing one store', async () => {
    const cluster = new FakeCluster([ready('mysql_tenant')]);
    const clock = { now: Date.parse('2026-12-02T10:00:30Z') };
    const p = policy({
      full: { cron: '* * * * *' },
      incremental: null,
      timeZone: 'UTC',
      scheduleSince: '2026-12-02T10:00:00.000Z',
    });
    // Two instances: two connections to the one store file, each with its own repository.
    const a = deps(cluster, new PolicyRunStore(store.store), clock);
    const b = deps(cluster, new PolicyRunStore(await store.another()), clock);
    for (let i = 0; i < 50; i++) {
      clock.now += 60_000;
      await Promise.all([schedulePolicy(a, p), schedulePolicy(b, p), schedulePolicy(a, p)]);
    }
    expect(cluster.started).toHaveLength(50);
    const slots = (await new PolicyRunStore(store.store).page('obcluster-hz', 'p1', 200)).map(
      (r) => r.slot,
    );
    expect(new Set(slots).size).toBe(50);
    expect(slots.sort()[0]).toBe('2026-12-02T10:01:00.000Z');
  });

  it('after a restart runs the newest slot if fresh and records the others as missed, once', async () => {
    const runs = new PolicyRunStore(store.store);
    const cluster = new FakeCluster([ready('mysql_tenant')]);
    const clock = { now: Date.parse('2026-12-02T03:10:00Z') };
    const p = policy({ full: { cron: '0 * * * *' }, incremental: null, timeZone: 'UTC' });
    await runs.claim({
      id: 'old',
      policyId: 'p1',
      clusterId: 'obcluster-hz',
      slot: '2026-12-02T00:00:00.000Z',
      type: 'full',
      trigger: 'schedule',
      createdAt: '2026-12-02T00:00:00.000Z',
    });
    const d = deps(cluster, runs, clock);
    const first = await schedulePolicy(d, p);
    expect(first.map((r) => `${r.slot} ${r.tenants[0]!.outcome}`)).toEqual([
      // Claimed at 00:00 by an instance that died before recording it: missed, not run again.
      '2026-12-02T00:00:00.000Z missed',
      '2026-12-02T01:00:00.000Z missed',
      '2026-12-02T02:00:00.000Z missed',
      '2026-12-02T03:00:00.000Z started',
    ]);
    expect(first[0]!.tenants[0]!.code).toBe('RUN_INTERRUPTED');
    expect(first[1]!.tenants[0]).toMatchObject({ code: 'SLOT_MISSED' });
    expect(first[1]!.tenants[0]!.reason).toMatch(
      /not running at 2026-12-02 01:00 \(UTC\).*60-minute catch-up/,
    );
    expect(await schedulePolicy(d, p)).toEqual([]);
    expect(cluster.started).toHaveLength(1);
  });

  it('never runs a slot from before the schedule changed, nor a paused policy', async () => {
    const cluster = new FakeCluster([ready('mysql_tenant')]);
    const clock = { now: Date.parse('2026-12-02T03:10:00Z') };
    const p = policy({
      full: { cron: '0 * * * *' },
      incremental: null,
      timeZone: 'UTC',
      scheduleSince: '2026-12-02T03:05:00.000Z',
    });
    expect(await schedulePolicy(deps(cluster, undefined, clock), p)).toEqual([]);
    clock.now = Date.parse('2026-12-02T04:00:10Z');
    expect(await schedulePolicy(deps(cluster, undefined, clock), { ...p, enabled: false })).toEqual(
      [],
    );
    expect(cluster.started).toHaveLength(0);
  });

  it('records a run whose instance died after claiming its slot once as interrupted, tells the listeners, and never runs it again', async () => {
    const cluster = new FakeCluster([ready('mysql_tenant')]);
    const clock = { now: Date.parse('2026-12-02T10:00:30Z') };
    const p = policy({
      full: { cron: '0 10 * * *' },
      incremental: null,
      timeZone: 'UTC',
      tenants: ['mysql_tenant'],
      scheduleSince: '2026-12-02T09:00:00.000Z',
    });
    // The instance claims 10:00 and dies before it records anything.
    const runs = new PolicyRunStore(store.store);
    await runs.claim({
      id: 'died',
      policyId: 'p1',
      clusterId: 'obcluster-hz',
      slot: '2026-12-02T10:00:00.000Z',
      type: 'full',
      trigger: 'schedule',
      createdAt: '2026-12-02T10:00:01.000Z',
    });
    const heard: string[] = [];
    const two = {
      ...deps(cluster, new PolicyRunStore(await store.another()), clock),
      onRun: (r: { id: string }) => heard.push(r.id),
    };
    // Within ten minutes the claimant may still be at work: nothing is touched.
    clock.now = Date.parse('2026-12-02T10:09:00Z');
    expect(await schedulePolicy(two, p)).toEqual([]);
    clock.now = Date.parse('2026-12-02T10:12:00Z');
    const [swept, ...more] = await Promise.all([schedulePolicy(two, p), schedulePolicy(two, p)]);
    expect([...swept, ...more.flat()]).toHaveLength(1);
    expect(heard).toEqual(['died']);
    const [run] = await runs.page('obcluster-hz', 'p1', 10);
    expect(run!.tenants).toEqual([
      expect.objectContaining({
        tenant: 'mysql_tenant',
        outcome: 'missed',
        code: 'RUN_INTERRUPTED',
        reason: expect.stringMatching(/stopped before it recorded the outcome.*history/),
      }),
    ]);
    expect(cluster.started).toHaveLength(0);
    expect(await schedulePolicy(two, p)).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, clusterApi } from '@obconsole/contracts';
import { startMariaDb, type MariaDbServer } from '@obconsole/store/testing';
import { startRedis, type RedisServer } from '../testing/redis.js';
import { mariaDbStore } from '../testing/store.js';
import { advance } from '../testing/harness.js';
import { startInstances, type Browser, type Rig } from './test-rig.js';

const PASSWORD = 'oceanbase';
const HZ = 'obcluster-hz';
const path = (route: Parameters<typeof clusterApi>[1]) => clusterApi(HZ, route);

/** Waits for a condition (never for a fixed time); fails with what it waited for. */
async function until(what: string, check: () => boolean | Promise<boolean>, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function login(b: Browser, instance: number, user = 'root', password = PASSWORD) {
  return b.request(instance, 'POST', path('session'), { user, tenant: 'sys', password });
}

function activeJobs(events: { event: string; data: string }[]) {
  return events
    .filter((e) => e.event === 'active')
    .map((e) => JSON.parse(e.data) as { jobs: { jobId: number }[]; recent: { jobId: number }[] });
}

// The fleet's shared state as in production: a real Redis and the store on a real MariaDB.
let redis: RedisServer;
let mariadb: MariaDbServer;
beforeAll(async () => {
  [redis, mariadb] = await Promise.all([startRedis(), startMariaDb()]);
}, 120_000);
afterAll(async () => {
  await Promise.all([redis?.stop(), mariadb?.stop()]);
});

describe('three console instances on one Redis and one store', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startInstances({
      count: 3,
      redisUrl: redis.url,
      store: await mariaDbStore(mariadb),
      app: { loginRateLimit: { max: 3, windowMs: 60_000, perAddress: 100 } },
    });
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('a sign-in through one instance starts a backup through another and is watched on a third', async () => {
    const b = rig.browser();
    expect((await login(b, 0)).status).toBe(200);
    const stream = b.events(2, path('events'));
    const start = await b.request(
      1,
      'POST',
      path('backups'),
      { type: 'full', tenants: ['mysql_tenant'] },
      { 'Idempotency-Key': 'scale-0000-0001' },
    );
    expect(start.status, start.text).toBe(202);
    const jobId = (start.body as { jobs: { jobId: number }[] }).jobs[0]!.jobId;
    await until('the third instance to stream the job', () =>
      activeJobs(stream.events()).some((a) => a.jobs.some((j) => j.jobId === jobId)),
    );
    // Every event carries an id, for Last-Event-ID on a reconnect.
    expect(stream.events().every((e) => e.id !== undefined)).toBe(true);
    stream.close();
    await rig.sim.control.reset();
  });

  it('browsers of one account on every instance are served by one poller in the whole fleet', async () => {
    const browsers = [rig.browser(), rig.browser(), rig.browser()];
    for (const [i, b] of browsers.entries())
      expect((await login(b, i, 'support')).status).toBe(200);
    const streams = browsers.map((b, i) => b.events(i, path('events')));
    await until('a snapshot on every instance', () =>
      streams.every((s) => activeJobs(s.events()).length > 0),
    );
    const pollers = rig.instances.map((i) => i.app.deps.clusters.get(HZ)!.hub.size);
    expect(pollers.reduce((a, b) => a + b, 0)).toBe(1);
    for (const s of streams) s.close();
  });

  it('the password is sealed in the shared session: no Redis value holds it in clear', async () => {
    const b = rig.browser();
    expect((await login(b, 0)).status).toBe(200);
    expect((await b.request(1, 'GET', path('session'))).status).toBe(200);
    const client = rig.instances[0]!.app.deps.options.shared!.redis.client;
    const keys = await client.keys('*');
    expect(keys.some((k) => k.includes('sess:'))).toBe(true);
    for (const k of keys) {
      const type = await client.type(k);
      if (type !== 'string') continue;
      expect(await client.get(k)).not.toContain(PASSWORD);
    }
    for (const i of rig.instances) expect(i.logs.join('')).not.toContain(`"${PASSWORD}"`);
  });

  it('the same Idempotency-Key sent to two instances at the same moment starts one backup', async () => {
    const b = rig.browser();
    expect((await login(b, 0)).status).toBe(200);
    const body = { type: 'full', tenants: ['mysql_tenant'] };
    const key = { 'Idempotency-Key': 'scale-0000-0002' };
    const [r1, r2] = await Promise.all([
      b.request(1, 'POST', path('backups'), body, key),
      b.request(2, 'POST', path('backups'), body, key),
    ]);
    expect(r1.status, r1.text).toBe(202);
    expect(r2.status, r2.text).toBe(202);
    expect(r2.body).toEqual(r1.body);
    // One tenant job (beside the sys tenant's cluster job), whichever instance is asked.
    const active = await b.request(0, 'GET', path('backupsActive'));
    const tenantJobs = (active.body as { jobs: { tenantId: number }[] }).jobs.filter(
      (j) => j.tenantId === 1002,
    );
    expect(tenantJobs).toHaveLength(1);
    const conflict = await b.request(
      0,
      'POST',
      path('backups'),
      { type: 'full', tenants: 'all' },
      key,
    );
    expect(conflict.status).toBe(409);
    expect(conflict.body.error?.code).toBe('IDEMPOTENCY_CONFLICT');
    await rig.sim.control.reset();
  });

  it('failed logins are counted across instances', async () => {
    const b = rig.browser();
    for (const i of [0, 1, 2]) expect((await login(b, i, 'root', 'wrong')).status).toBe(401);
    // The limit is 3: the fourth try is refused before the database is asked, wherever it lands.
    const fourth = await login(b, 0, 'root', PASSWORD);
    expect(fourth.status).toBe(429);
    expect(fourth.body.error?.code).toBe('RATE_LIMITED');
  });

  it('an instance stopping on purpose signs nobody out: the sign-in and its streams go on elsewhere', async () => {
    const b = rig.browser();
    expect((await login(b, 0, 'support')).status).toBe(200);
    expect((await b.request(2, 'GET', path('session'))).status).toBe(200);
    const stream = b.events(1, path('events'));
    await until('the stream to open', () => stream.events().length > 0);
    await rig.stop(2);
    const before = stream.events().length;
    await until('the stream to go on', () => stream.events().length > before + 1);
    expect(stream.ended()).toBe(false);
    expect((await b.request(0, 'GET', path('session'))).status).toBe(200);
    stream.close();
  });

  it('signing out on one instance ends the session and its streams everywhere', async () => {
    const b = rig.browser();
    expect((await login(b, 0, 'support')).status).toBe(200);
    const stream = b.events(1, path('events'));
    await until('the stream to open', () => stream.events().length > 0);
    expect((await b.request(0, 'GET', path('session'))).status).toBe(200);
    const cookie = b.cookie();
    expect((await b.request(0, 'DELETE', API.session)).status).toBe(204);
    await until('the stream on the other instance to end', () => stream.ended());
    // The old cookie, replayed at any instance, is signed out.
    for (const i of rig.instances.filter((x) => x.alive)) {
      const res = await fetch(`${i.url}${path('session')}`, { headers: { cookie, Origin: i.url } });
      expect(res.status).toBe(401);
    }
  });
});

describe('an instance dies', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startInstances({
      count: 3,
      redisUrl: redis.url,
      store: await mariaDbStore(mariadb),
      // Short leases so that the take-over is quick; the defaults take over within 12 s.
      leaseOptions: { ttlMs: 1200, renewEveryMs: 300, retryEveryMs: 150 },
      app: { watchClusters: true },
    });
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('the stream continues on another instance with no update lost', async () => {
    const b = rig.browser();
    expect((await login(b, 0)).status).toBe(200);
    const start = await b.request(0, 'POST', path('backups'), {
      type: 'full',
      tenants: ['mysql_tenant'],
    });
    expect(start.status, start.text).toBe(202);
    const jobId = (start.body as { jobs: { jobId: number }[] }).jobs[0]!.jobId;
    const first = b.events(2, path('events'));
    await until('the job on the first stream', () =>
      activeJobs(first.events()).some((a) => a.jobs.some((j) => j.jobId === jobId)),
    );
    const lastId = first.events().at(-1)!.id!;
    // kill() returns once the instance's sockets are gone, this stream's among them.
    await rig.kill(2);
    // The browser reconnects through the load balancer to another instance.
    const second = b.events(1, path('events'), lastId);
    await until(
      'a snapshot at once on the second stream',
      () => activeJobs(second.events()).length > 0,
    );
    expect(activeJobs(second.events())[0]!.jobs.map((j) => j.jobId)).toContain(jobId);
    for (let i = 0; i < 40 && !activeJobs(second.events()).some((a) => a.jobs.length === 0); i++) {
      advance(rig.sim, 30);
      await until('another snapshot', () => second.events().length > 0);
    }
    await until('the finish on the second stream', () =>
      activeJobs(second.events()).some((a) => a.recent.some((j) => j.jobId === jobId)),
    );
    second.close();
  });

  it('the lease holder dies: another instance takes the watcher over and misses no finished job', async () => {
    await rig.sim.control.reset();
    const lease = `watcher:${HZ}`;
    const alive = () => rig.instances.filter((i) => i.alive);
    await until(
      'one holder',
      () => alive().filter((i) => i.app.deps.leases.holds(lease)).length === 1,
    );
    const holder = alive().find((i) => i.app.deps.leases.holds(lease))!;
    const others = alive().filter((i) => i !== holder);
    const finished = new Set<number>();
    for (const o of others)
      o.app.deps.clusters.get(HZ)!.watcher!.on('job.finished', (e) => finished.add(e.job.jobId));
    await rig.kill(holder.index);
    // While nobody holds it, a backup starts and finishes.
    const b = rig.browser();
    const via = others[0]!.index;
    expect((await login(b, via)).status).toBe(200);
    const start = await b.request(via, 'POST', path('backups'), {
      type: 'full',
      tenants: ['mysql_tenant'],
    });
    expect(start.status, start.text).toBe(202);
    const jobId = (start.body as { jobs: { jobId: number }[] }).jobs[0]!.jobId;
    for (let i = 0; i < 40; i++) advance(rig.sim, 30);
    await until('another instance to take the lease', () =>
      others.some((o) => o.app.deps.leases.holds(lease)),
    );
    expect(others.filter((o) => o.app.deps.leases.holds(lease))).toHaveLength(1);
    await until('the new holder to report the job that finished meanwhile', () =>
      finished.has(jobId),
    );
  });
});

describe('the instance running the policy scheduler dies', () => {
  let rig: Rig;
  const clock = { now: Date.parse('2026-12-02T10:00:30Z') };
  beforeAll(async () => {
    rig = await startInstances({
      count: 2,
      redisUrl: redis.url,
      store: await mariaDbStore(mariadb),
      leaseOptions: { ttlMs: 1200, renewEveryMs: 300, retryEveryMs: 150 },
      app: { schedulePolicies: true, policyNow: () => clock.now },
    });
  });
  afterAll(async () => {
    await rig?.close();
  });

  it('another instance takes the scheduler over and a slot due meanwhile runs once', async () => {
    const lease = `scheduler:${HZ}`;
    const holders = () => rig.instances.filter((i) => i.alive && i.app.deps.leases.holds(lease));
    await until('one scheduler in the fleet', () => holders().length === 1);
    const holder = holders()[0]!;
    const other = rig.instances.find((i) => i !== holder)!;
    const b = rig.browser();
    expect((await login(b, other.index)).status).toBe(200);
    const created = await b.request(other.index, 'POST', `/api/clusters/${HZ}/policies`, {
      name: 'every-minute',
      tenants: ['mysql_tenant'],
      full: { cron: '* * * * *' },
      timeZone: 'UTC',
    });
    expect(created.status, created.text).toBe(201);

    await rig.kill(holder.index);
    clock.now = Date.parse('2026-12-02T10:01:10Z');
    await until('the other instance to take the scheduler over', () =>
      other.app.deps.leases.holds(lease),
    );
    const slot = Date.parse('2026-12-02T10:01:00Z');
    const runsOfSlot = async () =>
      (
        await rig.store.store.db.selectFrom('policy_run').select(['slot_ms', 'tenants']).execute()
      ).filter((r) => Number(r.slot_ms) === slot);
    await until('the slot to run', async () => (await runsOfSlot()).length > 0);
    // Looking again (as a restart or a second take-over would) runs nothing more.
    await other.app.deps.clusters.get(HZ)!.policies.scheduler!.tick();
    const runs = await runsOfSlot();
    expect(runs).toHaveLength(1);
    expect(JSON.parse(runs[0]!.tenants)).toMatchObject([
      { tenant: 'mysql_tenant', outcome: 'started' },
    ]);
  });
});

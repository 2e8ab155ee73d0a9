import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { API, clusterApi, type ClustersResponse } from '@obconsole/contracts';
import { HZ, SH, startHarness, type Harness } from '../testing/harness.js';

describe('two clusters in one console: sign-ins', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ clusters: 2 });
  });
  afterEach(async () => {
    await Promise.all([h.simOf(HZ).control.reset(), h.simOf(SH).control.reset()]);
  });
  afterAll(async () => {
    await h.close();
  });

  it('GET /api/clusters lists both clusters without a sign-in, with their demo logins', async () => {
    const res = await h.agent().get(API.clusters).expect(200);
    const body = res.body as ClustersResponse;
    expect(body.clusters.map((c) => [c.id, c.simulated, c.unattended, c.session])).toEqual([
      [HZ, true, true, null],
      [SH, true, true, null],
    ]);
    expect(body.clusters[1]!.demoAccounts?.map((a) => `${a.user}@${a.tenant}`)).toContain(
      'root@trade_tenant',
    );
    expect(res.text).not.toMatch(/password/i);
  });

  it('one browser session signs in to both clusters, each with its own account', async () => {
    const a = await h.login('root', 'mysql_tenant', undefined, { cluster: HZ });
    await h.login('root', 'trade_tenant', undefined, { cluster: SH, agent: a });
    const list = (await a.get(API.clusters).expect(200)).body as ClustersResponse;
    expect(list.clusters.map((c) => c.session?.tenant)).toEqual(['mysql_tenant', 'trade_tenant']);
    expect((await a.get(clusterApi(HZ, 'session')).expect(200)).body.tenant).toBe('mysql_tenant');
    expect((await a.get(clusterApi(SH, 'session')).expect(200)).body.tenant).toBe('trade_tenant');
  });

  it('each cluster lists its own tenants, also when a tenant id exists in both', async () => {
    const a = await h.login('root', 'sys', undefined, { cluster: HZ });
    await h.login('root', 'sys', undefined, { cluster: SH, agent: a });
    const hz = (await a.get(clusterApi(HZ, 'tenants')).expect(200)).body;
    const sh = (await a.get(clusterApi(SH, 'tenants')).expect(200)).body;
    const names = (b: { tenants: { tenantId: number; name: string }[] }) =>
      b.tenants.map((t) => `${t.tenantId}:${t.name}`);
    expect(names(hz)).toEqual(['1002:mysql_tenant', '1004:oracle_tenant']);
    expect(names(sh)).toEqual(['1002:trade_tenant']);
  });

  it('a sign-in to one cluster is not a sign-in to the other', async () => {
    const a = await h.login('root', 'sys', undefined, { cluster: HZ });
    const res = await a.get(clusterApi(SH, 'tenants'));
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 'UNAUTHENTICATED', params: { cluster: SH } });
    expect((await a.get(clusterApi(SH, 'sessionStatus')).expect(200)).body).toEqual({
      signedIn: false,
      reason: 'none',
    });
  });

  it('signing out of one cluster keeps the other, and closes only its connections', async () => {
    const a = await h.login('root', 'sys', undefined, { cluster: HZ });
    await h.login('root', 'sys', undefined, { cluster: SH, agent: a });
    await a.get(clusterApi(HZ, 'tenants')).expect(200);
    await a.get(clusterApi(SH, 'tenants')).expect(200);
    expect(h.simOf(HZ).control.stats().connections.open).toBeGreaterThan(0);
    await a.delete(clusterApi(HZ, 'session')).expect(204);
    expect((await a.get(clusterApi(HZ, 'tenants'))).status).toBe(401);
    await a.get(clusterApi(SH, 'tenants')).expect(200);
    await expect.poll(() => h.simOf(HZ).control.stats().connections.open).toBe(0);
    expect(h.simOf(SH).control.stats().connections.open).toBeGreaterThan(0);
  });

  it('signing in to a second cluster gives a new cookie that still holds the first sign-in', async () => {
    const a = await h.login('root', 'sys', undefined, { cluster: HZ });
    const before = h.cookie(a);
    await h.login('root', 'sys', undefined, { cluster: SH, agent: a });
    expect(h.cookie(a)).not.toBe(before);
    await a.get(clusterApi(HZ, 'session')).expect(200);
    // The old cookie no longer signs anybody in anywhere.
    const stale = await h.agent().get(clusterApi(HZ, 'session')).set('Cookie', before);
    expect(stale.status).toBe(401);
  });

  it('two sign-ins of one browser at the same moment (two tabs) both land in its session', async () => {
    const a = await h.login('support', 'sys', undefined, { cluster: HZ });
    const [hz, sh] = await Promise.all([
      a
        .post(clusterApi(HZ, 'session'))
        .send({ user: 'root', tenant: 'sys', password: 'oceanbase' }),
      a
        .post(clusterApi(SH, 'session'))
        .send({ user: 'root', tenant: 'sys', password: 'oceanbase' }),
    ]);
    expect([hz.status, sh.status]).toEqual([200, 200]);
    // Whichever cookie the browser kept last holds both sign-ins.
    const list = (await a.get(API.clusters).expect(200)).body as ClustersResponse;
    expect(list.clusters.map((c) => `${c.id}:${c.session?.user}`)).toEqual([
      `${HZ}:root`,
      `${SH}:root`,
    ]);
    // The replaced support@sys sign-in was closed, not left behind.
    expect(
      h.logs.some((l) => l.includes('"reason":"replaced by a new login"') && l.includes('support')),
    ).toBe(true);
  });

  it('DELETE /api/session signs out of every cluster', async () => {
    const a = await h.login('root', 'sys', undefined, { cluster: HZ });
    await h.login('root', 'sys', undefined, { cluster: SH, agent: a });
    await a.delete(API.session).expect(204);
    expect((await a.get(clusterApi(HZ, 'session'))).status).toBe(401);
    expect((await a.get(clusterApi(SH, 'session'))).status).toBe(401);
    const list = (await a.get(API.clusters).expect(200)).body as ClustersResponse;
    expect(list.clusters.every((c) => c.session === null)).toBe(true);
  });

  it('an idle timeout ends one cluster sign-in while the other, in use, stays', async () => {
    const a = await h.login('root', 'sys', undefined, { cluster: HZ });
    await h.login('root', 'sys', undefined, { cluster: SH, agent: a });
    h.clock.advance(20 * 60_000);
    await a.get(clusterApi(SH, 'session')).expect(200);
    h.clock.advance(11 * 60_000);
    expect((await a.get(clusterApi(HZ, 'sessionStatus'))).body).toEqual({
      signedIn: false,
      reason: 'expired',
    });
    await a.get(clusterApi(SH, 'session')).expect(200);
  });

  it('an unknown cluster id answers 404 NOT_FOUND naming the cluster', async () => {
    const a = await h.login('root', 'sys', undefined, { cluster: HZ });
    for (const path of [clusterApi('nowhere', 'tenants'), clusterApi('nowhere', 'session')]) {
      const res = await a.get(path);
      expect(res.status, path).toBe(404);
      expect(res.body.error).toMatchObject({
        code: 'NOT_FOUND',
        params: { variant: 'cluster', cluster: 'nowhere' },
      });
    }
    const login = await h
      .agent()
      .post(clusterApi('nowhere', 'session'))
      .send({ user: 'root', tenant: 'sys', password: 'oceanbase' });
    expect(login.status).toBe(404);
  });

  it('failed logins are counted per cluster: locking out an account on one leaves the other', async () => {
    const limited = await startHarness({
      clusters: 2,
      app: { loginRateLimit: { max: 2, windowMs: 60_000, perAddress: 100 } },
    });
    try {
      const attempt = (cluster: string) =>
        limited
          .agent()
          .post(clusterApi(cluster, 'session'))
          .send({ user: 'root', tenant: 'sys', password: 'wrong-password' });
      expect((await attempt(HZ)).status).toBe(401);
      expect((await attempt(HZ)).status).toBe(401);
      expect((await attempt(HZ)).status).toBe(429);
      expect((await attempt(SH)).status).toBe(401);
    } finally {
      await limited.close();
    }
  });

  it('the sessions-per-account cap counts one cluster’s sign-ins: the same account elsewhere is another', async () => {
    const capped = await startHarness({ clusters: 2, app: { caps: { sessionsPerAccount: 1 } } });
    try {
      await capped.login('root', 'sys', undefined, { cluster: HZ });
      await capped.login('root', 'sys', undefined, { cluster: SH });
      const again = await capped
        .agent()
        .post(clusterApi(HZ, 'session'))
        .send({ user: 'root', tenant: 'sys', password: 'oceanbase' });
      expect(again.status).toBe(429);
      expect(again.body.error).toMatchObject({
        code: 'TOO_MANY_SESSIONS',
        params: { cluster: HZ, limit: 1 },
      });
    } finally {
      await capped.close();
    }
  });

  it('health names each cluster and says down when one of them is', async () => {
    const ok = (await h.agent().get(API.health).expect(200)).body;
    expect(ok).toMatchObject({
      database: 'up',
      clusters: [
        { id: HZ, database: 'up' },
        { id: SH, database: 'up' },
      ],
    });
  });

  it('one cluster down: health says which, its sign-in names its address, the other works on', async () => {
    const a = await h.login('root', 'sys', undefined, { cluster: HZ });
    const shAddress = `127.0.0.1:${h.cluster(SH).target.port}`;
    await h.stopSim(SH);
    try {
      const login = await a
        .post(clusterApi(SH, 'session'))
        .send({ user: 'root', tenant: 'sys', password: 'oceanbase' });
      expect(login.status).toBe(503);
      expect(login.body.error).toMatchObject({
        code: 'DATABASE_UNAVAILABLE',
        params: { variant: 'host', host: shAddress },
      });
      await a.get(clusterApi(HZ, 'tenants')).expect(200);
      // The health probe caches for two seconds: wait for the answer that sees the stop.
      await expect
        .poll(async () => (await h.agent().get(API.health)).body, { timeout: 5000 })
        .toMatchObject({
          database: 'down',
          unreachable: shAddress,
          clusters: [
            { id: HZ, database: 'up' },
            { id: SH, database: 'down', unreachable: shAddress },
          ],
        });
    } finally {
      await h.restartSim(SH);
    }
  });

  it('log lines of a cluster’s requests and statements name the cluster', async () => {
    const a = await h.login('root', 'sys', undefined, { cluster: SH });
    const from = h.logs.length;
    await a.get(clusterApi(SH, 'tenants')).expect(200);
    const sql = h.logs
      .slice(from)
      .map((l) => JSON.parse(l) as { msg: string; cluster?: string })
      .filter((l) => l.msg === 'sql');
    expect(sql.length).toBeGreaterThan(0);
    expect(sql.every((l) => l.cluster === SH)).toBe(true);
    expect(h.logs.some((l) => l.includes('"msg":"login"') && l.includes(`"cluster":"${SH}"`))).toBe(
      true,
    );
  });
});

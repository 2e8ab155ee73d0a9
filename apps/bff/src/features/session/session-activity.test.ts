import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { C, startHarness, type EventStream, type Harness } from '../../testing/harness.js';

const IDLE_MS = 30 * 60_000;

/** Waits until the stream has delivered one more heartbeat than it had when called. */
async function nextHeartbeat(w: EventStream): Promise<void> {
  const count = () => w.events().filter((e) => e.event === 'heartbeat').length;
  const seen = count();
  await expect.poll(count, { timeout: 5000 }).toBeGreaterThan(seen);
}

describe('session status and activity', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ app: { sessionIdleMs: IDLE_MS, sessionAbsoluteMs: 12 * 3_600_000 } });
  });
  afterEach(async () => {
    await h.sim.control.reset();
  });
  afterAll(async () => {
    await h.close();
  });

  it('the status probe answers 200 signedIn:false to a browser that never logged in', async () => {
    const res = await h.agent().get(`${C}/session/status`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ signedIn: false, reason: 'none' });
  });

  it('the status probe names the session and when it idles out, without counting as activity', async () => {
    const a = await h.login('root', 'sys');
    const first = await a.get(`${C}/session/status`).expect(200);
    expect(first.body).toMatchObject({
      signedIn: true,
      session: { user: 'root', tenant: 'sys' },
    });
    const idleAt = Date.parse(first.body.idleExpiresAt);
    expect(idleAt - h.clock.now).toBe(IDLE_MS);
    h.clock.advance(20 * 60_000);
    const later = await a.get(`${C}/session/status`).expect(200);
    // Asking did not move the idle deadline.
    expect(Date.parse(later.body.idleExpiresAt)).toBe(idleAt);
    h.clock.advance(11 * 60_000);
    expect((await a.get(`${C}/session/status`)).body).toEqual({
      signedIn: false,
      reason: 'expired',
    });
  });

  it('an authenticated request extends the idle deadline', async () => {
    const a = await h.login('root', 'sys');
    h.clock.advance(20 * 60_000);
    await a.get(`${C}/session`).expect(200);
    const res = await a.get(`${C}/session/status`).expect(200);
    expect(Date.parse(res.body.idleExpiresAt) - h.clock.now).toBe(IDLE_MS);
  });

  it('watching a running backup keeps the session alive past the idle timeout', async () => {
    const a = await h.login('root', 'sys');
    await a
      .post(`${C}/backups`)
      .send({ type: 'full', tenants: ['mysql_tenant'] })
      .expect(202);
    const w = h.events(a);
    try {
      await expect
        .poll(() =>
          w.events().some((e) => e.event === 'active' && JSON.parse(e.data).jobs.length > 0),
        )
        .toBe(true);
      for (let i = 0; i < 3; i++) {
        h.clock.advance(20 * 60_000);
        await nextHeartbeat(w);
      }
      // 60 minutes without a request, twice the idle timeout: still signed in.
      expect(w.ended()).toBe(false);
      await a.get(`${C}/session`).expect(200);
    } finally {
      w.close();
    }
  });

  it('an open stream with nothing running does not keep the session alive', async () => {
    const a = await h.login('root', 'sys');
    const w = h.events(a);
    try {
      await expect.poll(() => w.events().some((e) => e.event === 'active')).toBe(true);
      h.clock.advance(IDLE_MS + 60_000);
      await nextHeartbeat(w).catch(() => undefined);
      const res = await a.get(`${C}/session`);
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({
        code: 'UNAUTHENTICATED',
        params: { variant: 'expired' },
      });
    } finally {
      w.close();
    }
  });

  it('watching does not outlast the absolute timeout', async () => {
    const a = await h.login('root', 'sys');
    await a
      .post(`${C}/backups`)
      .send({ type: 'full', tenants: ['mysql_tenant'] })
      .expect(202);
    const w = h.events(a);
    try {
      await expect
        .poll(() =>
          w.events().some((e) => e.event === 'active' && JSON.parse(e.data).jobs.length > 0),
        )
        .toBe(true);
      for (let i = 0; i < 37; i++) {
        h.clock.advance(20 * 60_000);
        await nextHeartbeat(w).catch(() => undefined);
        if (w.ended()) break;
      }
      expect((await a.get(`${C}/session`)).status).toBe(401);
      await expect.poll(() => w.ended()).toBe(true);
    } finally {
      w.close();
    }
  });

  it('a login to an unreachable database names the address it tried', async () => {
    await h.stopSim();
    try {
      const res = await h
        .agent()
        .post(`${C}/session`)
        .send({ user: 'root', tenant: 'sys', password: 'oceanbase' });
      expect(res.status).toBe(503);
      const { port } = h.cluster().target;
      expect(res.body.error).toMatchObject({
        code: 'DATABASE_UNAVAILABLE',
        params: { variant: 'host', host: `127.0.0.1:${port}` },
      });
      const health = await h.agent().get('/api/health');
      expect(health.body).toMatchObject({ database: 'down', unreachable: `127.0.0.1:${port}` });
    } finally {
      await h.restartSim();
    }
  });
});

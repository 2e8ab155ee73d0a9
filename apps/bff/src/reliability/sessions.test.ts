import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { C, startHarness, type Harness } from '../testing/harness.js';

/**
 * Session limits and what a session holds in the database. Cross-origin refusal, the login rate
 * limit, idle expiry and logout closing connections are in features/session/session.test.ts;
 * cross-origin refusal of every change is in bad-input.test.ts.
 */
describe('sessions under load and over time', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      app: { sessionIdleMs: 30 * 60_000, sessionAbsoluteMs: 12 * 3_600_000 },
    });
  });
  afterAll(async () => {
    await h.close();
  });

  const open = () => h.sim.control.stats().connections.open;

  it('a session kept busy still ends at the absolute timeout', async () => {
    const a = await h.login('root', 'sys');
    for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
      h.clock.advance(20 * 60_000);
      expect((await a.get(`${C}/session`)).status, `after ${minutes + 20} min`).toBe(200);
    }
    h.clock.advance(40 * 60_000);
    const res = await a.get(`${C}/session`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('the poller borrows the account connections only while someone watches', async () => {
    const a = await h.login('root', 'mysql_tenant');
    await a.get(`${C}/tenants`).expect(200);
    const idle = open();
    const watchers = [h.events(a), h.events(a), h.events(a)];
    await expect.poll(() => watchers.every((w) => w.text().includes('event: active'))).toBe(true);
    expect(h.cluster().hub.size).toBe(1);
    // One pool per account (decision 018): the poller reads on the session's idle connections.
    expect(open()).toBeLessThanOrEqual(idle + 1);
    for (const w of watchers) w.close();
    await expect.poll(() => h.cluster().hub.size).toBe(0);
    await expect.poll(open).toBeLessThanOrEqual(idle);
  });

  it('logging out while watching closes the stream and every connection of the session', async () => {
    const before = open();
    const a = await h.login('root', 'sys');
    const w = h.events(a);
    await expect.poll(() => w.text()).toContain('event: active');
    await a.delete(`${C}/session`).expect(204);
    // The server ends the stream itself: a tab left open gets nothing after logout.
    await expect.poll(() => w.ended()).toBe(true);
    expect(h.cluster().hub.size).toBe(0);
    await expect.poll(open).toBeLessThanOrEqual(before);
    w.close();
  });

  it('an abandoned session is closed by the sweeper, with its connections, though no request comes', async () => {
    await h.app.deps.registry.sweep();
    const sessions = h.app.deps.registry.size;
    const before = open();
    // An account no other session of this file uses: its pool is this session's alone.
    const a = await h.login('SYS', 'oracle_tenant');
    await a.get(`${C}/tenants`).expect(200);
    expect(open()).toBeGreaterThan(before);
    h.clock.advance(31 * 60_000);
    await h.app.deps.registry.sweep();
    expect(h.app.deps.registry.size).toBeLessThanOrEqual(sessions);
    await expect.poll(open).toBeLessThanOrEqual(before);
  });

  it('a signed-in session unused for a minute gives its connections back, and the next request opens one', async () => {
    await h.app.deps.registry.sweep();
    const before = open();
    const a = await h.login('root', 'sys');
    await a.get(`${C}/tenants`).expect(200);
    const busy = open();
    expect(busy).toBeGreaterThan(before);
    h.clock.advance(30_000);
    await h.app.deps.registry.sweep();
    expect(open()).toBe(busy);
    h.clock.advance(31_000);
    await h.app.deps.registry.sweep();
    await expect.poll(open).toBe(before);
    await a.get(`${C}/tenants`).expect(200);
    expect(open()).toBeGreaterThan(before);
    await a.delete(`${C}/session`).expect(204);
  });

  it('many sessions of one account share one poller and one pool, and give its connections back', async () => {
    await h.app.deps.registry.sweep();
    const before = open();
    const agents = await Promise.all(Array.from({ length: 20 }, () => h.login('support', 'sys')));
    const streams = agents.map((a) => h.events(a));
    await expect.poll(() => streams.every((s) => s.text().includes('event: active'))).toBe(true);
    expect(h.cluster().hub.size).toBe(1);
    for (const s of streams) s.close();
    await Promise.all(agents.map((a) => a.delete(`${C}/session`).expect(204)));
    // At most as many as before: the sweep above may still be closing quiet sessions' pools.
    await expect.poll(open).toBeLessThanOrEqual(before);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { C, findSecretLeaks, startHarness, type Harness } from '../../testing/harness.js';

describe('sessions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ app: { loginRateLimit: { max: 3, windowMs: 60_000 } } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('root@sys logs in as a sys operator who may back up', async () => {
    const res = await h.agent().post(`${C}/session`).send({ user: 'root', password: 'oceanbase' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      user: 'root',
      tenant: 'sys',
      tenantId: 1,
      mode: 'MYSQL',
      isSys: true,
      canBackup: true,
    });
    expect(res.body.serverVersion).toMatch(/OceanBase/);
  });

  it('the session cookie is httpOnly and SameSite=Strict, and carries no password', async () => {
    const res = await h
      .agent()
      .post(`${C}/session`)
      .send({ user: 'root', tenant: 'sys', password: 'oceanbase' });
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/obconsole\.sid=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain('oceanbase');
  });

  it('the cookie is set at sign-in to live to the absolute timeout, not re-signed on every answer', async () => {
    const a = await h.login('root', 'sys');
    for (const path of [
      `${C}/session`,
      `${C}/tenants`,
      `${C}/backups/active`,
      `${C}/session/status`,
    ]) {
      const res = await a.get(path);
      expect(res.status, path).toBeLessThan(300);
      expect(res.headers['set-cookie'], path).toBeUndefined();
    }
    // Signing in to the session again (a change of what it holds) still sets it.
    const again = await a.post(`${C}/session`).send({ user: 'root', password: 'oceanbase' });
    expect(String(again.headers['set-cookie'])).toMatch(/obconsole\.sid=/);
  });

  it('a tenant admin of a MySQL tenant gets a tenant session', async () => {
    const a = await h.login('root', 'mysql_tenant');
    const res = await a.get(`${C}/session`);
    expect(res.body).toMatchObject({
      tenant: 'mysql_tenant',
      tenantId: 1002,
      mode: 'MYSQL',
      isSys: false,
      canBackup: true,
    });
  });

  it('the Oracle tenant admin SYS gets an ORACLE-mode session', async () => {
    const a = await h.login('SYS', 'oracle_tenant');
    const res = await a.get(`${C}/session`);
    expect(res.body).toMatchObject({
      tenant: 'oracle_tenant',
      tenantId: 1004,
      mode: 'ORACLE',
      isSys: false,
      canBackup: true,
    });
  });

  it('the read-only support account may not back up', async () => {
    const a = await h.login('support', 'sys');
    expect((await a.get(`${C}/session`)).body.canBackup).toBe(false);
  });

  it('a wrong password and an unknown tenant fail alike, without saying which part was wrong', async () => {
    const wrong = await h
      .agent()
      .post(`${C}/session`)
      .send({ user: 'root', tenant: 'sys', password: 'nope-nope' });
    const noTenant = await h
      .agent()
      .post(`${C}/session`)
      .send({ user: 'root', tenant: 'no_such_tenant', password: 'oceanbase' });
    expect(wrong.status).toBe(401);
    expect(noTenant.status).toBe(401);
    expect(wrong.body.error.code).toBe('LOGIN_FAILED');
    expect(noTenant.body.error).toEqual(wrong.body.error);
    expect(findSecretLeaks(h, ['nope-nope'])).toEqual([]);
  });

  it('without a session every data route answers 401 UNAUTHENTICATED', async () => {
    for (const path of [
      `${C}/session`,
      `${C}/tenants`,
      `${C}/backups/active`,
      `${C}/backups/history`,
    ]) {
      const res = await h.agent().get(path);
      expect(res.status, path).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('logout ends the session and closes its database connections', async () => {
    const before = h.sim.control.stats().connections.open;
    const a = await h.login('root', 'mysql_tenant');
    await a.get(`${C}/tenants`).expect(200);
    expect(h.sim.control.stats().connections.open).toBeGreaterThan(before);
    await a.delete(`${C}/session`).expect(204);
    expect((await a.get(`${C}/session`)).status).toBe(401);
    // The account's pool is shared: the idle connections of its other sessions may close too.
    await expect.poll(() => h.sim.control.stats().connections.open).toBeLessThanOrEqual(before);
  });

  it('a session idle past the timeout is closed and answers 401', async () => {
    const a = await h.login('root', 'sys');
    await a.get(`${C}/session`).expect(200);
    h.clock.advance(31 * 60_000);
    const res = await a.get(`${C}/session`);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('a mutation from another origin is refused with CROSS_ORIGIN_REJECTED', async () => {
    const res = await h
      .agent()
      .post(`${C}/session`)
      .set('Origin', 'https://evil.example')
      .send({ user: 'root', password: 'oceanbase' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('CROSS_ORIGIN_REJECTED');
  });

  it('a user name that smuggles a tenant is refused with a readable validation error', async () => {
    const res = await h.agent().post(`${C}/session`).send({ user: 'root@sys', password: 'x' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toMatch(/user/);
  });

  it('repeated failed logins are rate limited with RATE_LIMITED', async () => {
    const attempt = () =>
      h
        .agent()
        .post(`${C}/session`)
        .send({ user: 'limited', tenant: 'sys', password: 'bad-password' });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
    const res = await attempt();
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('RATE_LIMITED');
    expect(res.headers['retry-after']).toBeDefined();
  });
});

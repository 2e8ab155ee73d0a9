import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { C, startHarness, type Harness } from '../testing/harness.js';

const WINDOW_MS = 15 * 60_000;

/**
 * The failed-login limits: per account as OceanBase resolves it (no bypass by changing case),
 * per address across accounts (no spraying), and neither locks out a colleague's correct login.
 */
describe('login limits', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({
      app: { loginRateLimit: { max: 3, windowMs: WINDOW_MS, perAddress: 6 } },
    });
  });
  afterEach(async () => {
    await h.close();
  });

  const attempt = (user: string, tenant: string, password = 'wrong-password') =>
    h.agent().post(`${C}/session`).send({ user, tenant, password });

  it('changing the case of a user or tenant name does not buy more guesses (SYS, sys, Sys are one Oracle user)', async () => {
    expect((await attempt('SYS', 'oracle_tenant')).status).toBe(401);
    expect((await attempt('sys', 'oracle_tenant')).status).toBe(401);
    expect((await attempt('Sys', 'ORACLE_TENANT')).status).toBe(401);
    const fourth = await attempt('sYs', 'Oracle_Tenant');
    expect(fourth.status).toBe(429);
    expect(fourth.body.error.code).toBe('RATE_LIMITED');
    expect(fourth.body.error.message).toMatch(/for this account.*Wait 15 minutes/);
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(0);
    // Locked means locked: the right password is not even tried until the window ends.
    expect((await attempt('SYS', 'oracle_tenant', 'oceanbase')).status).toBe(429);
    h.clock.advance(WINDOW_MS + 1000);
    expect((await attempt('SYS', 'oracle_tenant', 'oceanbase')).status).toBe(200);
  });

  it("a colleague's typos on his own account do not lock an operator out behind the same address", async () => {
    for (let i = 0; i < 3; i++) expect((await attempt('root', 'mysql_tenant')).status).toBe(401);
    expect((await attempt('root', 'mysql_tenant')).status).toBe(429);
    expect((await attempt('root', 'sys', 'oceanbase')).status).toBe(200);
  });

  it('spraying passwords across accounts from one address stops at the address limit; accounts that logged in from there still can', async () => {
    expect((await attempt('root', 'sys', 'oceanbase')).status).toBe(200);
    for (let i = 0; i < 6; i++) expect((await attempt(`user${i}`, 'sys')).status).toBe(401);
    const sprayed = await attempt('user-next', 'sys');
    expect(sprayed.status).toBe(429);
    expect(sprayed.body.error.message).toMatch(/from your address/);
    // A new account is refused before the database is asked, even with the right password...
    expect((await attempt('support', 'sys', 'oceanbase')).status).toBe(429);
    // ...but the operator who logged in from this address earlier is not locked out.
    expect((await attempt('root', 'sys', 'oceanbase')).status).toBe(200);
  });
});

import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator } from '@obconsole/oceanbase-sim';
import { ConfigError, loadConfig } from '../config.js';
import { startHarness, type Harness } from '../testing/harness.js';

/** The simulator's control channel: not reachable from web pages, can be off, masks secrets. */
describe("the simulator's control channel", () => {
  let h: Harness;
  let port: number;
  beforeAll(async () => {
    h = await startHarness();
    port = h.sim.controlPort!;
  });
  afterAll(async () => {
    await h.close();
  });

  function call(
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: string,
  ): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  it('refuses requests from other web origins, cross-site fetches, rebound host names and form posts', async () => {
    const json = { 'content-type': 'application/json' };
    const refused = [
      await call('POST', '/reset', { origin: 'http://evil.example', ...json }, '{}'),
      await call('POST', '/reset', { 'sec-fetch-site': 'cross-site', ...json }, '{}'),
      await call('GET', '/statements', { host: `rebind.attacker.example:${port}` }),
      await call('POST', '/clock/advance', { 'content-type': 'text/plain' }, '{"seconds":5}'),
    ];
    for (const r of refused) {
      expect(r.status).toBe(403);
      expect(r.text).toMatch(/control channel: /);
    }
    // Tools on the machine (curl, the tests, the e2e fixtures) still drive it.
    expect((await call('GET', '/health')).status).toBe(200);
    expect((await call('POST', '/clock/advance', json, '{"seconds":1}')).status).toBe(200);
    const own = await call('GET', '/clock', { origin: `http://127.0.0.1:${port}` });
    expect(own.status).toBe(200);
  });

  it('GET /statements masks an Oracle-mode password whose quotes and backslashes would fool a MySQL reading', async () => {
    const c = await h.sql('SYS', 'oracle_tenant');
    // The Oracle literal of  p\'secret-tail  (a backslash is no escape there).
    await c.query("SET ENCRYPTION ON IDENTIFIED BY 'p\\''secret-tail' ONLY");
    const res = await call('GET', '/statements?limit=20');
    expect(res.status).toBe(200);
    expect(res.text).toContain("IDENTIFIED BY '******' ONLY");
    expect(res.text).not.toContain('secret-tail');
  });

  it('SIM_CONTROL=off runs the embedded simulator without a control channel; a wrong value is a clear error', async () => {
    expect(loadConfig({ SIM_CONTROL: 'off' }).simulator.controlPort).toBeNull();
    expect(loadConfig({}).simulator.controlPort).toBe(2886);
    expect(() => loadConfig({ SIM_CONTROL: 'maybe' })).toThrow(ConfigError);
    expect(() => loadConfig({ SIM_CONTROL: 'maybe' })).toThrow(/SIM_CONTROL/);
    const sim = await startSimulator({ port: 0, controlPort: null, manualClock: true });
    try {
      expect(sim.controlPort).toBeNull();
    } finally {
      await sim.close();
    }
  });
});

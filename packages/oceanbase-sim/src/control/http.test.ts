import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../simulator.js';
import { connect, rows, startTestSim } from '../testing/harness.js';

let sim: Simulator;
let base: string;

async function call(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${base}${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

beforeAll(async () => {
  sim = await startTestSim();
  base = `http://127.0.0.1:${String(sim.controlPort)}`;
});
afterAll(async () => {
  await sim.close();
});

describe('control channel over HTTP', () => {
  it('is a separate loopback port and answers health', async () => {
    expect(sim.controlPort).not.toBe(sim.sqlPort);
    expect(await call('GET', '/health')).toEqual({ status: 200, json: { ok: true } });
    expect((await call('GET', '/nope')).status).toBe(404);
  });

  it('drives the clock (advance, set), faults, archive, tenant status, stats, statements, seed, drop and reset', async () => {
    expect((await call('POST', '/clock/manual', { manual: true })).json.manual).toBe(true);
    const c = await connect(sim, 'root@mysql_tenant', 'oceanbase', 'oceanbase');
    await c.query("SET ENCRYPTION ON IDENTIFIED BY 'hunter2' ONLY");
    await c.query('ALTER SYSTEM BACKUP DATABASE');
    const before = (await call('GET', '/clock')).json.nowUs as number;
    const advanced = await call('POST', '/clock/advance', { seconds: 20 });
    expect(advanced.json.nowUs).toBe(before + 20_000_000);
    const set = await call('POST', '/clock/set', { now: '2026-12-01T08:00:00.250Z' });
    expect(set.json.nowUs).toBe(Date.UTC(2026, 11, 1, 8) * 1000 + 250_000);
    expect((await call('POST', '/clock/set', { nowUs: before + 20_000_000 })).json.nowUs).toBe(
      before + 20_000_000,
    );
    expect(
      await call('POST', '/faults/fail-next-task', { tenant: 'mysql_tenant', result: -4184 }),
    ).toEqual({ status: 200, json: { applied: 'current' } });
    expect(await rows(c, 'SELECT STATUS, RESULT FROM DBA_OB_BACKUP_JOB_HISTORY')).toEqual([
      { STATUS: 'FAILED', RESULT: '-4184' },
    ]);

    expect(
      (await call('POST', '/archive', { tenant: 'mysql_tenant', action: 'interrupt' })).status,
    ).toBe(200);
    expect((await rows(c, 'SELECT STATUS FROM DBA_OB_ARCHIVELOG'))[0]?.STATUS).toBe('INTERRUPTED');
    expect(
      (await call('POST', '/archive', { tenant: 'mysql_tenant', action: 'resume' })).status,
    ).toBe(200);
    expect((await rows(c, 'SELECT STATUS FROM DBA_OB_ARCHIVELOG'))[0]?.STATUS).toBe('DOING');
    expect(
      (await call('POST', '/tenants/status', { tenant: 'oracle_tenant', status: 'DROPPING' }))
        .status,
    ).toBe(200);

    const stats = (await call('GET', '/stats')).json as {
      statements: { total: number; mutating: number; byAccount: Record<string, number> };
      connections: { open: number; total: number };
    };
    expect(stats.statements).toMatchObject({
      total: 5,
      mutating: 2,
      byAccount: { 'root@mysql_tenant': 5 },
    });
    expect(stats.connections.open).toBe(1);
    const recent = (await call('GET', '/statements?limit=5')).json.statements as {
      text: string;
      account: string;
      at: string;
    }[];
    expect(recent.map((s) => s.text)).toContain("SET ENCRYPTION ON IDENTIFIED BY '******' ONLY");
    expect(recent[0]?.account).toBe('root@mysql_tenant');

    expect((await call('POST', '/history/seed', { count: 100, seed: 9 })).json.jobs).toBe(100);
    expect((await call('POST', '/connections/drop')).json).toEqual({ dropped: 1 });
    await c.end().catch(() => undefined);
    expect((await call('POST', '/clock/speed', { speed: 10 })).json.speed).toBe(10);
    expect((await call('POST', '/reset')).status).toBe(200);
    const d = await connect(sim, 'root@sys', 'oceanbase', 'oceanbase');
    expect(await rows(d, 'SELECT COUNT(*) AS n FROM CDB_OB_BACKUP_JOB_HISTORY')).toEqual([
      { n: '0' },
    ]);
    expect(
      await rows(d, "SELECT STATUS FROM DBA_OB_TENANTS WHERE TENANT_NAME = 'oracle_tenant'"),
    ).toEqual([{ STATUS: 'NORMAL' }]);
    await d.end();
  });

  it('bad input is a 400 with a JSON message', async () => {
    for (const [path, body] of [
      ['/clock/advance', { seconds: 'soon' }],
      ['/clock/speed', { speed: 0 }],
      ['/clock/manual', { manual: 'yes' }],
      ['/clock/set', { now: 'yesterday' }],
      ['/clock/set', { nowUs: -1 }],
      ['/faults/fail-next-task', { tenant: 'nope' }],
      ['/faults/fail-next-task', { tenant: 'mysql_tenant', result: 5 }],
      ['/archive', { tenant: 'mysql_tenant', action: 'explode' }],
      ['/tenants/status', { tenant: 'mysql_tenant', status: 'bad status' }],
      ['/history/seed', { count: -1 }],
    ] as const) {
      const r = await call('POST', path, body);
      expect(r.status, path).toBe(400);
      expect(typeof r.json.error).toBe('string');
    }
    const raw = await fetch(`${base}/clock/advance`, {
      method: 'POST',
      body: '{not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(raw.status).toBe(400);
    // A body that is not declared JSON is what a cross-site form sends: refused outright.
    const form = await fetch(`${base}/clock/advance`, { method: 'POST', body: '{"seconds":1}' });
    expect(form.status).toBe(403);
  });
});

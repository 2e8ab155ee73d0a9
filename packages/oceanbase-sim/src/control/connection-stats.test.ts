import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mysql2/promise';
import type { Simulator } from '../simulator.js';
import { connect, startTestSim } from '../testing/harness.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSim();
});
afterAll(async () => {
  await sim.close();
});

const closed = async (c: Connection) => {
  await c.end();
  // The server notices the quit a moment after the client sent it.
  await expect.poll(() => sim.control.stats().connections.open).toBeLessThan(10);
};

describe('connection counts in stats', () => {
  it('count sessions open now and at most at once, in all and per account; peaks can start again', async () => {
    const roots = await Promise.all([1, 2, 3].map(() => connect(sim, 'root@mysql_tenant')));
    const sys = await connect(sim, 'root@sys');
    let c = sim.control.stats().connections;
    expect(c.peak).toBe(4);
    expect(c.byAccount['root@mysql_tenant']).toEqual({ open: 3, peak: 3 });
    expect(c.byAccount['root@sys']).toEqual({ open: 1, peak: 1 });

    await closed(roots.pop()!);
    await closed(roots.pop()!);
    await expect
      .poll(() => sim.control.stats().connections.byAccount['root@mysql_tenant']?.open)
      .toBe(1);
    c = sim.control.stats().connections;
    expect(c.peak).toBe(4);
    expect(c.byAccount['root@mysql_tenant']).toEqual({ open: 1, peak: 3 });

    sim.control.resetPeaks();
    c = sim.control.stats().connections;
    expect(c.peak).toBe(2);
    expect(c.byAccount['root@mysql_tenant']).toEqual({ open: 1, peak: 1 });

    // Over HTTP as well.
    const base = `http://127.0.0.1:${String(sim.controlPort)}`;
    const extra = await connect(sim, 'root@mysql_tenant');
    await closed(extra);
    await expect
      .poll(() => sim.control.stats().connections.byAccount['root@mysql_tenant']?.open)
      .toBe(1);
    const before = (await (await fetch(`${base}/stats`)).json()) as {
      connections: { byAccount: Record<string, { peak: number }> };
    };
    expect(before.connections.byAccount['root@mysql_tenant']!.peak).toBe(2);
    expect((await fetch(`${base}/stats/reset-peaks`, { method: 'POST' })).status).toBe(200);
    expect(sim.control.stats().connections.byAccount['root@mysql_tenant']!.peak).toBe(1);
    await Promise.all([...roots, sys].map((x) => x.end()));
  });
});

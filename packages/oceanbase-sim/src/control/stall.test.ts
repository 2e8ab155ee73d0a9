import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import type { Simulator } from '../simulator.js';
import { connect, rows, startTestSim } from '../testing/harness.js';

let sim: Simulator;
beforeAll(async () => {
  sim = await startTestSim();
});
afterAll(async () => {
  sim.control.stall(false);
  await sim.close();
});

describe('the stall fault', () => {
  it('keeps connections open and answers nothing, then answers what arrived, in order, when it thaws', async () => {
    const c = await connect(sim);
    expect(sim.control.stall(true)).toEqual({ stalled: true });
    let answered = false;
    const pending = rows(c, 'SELECT 1 AS a').then((r) => {
      answered = true;
      return r;
    });
    const second = rows(c, 'SELECT 2 AS b');
    // A new client is accepted but gets no greeting until the thaw.
    const raw = net.connect(sim.sqlPort, '127.0.0.1');
    let greeting = Buffer.alloc(0);
    raw.on('data', (d: Buffer) => (greeting = Buffer.concat([greeting, d])));
    await new Promise((resolve) => raw.once('connect', resolve));
    // A round trip to the simulator's control API: anything the SQL port would send is here by now.
    await fetch(`http://127.0.0.1:${String(sim.controlPort)}/health`);
    expect(greeting.length).toBe(0);
    expect(answered).toBe(false);
    expect(sim.control.stall(false)).toEqual({ stalled: false });
    expect(await pending).toEqual([{ a: '1' }]);
    expect(await second).toEqual([{ b: '2' }]);
    await expect.poll(() => greeting.length).toBeGreaterThan(0);
    expect(greeting.toString('latin1')).toContain('OceanBase');
    raw.destroy();
    // And new connections are greeted again.
    const d = await connect(sim);
    expect(await rows(d, 'SELECT 3 AS c')).toEqual([{ c: '3' }]);
    await c.end();
    await d.end();
  });

  it('refuses a bad request with a readable error', () => {
    expect(() => sim.control.stall('yes' as unknown as boolean)).toThrow(/on must be true/);
    expect(() => sim.control.stall(true, 0)).toThrow(/seconds/);
  });
});

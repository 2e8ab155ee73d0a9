import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type supertest from 'supertest';
import { C, startHarness, type Harness } from '../testing/harness.js';
import { statementsOf } from '../testing/statements.js';

/**
 * Many sessions of one database account asking the same question at once cost the database one
 * read: the tenants page and a history page, as the active jobs already were. The simulator is
 * stalled while the requests arrive, so they overlap however fast or slow the machine is.
 */
describe('reads shared by the sessions of one account', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ simulator: { seedHistory: 200 } });
  });
  afterEach(async () => {
    h.sim.control.stall(false);
    await h.close();
  });

  async function sessions(n: number, user: string, tenant: string): Promise<supertest.Agent[]> {
    const agents: supertest.Agent[] = [];
    for (let i = 0; i < n; i++) agents.push(await h.login(user, tenant));
    return agents;
  }

  /** Sends every request while the simulator is stalled, waits until `joined` askers have joined a read, thaws. */
  async function overlapping(
    requests: (() => supertest.Test)[],
    joined: number,
  ): Promise<supertest.Response[]> {
    const before = h.cluster().reads.stats().joined;
    h.sim.control.stall(true);
    const answers = Promise.all(requests.map((r) => r().then((res) => res)));
    await expect
      .poll(() => h.cluster().reads.stats().joined - before, { timeout: 20_000 })
      .toBe(joined);
    h.sim.control.stall(false);
    return await answers;
  }

  it('ten sessions asking for the tenants and the same history page send the statements of one each', async () => {
    const agents = await sessions(10, 'root', 'sys');
    const history = `${C}/backups/history?limit=20&type=full`;
    // What one session alone sends, warm (the tenant names and server facts already known).
    await agents[0]!.get(`${C}/tenants`).expect(200);
    const alone = await statementsOf(h, 'root@sys', async () => {
      await agents[0]!.get(`${C}/tenants`).expect(200);
      await agents[0]!.get(history).expect(200);
    });
    expect(alone.length).toBeGreaterThan(0);

    let answers: supertest.Response[] = [];
    const together = await statementsOf(h, 'root@sys', async () => {
      answers = await overlapping(
        agents.flatMap((a) => [() => a.get(`${C}/tenants`), () => a.get(history)]),
        18,
      );
    });
    expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
    const bodies = new Set(answers.map((r) => JSON.stringify(r.body)));
    expect(bodies.size).toBe(2);
    // A connection opened for the two reads side by side sets its time zone; the rest is the same.
    const reads = (sent: string[]) => sent.filter((s) => !/^SET time_zone/.test(s)).sort();
    expect(reads(together)).toEqual(reads(alone));
  });

  it('different filters, and different accounts, are read apart', async () => {
    const [root] = await sessions(1, 'root', 'sys');
    const [support] = await sessions(1, 'support', 'sys');
    const before = h.cluster().reads.stats();
    const answers = await overlapping(
      [
        () => root!.get(`${C}/backups/history?limit=5`),
        () => root!.get(`${C}/backups/history?limit=5&status=FAILED`),
        () => support!.get(`${C}/backups/history?limit=5`),
        () => root!.get(`${C}/backups/history?status=FAILED&limit=5`),
      ],
      1,
    );
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    // The same filter in another order is the same question; the other two are reads of their own.
    expect(h.cluster().reads.stats().reads - before.reads).toBe(3);
    expect(answers[3]!.body).toEqual(answers[1]!.body);
  });

  it('a read that fails fails every asker with its error, and the next ask reads again', async () => {
    const agents = await sessions(3, 'root', 'sys');
    const answers = await overlapping(
      agents.map((a) => () => a.get(`${C}/backups/history?tenant=no_such_tenant`)),
      2,
    );
    for (const r of answers) {
      expect(r.status).toBe(404);
      expect(r.body.error.code).toBe('TENANT_NOT_FOUND');
    }
    const reads = h.cluster().reads.stats().reads;
    await agents[0]!.get(`${C}/backups/history?limit=5`).expect(200);
    expect(h.cluster().reads.stats().reads).toBe(reads + 1);
  });
});

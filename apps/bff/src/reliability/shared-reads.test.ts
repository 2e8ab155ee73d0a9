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

  /**
   * Sends every request while the simulator is stalled, waits until `joined` askers have joined a
   * read (of a whole answer, or of a part of answers), thaws.
   */
  async function overlapping(
    requests: (() => supertest.Test)[],
    joined: number,
    of: 'answers' | 'parts' = 'answers',
  ): Promise<supertest.Response[]> {
    const count = () => {
      const s = h.cluster().reads.stats();
      return of === 'answers' ? s.joined : s.parts.joined;
    };
    const before = count();
    h.sim.control.stall(true);
    const answers = Promise.all(requests.map((r) => r().then((res) => res)));
    await expect.poll(() => count() - before, { timeout: 20_000 }).toBe(joined);
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

  it('sessions paging with their own page sizes share the tenant list and the count, not the pages', async () => {
    const agents = await sessions(5, 'root', 'sys');
    await agents[0]!.get(`${C}/tenants`).expect(200);
    const before = h.cluster().reads.stats();
    let answers: supertest.Response[] = [];
    const sent = await statementsOf(h, 'root@sys', async () => {
      answers = await overlapping(
        agents.map((a, i) => () => a.get(`${C}/backups/history?type=full&limit=${5 + i}`)),
        8,
        'parts',
      );
    });
    const after = h.cluster().reads.stats();
    expect(answers.map((r) => r.status)).toEqual(Array(5).fill(200));
    answers.forEach((r, i) => expect(r.body.items).toHaveLength(5 + i));
    expect(new Set(answers.map((r) => r.body.total)).size).toBe(1);
    // Five questions of their own, read apart; their two common parts read once and joined 4 × 2.
    expect(after.reads - before.reads).toBe(5);
    expect(after.parts.reads - before.parts.reads).toBe(2);
    expect(after.parts.joined - before.parts.joined).toBe(8);
    const reads = sent.filter((s) => !/^SET time_zone/.test(s));
    expect(reads.filter((s) => /DBA_OB_TENANTS/.test(s))).toHaveLength(1);
    expect(reads.filter((s) => /COUNT\(\*\)/.test(s))).toHaveLength(1);
    expect(reads.filter((s) => /ORDER BY .* LIMIT \d+$/.test(s))).toHaveLength(5);
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

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from 'mysql2/promise';
import type { Simulator } from '../simulator.js';
import { connect, startTestSim } from '../testing/harness.js';
import { REPLAY } from './client-sql.fixture.js';

let sim: Simulator;
const conns = new Map<string, Connection>();

beforeAll(async () => {
  sim = await startTestSim();
  for (const user of ['root@sys', 'root@mysql_tenant'])
    conns.set(user, await connect(sim, user, 'oceanbase', 'oceanbase'));
});
afterAll(async () => {
  for (const c of conns.values()) await c.end();
  await sim.close();
});

describe('the backup SQL of obshell, ob-operator and obdiag, replayed as they send it', () => {
  it('behaves as on a real cluster, statement by statement, every one of them', async () => {
    const outcomes: { sql: string; source: string; ok: boolean; got: string }[] = [];
    for (const s of REPLAY) {
      for (const step of s.setup ?? []) {
        const m = /^__advance (\d+)$/.exec(step);
        if (m) sim.control.advance(Number(m[1]));
      }
      const c = conns.get(s.as)!;
      let got: string;
      try {
        if (s.params) await c.execute(s.sql, s.params);
        else await c.query(s.sql);
        got = 'ok';
      } catch (e) {
        got = `errno ${(e as { errno?: number }).errno ?? '?'}: ${(e as Error).message}`;
      }
      const want = s.expect === 'ok' ? 'ok' : `errno ${s.expect.errno}`;
      outcomes.push({
        sql: s.sql,
        source: s.source,
        ok: got === want || got.startsWith(`${want}:`),
        got,
      });
    }
    const behaving = outcomes.filter((o) => o.ok).length;
    console.log(
      `replay: ${behaving} of ${outcomes.length} client statements behave as on a real cluster`,
    );
    const unexpected = outcomes
      .filter((o) => !o.ok)
      .map((o) => `${o.source}: ${o.sql.slice(0, 90)} → ${o.got}`);
    expect(unexpected).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type FleetOverview } from '@obconsole/contracts';
import { C, advance, runToEnd, startHarness, type Harness } from '../../testing/harness.js';
import { statementsOf } from '../../testing/statements.js';

/** Where a tenant's data backup destination is read from. */
const DESTINATIONS = /OB_BACKUP_PARAMETER/i;
/** The read of the failures in the last 7 days. */
const FAILURES = /STATUS = 'FAILED'/i;
/** The read of the backup sets (their sizes). */
const SET_FILES = /OB_BACKUP_SET_FILES/i;

type Ok = Extract<FleetOverview['clusters'][number], { state: 'ok' }>;

describe('what the fleet overview reads', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ simulator: { seedHistory: 200 } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('the overview reads no backup destinations (it shows none); the tenants page still does', async () => {
    const a = await h.login('root', 'sys');
    for (let call = 0; call < 2; call++) {
      let overview: FleetOverview | undefined;
      const sent = await statementsOf(h, 'root@sys', async () => {
        overview = (await a.get(API.fleetOverview).expect(200)).body as FleetOverview;
      });
      const cluster = overview!.clusters[0]!;
      expect(cluster.state).toBe('ok');
      expect(cluster.state === 'ok' && cluster.tenants.length).toBeGreaterThan(0);
      expect(sent.length).toBeGreaterThan(0);
      expect(sent.filter((s) => DESTINATIONS.test(s))).toEqual([]);
    }
    const landing = await statementsOf(h, 'root@sys', () => a.get(`${C}/tenants`).expect(200));
    expect(landing.filter((s) => DESTINATIONS.test(s)).length).toBe(1);
  });
});

describe('what the fleet overview reads again', () => {
  let h: Harness;
  beforeAll(async () => {
    // Its own simulator and console: the finished-jobs index is per account, and must be new here.
    h = await startHarness({ simulator: { seedHistory: 200 } });
  });
  afterAll(async () => {
    await h.close();
  });

  it('after its first overview an account reads neither the failures nor the set sizes again, and a new failure is still counted', async () => {
    const a = await h.login('root', 'sys');
    const overview = async () => {
      let body: FleetOverview | undefined;
      const sent = await statementsOf(h, 'root@sys', async () => {
        body = (await a.get(API.fleetOverview).expect(200)).body as FleetOverview;
      });
      const c = body!.clusters[0]!;
      if (c.state !== 'ok') throw new Error(`the cluster should answer: ${JSON.stringify(c)}`);
      return { sent, cluster: c };
    };
    const failures = (c: Ok) => c.tenants.find((t) => t.name === 'mysql_tenant')!.failuresLast7Days;

    // A new sign-in's index is new: its first overview reads both.
    const first = await overview();
    expect(first.sent.filter((s) => FAILURES.test(s)).length).toBe(1);
    expect(first.sent.filter((s) => SET_FILES.test(s)).length).toBe(1);
    expect(first.cluster.tenants.some((t) => t.lastSuccessfulFull?.outputBytes)).toBe(true);

    const second = await overview();
    expect(second.sent.filter((s) => FAILURES.test(s) || SET_FILES.test(s))).toEqual([]);
    expect(second.cluster).toEqual(first.cluster);

    // A backup that fails now is counted from the rows the index reads anyway.
    await a
      .post(`${C}/backups`)
      .send({ type: 'full', tenants: ['mysql_tenant'] })
      .expect(202);
    advance(h.sim, 10);
    expect(h.sim.control.failNextTask('mysql_tenant', -4016, 'injected').applied).toBe('current');
    await runToEnd(h, a);
    const third = await overview();
    expect(third.sent.filter((s) => FAILURES.test(s))).toEqual([]);
    expect(failures(third.cluster)).toBe(failures(first.cluster) + 1);

    // A history replaced under the index (a rebuilt cluster) is read afresh, failures included.
    await h.sim.control.reset();
    const fourth = await overview();
    expect(fourth.sent.filter((s) => FAILURES.test(s)).length).toBe(1);
    expect(fourth.cluster.tenants.map((t) => t.failuresLast7Days)).toEqual(
      first.cluster.tenants.map((t) => t.failuresLast7Days),
    );
  });
});

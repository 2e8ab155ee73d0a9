import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type FleetHistoryPage, type FleetOverview } from '@obconsole/contracts';
import { HZ, SH, startHarness, type Harness } from '../testing/harness.js';

/** The fleet routes as the console serves them: over the browser session's own sign-ins. */
describe('the fleet pages in the console', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ clusters: 2, simulator: { seedHistory: 20 } });
  });
  afterAll(() => h.close());

  it('shows every cluster this browser is signed in to, and only those', async () => {
    const a = await h.login('root', 'sys', undefined, { cluster: HZ });
    const one = (await a.get(API.fleetOverview).expect(200)).body as FleetOverview;
    expect(one.clusters.map((c) => c.clusterId)).toEqual([HZ]);
    await h.login('root', 'sys', undefined, { cluster: SH, agent: a });
    const both = (await a.get(API.fleetOverview).expect(200)).body as FleetOverview;
    expect(both.clusters.map((c) => c.clusterId).sort()).toEqual([HZ, SH]);
    const sh = both.clusters.find((c) => c.clusterId === SH)!;
    expect(sh.state === 'ok' && sh.tenants.map((t) => t.name)).toEqual(['trade_tenant']);

    const page = (await a.get(API.fleetHistory).query({ limit: 200 }).expect(200))
      .body as FleetHistoryPage;
    expect(new Set(page.items.map((i) => i.clusterId))).toEqual(new Set([HZ, SH]));
    expect(
      page.items.filter((i) => i.clusterId === SH).every((i) => i.tenantName === 'trade_tenant'),
    ).toBe(true);
  });

  it('answers 401 to a browser signed in nowhere', async () => {
    const anonymous = h.agent();
    const res = await anonymous.get(API.fleetOverview).expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });
});

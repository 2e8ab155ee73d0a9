import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API, type FleetOverview } from '@obconsole/contracts';
import { C, startHarness, type Harness } from '../../testing/harness.js';
import { statementsOf } from '../../testing/statements.js';

/** Where a tenant's data backup destination is read from. */
const DESTINATIONS = /OB_BACKUP_PARAMETER/i;

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

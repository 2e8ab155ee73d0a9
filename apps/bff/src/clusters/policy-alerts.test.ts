import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Policy, PolicyRun } from '@obconsole/contracts';
import { HZ, startHarness, type Harness } from '../testing/harness.js';
import {
  Receivers,
  TEST_BOX,
  addRule,
  control,
  until,
} from '../features/alerts/alerts-rig.test-helpers.js';

/*
 * The composition root hands every recorded policy run to the alert engine: a run that leaves a
 * tenant without its backup opens policy_run_not_started on its own, with nobody watching.
 */
const rx = new Receivers();
beforeAll(() => rx.start());
afterAll(() => rx.stop());

let h: Harness;
beforeEach(async () => {
  rx.reset();
  h = await startHarness({ app: { secretBox: TEST_BOX, alerts: rx.settings() } });
});
afterEach(() => h.close());

describe('policy runs reach the alert engine', () => {
  it('a run refused for a tenant whose archiving stopped opens policy_run_not_started, and is sent', async () => {
    const hub = h.app.deps.alerts;
    const channels = await rx.channels(hub, HZ, ['webhook']);
    await addRule(hub, HZ, 'policy_run_not_started', channels);
    await control(h, '/archive', { tenant: 'mysql_tenant', action: 'stop' });

    const a = await h.login('root', 'sys');
    const created = await a
      .post(`/api/clusters/${HZ}/policies`)
      .send({
        name: 'nightly',
        tenants: ['mysql_tenant'],
        full: { cron: '0 2 * * *' },
        timeZone: 'UTC',
      })
      .expect(201);
    const policy = created.body as Policy;
    const ran = await a
      .post(`/api/clusters/${HZ}/policies/${policy.id}/run`)
      .send({ type: 'full' });
    expect(ran.status).toBeLessThan(300);
    const run = ran.body as PolicyRun;
    expect(run.tenants).toMatchObject([{ tenant: 'mysql_tenant', outcome: 'refused' }]);

    await until(() => rx.robots.requests.length >= 1);
    expect(rx.robots.requests[0]!.json).toMatchObject({
      event: 'opened',
      condition: { kind: 'policy_run_not_started', policy: 'nightly', outcome: 'refused' },
    });
  });
});

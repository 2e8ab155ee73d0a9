import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActiveJobsResponse } from '@obconsole/contracts';
import { C, HZ, startHarness, type EventStream, type Harness } from '../testing/harness.js';

/** Idle pollers that would not read again for ten minutes: only a poke can show a change. */
const quietHarness = (watchClusters: boolean) =>
  startHarness({
    simulator: { seedHistory: 5 },
    app: { watchClusters, pollIntervals: { activeMs: 100, idleMs: 600_000 } },
  });

/** The jobs of every `active` snapshot the stream received, in order. */
const snapshots = (stream: EventStream) =>
  stream
    .events()
    .filter((e) => e.event === 'active')
    .map((e) => (JSON.parse(e.data) as ActiveJobsResponse).jobs);

/**
 * The cluster's job watcher runs under the service account; what it notices, every signed-in
 * user's live stream shows at once, read under that user's own account.
 */
describe('the job watcher and the live streams', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await quietHarness(true);
  });
  afterAll(() => h.close());

  it('shows a backup started outside the console (obclient) without waiting for the idle interval', async () => {
    const watcher = h.app.deps.clusters.get(HZ)!.watcher!;
    expect(watcher).not.toBeNull();
    await watcher.tick();
    const a = await h.login('root', 'sys');
    const stream = h.events(a, HZ);
    try {
      const jobs = () => snapshots(stream);
      await expect.poll(() => jobs().length).toBeGreaterThan(0);
      expect(jobs().at(-1)).toEqual([]);
      const obclient = await h.sql('root', 'sys');
      await obclient.query('ALTER SYSTEM BACKUP TENANT = mysql_tenant');
      await watcher.tick();
      await expect
        .poll(() => jobs().some((js) => js.some((j) => j.tenantName === 'mysql_tenant')), {
          timeout: 20_000,
        })
        .toBe(true);
    } finally {
      stream.close();
    }
  });
});

/** A start through the console is news for everyone watching the cluster, not only its starter. */
describe('a start and the other live streams', () => {
  let h: Harness;
  beforeAll(async () => {
    // No watcher at all.
    h = await quietHarness(false);
  });
  afterAll(() => h.close());

  it('shows a backup one person starts in the console on everyone else’s stream at once, before any watcher round', async () => {
    const support = await h.login('support', 'sys');
    const stream = h.events(support, HZ);
    try {
      const jobs = () => snapshots(stream);
      await expect.poll(() => jobs().length).toBeGreaterThan(0);
      const seen = jobs().length;
      const operator = await h.login('root', 'sys');
      const started = await operator
        .post(`${C}/backups`)
        .send({ type: 'full', tenants: ['oracle_tenant'] });
      expect(started.status, started.text).toBe(202);
      // No watcher tick here, and support's idle poller would wait ten minutes: the start itself
      // tells every poller of the cluster to read.
      await expect
        .poll(
          () =>
            jobs()
              .slice(seen)
              .some((js) => js.some((j) => j.tenantName === 'oracle_tenant')),
          { timeout: 20_000 },
        )
        .toBe(true);
    } finally {
      stream.close();
    }
  });
});

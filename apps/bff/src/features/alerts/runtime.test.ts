import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AlertConfigStore, IncidentStore, SqlOutbox } from '@obconsole/store';
import type { HistoryItem } from '@obconsole/contracts';
import { createLogger } from '../../lib/logger.js';
import { tempStore, type TempStore } from '../../testing/store.js';
import type { JobWatcher, JobWatcherEvent } from '../jobs/watcher.js';
import { OutboundPolicy } from './channels/allowed-hosts.js';
import { sendToChannel } from './channels/send.js';
import type { AlertMessage, Condition } from './channels/types.js';
import { Receivers, TEST_BOX, addRule } from './alerts-rig.test-helpers.js';
import { ClusterAlerts } from './runtime.js';

const rx = new Receivers();
beforeAll(() => rx.start());
afterAll(() => rx.stop());

/** A watcher that reports what the test emits. */
function fakeWatcher() {
  const listeners = new Set<(e: JobWatcherEvent) => void>();
  const w = {
    subscribe: (l: (e: JobWatcherEvent) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    running: () => [],
  };
  return {
    watcher: w as unknown as JobWatcher,
    emit: (e: JobWatcherEvent) => listeners.forEach((l) => l(e)),
  };
}

const failed = {
  tenantId: 1002,
  tenantName: 'mysql_tenant',
  jobId: 41,
  level: 'USER_TENANT',
  type: 'full',
  status: 'FAILED',
  result: -4016,
  comment: 'internal error',
  startTime: '2026-12-02T01:00:00.000Z',
  endTime: '2026-12-02T01:10:00.000Z',
} as unknown as HistoryItem;

describe('cluster alerting', () => {
  let db: TempStore;
  let alerts: ClusterAlerts;
  beforeEach(async () => {
    rx.reset();
    db = await tempStore();
  });
  afterEach(async () => {
    await alerts.stop();
    await db.cleanup();
  });

  it('keeps a job end that arrived while the store failed, and sends it once the store answers again', async () => {
    const config = new AlertConfigStore(db.store, TEST_BOX);
    const incidents = new IncidentStore<Condition>(db.store);
    let down = true;
    // The store fails while `down`, as a database that went away would.
    const flaky = new Proxy(incidents, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (typeof v !== 'function') return v;
        return (...args: unknown[]) =>
          down
            ? Promise.reject(new Error('store unavailable'))
            : (v as (...a: unknown[]) => unknown).apply(target, args);
      },
    });
    const { watcher, emit } = fakeWatcher();
    const policy = new OutboundPolicy(['127.0.0.1']);
    alerts = new ClusterAlerts({
      cluster: { id: 'obcluster-hz', name: 'hz' },
      config,
      incidents: flaky,
      outbox: new SqlOutbox<AlertMessage>(db.store),
      send: (m, ch) => sendToChannel(m, ch, { policy, timeoutMs: 2000 }),
      links: () => null,
      now: Date.now,
      log: createLogger('silent'),
      watcher,
      serviceContext: () => Promise.resolve(null),
      intervals: { healthMs: 3_600_000, outboxMs: 3_600_000, remindMs: 3_600_000 },
    });
    const channels = await rx.channels(
      { config } as Parameters<typeof rx.channels>[0],
      'obcluster-hz',
      ['webhook'],
    );
    await addRule(
      { config } as Parameters<typeof addRule>[0],
      'obcluster-hz',
      'backup_failed',
      channels,
    );
    alerts.start();
    emit({
      type: 'job.finished',
      clusterId: 'obcluster-hz',
      at: '',
      job: failed,
      seenRunning: true,
    });
    await expect(alerts.checkHealth()).rejects.toThrow('store unavailable');
    expect(rx.robots.requests).toHaveLength(0);

    down = false;
    await alerts.checkHealth();
    await rx.robots.received(1);
    expect(rx.robots.requests[0]!.json).toMatchObject({
      event: 'opened',
      condition: { kind: 'backup_failed', job: { jobId: 41, result: -4016 } },
    });
    await alerts.checkHealth();
    expect(rx.robots.requests).toHaveLength(1);
  });
});

import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JobWatcherEvent } from '../jobs/watcher.js';
import { advance, startHarness, type Harness } from '../../testing/harness.js';
import { verifyWebhook } from './channels/webhook.js';
import {
  Receivers,
  SECRETS,
  TEST_BOX,
  addRule,
  alertsOf,
  control,
  until,
} from './alerts-rig.test-helpers.js';

/*
 * Detection end to end, with nobody signed in: the console's job watcher and service account
 * against a simulator, channels on local receivers, the simulator driven through its control
 * API. Nothing waits on wall-clock time: the simulator's clock and the console's are moved by
 * hand, and each step waits for the condition it needs.
 */

const rx = new Receivers();
beforeAll(() => rx.start());
afterAll(() => rx.stop());

let h: Harness;
let events: JobWatcherEvent[];

async function harness(over: Parameters<typeof rx.settings>[0] = {}) {
  h = await startHarness({
    app: { watchClusters: true, secretBox: TEST_BOX, alerts: rx.settings(over) },
  });
  events = [];
  const w = h.cluster().watcher!;
  w.subscribe((e) => events.push(e));
  // The watcher's first poll is its baseline: what ends after it is news.
  await w.tick();
}

beforeEach(() => rx.reset());
afterEach(async () => {
  await h?.close();
});

const finishedJobs = (status: string) =>
  events.filter(
    (e) => e.type === 'job.finished' && e.job.level === 'USER_TENANT' && e.job.status === status,
  );

/** Starts a backup of mysql_tenant as someone at obclient would, and runs it to its end. */
async function backupEnds(status: 'FAILED' | 'COMPLETED' | 'CANCELED', cancel = false) {
  const seen = finishedJobs(status).length;
  if (status === 'FAILED')
    await control(h, '/faults/fail-next-task', {
      tenant: 'mysql_tenant',
      result: -4016,
      comment: 'injected by the test',
    });
  const c = await h.sql();
  await c.query('ALTER SYSTEM BACKUP TENANT = mysql_tenant');
  if (cancel) {
    advance(h.sim, 5);
    await c.query('ALTER SYSTEM CANCEL BACKUP TENANT = mysql_tenant');
  }
  await until(() => {
    advance(h.sim, 30);
    return finishedJobs(status).length > seen;
  });
}

describe('alerts with nobody signed in', () => {
  it('an injected task failure sends exactly one backup_failed message on each channel, in its format and signed where it signs; the next success sends "resolved"', async () => {
    await harness();
    const hub = h.app.deps.alerts;
    const channels = await rx.channels(hub, h.clusterIds[0]!, [
      'webhook',
      'slack',
      'dingtalk',
      'feishu',
      'wecom',
      'email',
    ]);
    await addRule(hub, h.clusterIds[0]!, 'backup_failed', channels);

    await backupEnds('FAILED');
    await until(() => rx.total() >= 6);
    const byPath = (p: string) => rx.robots.requests.filter((r) => r.url.startsWith(p));
    const [hook] = byPath('/hook');
    expect(byPath('/hook')).toHaveLength(1);
    const body = hook!.json as Record<string, unknown>;
    expect(body).toMatchObject({ event: 'opened', rule: { kind: 'backup_failed' } });
    expect(body.tenant).toMatchObject({ name: 'mysql_tenant' });
    // Why, as the history detail says it: OceanBase's code and the task's comment.
    expect(hook!.body).toContain('-4016');
    expect(hook!.body).toContain('injected by the test');
    const sig = String(hook!.headers['x-obconsole-signature']);
    const t = Number(/t=(\d+)/.exec(sig)![1]);
    expect(verifyWebhook(SECRETS.webhook, hook!.body, sig, t)).toBe(true);
    expect(verifyWebhook('another-secret', hook!.body, sig, t)).toBe(false);

    const [ding] = byPath('/robot/send');
    expect(byPath('/robot/send')).toHaveLength(1);
    expect(ding!.url).toMatch(/timestamp=\d+&sign=/);
    expect(ding!.json).toMatchObject({ msgtype: 'markdown' });
    expect(ding!.body).toContain('mysql_tenant');
    const [feishu] = byPath('/open-apis');
    expect(byPath('/open-apis')).toHaveLength(1);
    expect(feishu!.json).toMatchObject({ msg_type: 'post' });
    expect((feishu!.json as { sign?: string }).sign).toMatch(/.+/);
    const [wecom] = byPath('/cgi-bin');
    expect(byPath('/cgi-bin')).toHaveLength(1);
    expect(wecom!.json).toMatchObject({ msgtype: 'markdown' });
    expect(rx.slack.requests).toHaveLength(1);
    expect(JSON.stringify(rx.slack.requests[0]!.json)).toContain('mysql_tenant');
    expect(rx.smtp.mails).toHaveLength(1);
    expect(rx.smtp.mails[0]!.to).toEqual(['oncall@example.com']);
    expect(rx.smtp.mails[0]!.raw).toContain('mysql_tenant');

    const incidents = await hub.incidents.list(h.clusterIds[0]!, 'open', 10);
    expect(incidents).toHaveLength(1);

    await backupEnds('COMPLETED');
    await until(() => rx.total() >= 12);
    const resolved = byPath('/hook')[1]!.json as Record<string, unknown>;
    expect(resolved).toMatchObject({ event: 'resolved', resolution: { by: 'backup_succeeded' } });
    expect(rx.slack.requests).toHaveLength(2);
    expect(rx.smtp.mails).toHaveLength(2);
    expect(await hub.incidents.list(h.clusterIds[0]!, 'open', 10)).toHaveLength(0);
    // Exactly one of each: nothing more is due.
    await alertsOf(h).worker.tick();
    expect(rx.total()).toBe(12);
  });

  it('a cancelled job sends nothing while backup_canceled is off, and one message once it is on', async () => {
    await harness();
    const hub = h.app.deps.alerts;
    const cluster = h.clusterIds[0]!;
    const [hook] = await rx.channels(hub, cluster, ['webhook']);
    await addRule(hub, cluster, 'backup_failed', [hook!]);
    await backupEnds('CANCELED', true);
    // The engine has seen the cancel when its incident store has been asked; nothing opened.
    await alertsOf(h).observe({ kind: 'active_jobs', jobs: [] });
    expect(await hub.incidents.list(cluster, 'all', 10)).toEqual([]);
    expect(rx.robots.requests).toHaveLength(0);

    await addRule(hub, cluster, 'backup_canceled', [hook!]);
    await backupEnds('CANCELED', true);
    await until(() => rx.robots.requests.length >= 1);
    expect(rx.robots.requests[0]!.json).toMatchObject({ rule: { kind: 'backup_canceled' } });
    await alertsOf(h).worker.tick();
    expect(rx.robots.requests).toHaveLength(1);
  });

  it('a receiver down for a minute gets the message afterwards, once (the console clock is moved, not waited for)', async () => {
    await harness();
    const hub = h.app.deps.alerts;
    const cluster = h.clusterIds[0]!;
    const [hook] = await rx.channels(hub, cluster, ['webhook']);
    await addRule(hub, cluster, 'backup_failed', [hook!]);
    const port = rx.robots.port;
    await rx.robots.stop();
    try {
      await backupEnds('FAILED');
      await until(async () => (await hub.outbox.deliveries(cluster, 10)).length >= 1);
      const [first] = await hub.outbox.deliveries(cluster, 10);
      expect(first).toMatchObject({ ok: false, attempt: 1 });
      // Not due yet: a retry waits for its backoff.
      expect(await alertsOf(h).worker.tick()).toBe(0);
      for (let s = 0; s < 60; s += 15) {
        h.clock.advance(15_000);
        await alertsOf(h).worker.tick();
      }
      expect(rx.robots.requests).toHaveLength(0);
    } finally {
      await rx.robots.start(port);
    }
    h.clock.advance(60_000);
    await alertsOf(h).worker.tick();
    expect(rx.robots.requests).toHaveLength(1);
    h.clock.advance(3_600_000);
    await alertsOf(h).worker.tick();
    expect(rx.robots.requests).toHaveLength(1);
    expect(await hub.outbox.pending(cluster)).toBe(0);
    const log = await hub.outbox.deliveries(cluster, 20);
    expect(log[0]).toMatchObject({ ok: true, status: 200 });
    expect(log.filter((d) => !d.ok).length).toBeGreaterThanOrEqual(2);
  });
});

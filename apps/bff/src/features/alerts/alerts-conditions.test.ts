import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildServices } from '../../composition.js';
import type { AppDeps } from '../../lib/deps.js';
import { advance, startHarness, type Harness } from '../../testing/harness.js';
import {
  Receivers,
  TEST_BOX,
  addRule,
  alertsOf,
  control,
  until,
} from './alerts-rig.test-helpers.js';

/*
 * The conditions that are not a job's end, and a restart with messages waiting: the console's
 * clock (the harness's manual one) decides what is overdue, the simulator's control API stops
 * and resumes archiving, and nobody signs in.
 */

const rx = new Receivers();
beforeAll(() => rx.start());
afterAll(() => rx.stop());

let h: Harness;
let second: AppDeps | null = null;
beforeEach(async () => {
  rx.reset();
  h = await startHarness({
    app: { watchClusters: true, secretBox: TEST_BOX, alerts: rx.settings() },
  });
  await h.cluster().watcher!.tick();
});
afterEach(async () => {
  await second?.close();
  second = null;
  await h.close();
});

const events = () =>
  rx.robots.requests.map((r) => {
    const j = r.json as { event: string; rule: { kind: string } | null };
    return `${j.rule?.kind}:${j.event}`;
  });

async function setUp(kind: string, params: Record<string, unknown> = {}) {
  const hub = h.app.deps.alerts;
  const cluster = h.clusterIds[0]!;
  const channels = await rx.channels(hub, cluster, ['webhook']);
  await addRule(hub, cluster, kind, channels, params);
  return { hub, cluster, alerts: alertsOf(h) };
}

/** Starts a full backup of mysql_tenant from obclient and waits until the watcher sees it run. */
async function startBackup() {
  const c = await h.sql();
  await c.query('ALTER SYSTEM BACKUP TENANT = mysql_tenant');
  const w = h.cluster().watcher!;
  await until(async () => {
    await w.tick();
    return w.running().some((j) => j.level === 'USER_TENANT');
  });
}

async function runToEnd() {
  const w = h.cluster().watcher!;
  await until(async () => {
    advance(h.sim, 30);
    await w.tick();
    return !w.running().some((j) => j.level === 'USER_TENANT') && w.held().length === 0;
  });
}

describe('alert conditions, with the console clock driven by the test', () => {
  it('no_success opens when a tenant never had a successful backup in N hours, resolves on its next success, and opens again once it is N hours old', async () => {
    const { alerts } = await setUp('no_success', { hours: 1 });
    await alerts.checkHealth();
    // Both user tenants have never been backed up.
    await until(() => rx.robots.requests.length >= 2);
    expect(events()).toEqual(['no_success:opened', 'no_success:opened']);
    const tenants = rx.robots.requests.map(
      (r) => (r.json as { tenant: { name: string } }).tenant.name,
    );
    expect(tenants.sort()).toEqual(['mysql_tenant', 'oracle_tenant']);

    await startBackup();
    await runToEnd();
    await until(() => rx.robots.requests.length >= 3);
    expect(rx.robots.requests[2]!.json).toMatchObject({
      event: 'resolved',
      tenant: { name: 'mysql_tenant' },
      resolution: { by: 'backup_succeeded' },
    });
    await alerts.checkHealth();
    expect(rx.robots.requests).toHaveLength(3);

    h.clock.advance(2 * 3_600_000);
    await alerts.checkHealth();
    await until(() => rx.robots.requests.length >= 4);
    expect(rx.robots.requests[3]!.json).toMatchObject({
      event: 'opened',
      tenant: { name: 'mysql_tenant' },
      condition: { kind: 'no_success', of: 'any', limit: 1 },
    });
  });

  it('backup_slow opens once a running job passes N minutes on the console clock, and resolves when the job ends', async () => {
    const { alerts } = await setUp('backup_slow', { minutes: 30 });
    await startBackup();
    await alerts.checkHealth();
    expect(rx.robots.requests).toHaveLength(0);
    h.clock.advance(31 * 60_000);
    await alerts.checkHealth();
    await until(() => rx.robots.requests.length >= 1);
    expect(rx.robots.requests[0]!.json).toMatchObject({
      event: 'opened',
      condition: { kind: 'backup_slow', limitMinutes: 30 },
    });
    await alerts.checkHealth();
    expect(rx.robots.requests).toHaveLength(1);
    await runToEnd();
    await until(() => rx.robots.requests.length >= 2);
    expect(rx.robots.requests[1]!.json).toMatchObject({
      event: 'resolved',
      resolution: { by: 'job_ended', status: 'COMPLETED' },
    });
  });

  it('archive stopped through the simulator control API opens archive_not_doing; resumed, it resolves', async () => {
    const { alerts, hub, cluster } = await setUp('archive_not_doing');
    await alerts.checkHealth();
    expect(rx.robots.requests).toHaveLength(0);
    await control(h, '/archive', { tenant: 'mysql_tenant', action: 'stop' });
    // STOPPING, then STOP a moment later on the simulator's clock.
    await until(async () => {
      advance(h.sim, 2);
      await alerts.checkHealth();
      return rx.robots.requests.length >= 1;
    });
    expect(rx.robots.requests[0]!.json).toMatchObject({
      event: 'opened',
      tenant: { name: 'mysql_tenant' },
      condition: { kind: 'archive_not_doing', archiveStatus: 'STOP' },
    });
    await control(h, '/archive', { tenant: 'mysql_tenant', action: 'resume' });
    await until(async () => {
      advance(h.sim, 10);
      await alerts.checkHealth();
      return (await hub.incidents.openOf(cluster)).length === 0;
    });
    await until(() => rx.robots.requests.length >= 2);
    expect(events()).toEqual(['archive_not_doing:opened', 'archive_not_doing:resolved']);
  });

  it('archive_lag opens when the checkpoint falls more than N seconds behind the console clock, and resolves once it catches up', async () => {
    const { alerts, hub, cluster } = await setUp('archive_lag', { seconds: 600 });
    await alerts.checkHealth();
    expect(await hub.incidents.openOf(cluster)).toEqual([]);
    // The console's clock runs an hour ahead of the archive's checkpoint.
    h.clock.advance(3_600_000);
    await alerts.checkHealth();
    await until(() => rx.robots.requests.length >= 2);
    const opened = rx.robots.requests.map(
      (r) => r.json as { tenant: { name: string }; condition: { lagSeconds: number } },
    );
    expect(opened.map((o) => o.tenant.name).sort()).toEqual(['mysql_tenant', 'oracle_tenant']);
    expect(opened.every((o) => o.condition.lagSeconds >= 3600)).toBe(true);
    // The archive catches up: the simulator's clock (and its checkpoint) moves on an hour.
    advance(h.sim, 3_600, 60);
    await alerts.checkHealth();
    await until(() => rx.robots.requests.length >= 4);
    expect(events().slice(2)).toEqual(['archive_lag:resolved', 'archive_lag:resolved']);
  });

  it('a policy run that missed a tenant opens policy_run_not_started; the next run that starts resolves it', async () => {
    const { alerts } = await setUp('policy_run_not_started');
    await h.app.deps.alerts.observePolicyRun(h.clusterIds[0]!, {
      policy: 'nightly',
      slot: '2026-12-02T02:00:00.000Z',
      tenants: [{ tenant: 'mysql_tenant', outcome: 'missed', reason: 'the console was down' }],
    });
    await until(() => rx.robots.requests.length >= 1);
    expect(rx.robots.requests[0]!.json).toMatchObject({
      event: 'opened',
      condition: { kind: 'policy_run_not_started', policy: 'nightly', outcome: 'missed' },
    });
    await alerts.observePolicyRun({
      policy: 'nightly',
      slot: '2026-12-03T02:00:00.000Z',
      tenants: [{ tenant: 'mysql_tenant', outcome: 'started' }],
    });
    await until(() => rx.robots.requests.length >= 2);
    expect(events()).toEqual(['policy_run_not_started:opened', 'policy_run_not_started:resolved']);
  });

  it('an open incident reminds every N minutes of the console clock, each reminder once, and stops when it resolves', async () => {
    const hub = h.app.deps.alerts;
    const cluster = h.clusterIds[0]!;
    const channels = await rx.channels(hub, cluster, ['webhook']);
    await addRule(hub, cluster, 'policy_run_not_started', channels, {}, { remindEveryMinutes: 30 });
    const alerts = alertsOf(h);
    const run = (outcome: 'missed' | 'started') =>
      alerts.observePolicyRun({
        policy: 'nightly',
        slot: '2026-12-02T02:00:00.000Z',
        tenants: [{ tenant: 'mysql_tenant', outcome }],
      });
    await run('missed');
    await until(() => rx.robots.requests.length >= 1);
    await alerts.engine.remind();
    h.clock.advance(29 * 60_000);
    await alerts.engine.remind();
    expect(rx.robots.requests).toHaveLength(1);
    h.clock.advance(2 * 60_000);
    await alerts.engine.remind();
    await alerts.engine.remind();
    await until(() => rx.robots.requests.length >= 2);
    const reminder = rx.robots.requests[1]!.json as { id: string; event: string };
    expect(reminder.event).toBe('reminder');
    expect(reminder.id).toMatch(/:reminder:1$/);
    await run('started');
    await until(() => rx.robots.requests.length >= 3);
    h.clock.advance(60 * 60_000);
    await alerts.engine.remind();
    expect(events()).toEqual([
      'policy_run_not_started:opened',
      'policy_run_not_started:reminder',
      'policy_run_not_started:resolved',
    ]);
  });

  it('a console restarted with messages in its outbox sends each once', async () => {
    const hub = h.app.deps.alerts;
    const cluster = h.clusterIds[0]!;
    const channels = await rx.channels(hub, cluster, ['webhook', 'wecom']);
    await addRule(hub, cluster, 'archive_not_doing', channels);
    const port = rx.robots.port;
    await rx.robots.stop();
    await control(h, '/archive', { tenant: 'mysql_tenant', action: 'stop' });
    await until(async () => {
      advance(h.sim, 2);
      await alertsOf(h).checkHealth();
      return (await hub.outbox.deliveries(cluster, 10)).length >= 2;
    });
    expect(await hub.outbox.pending(cluster)).toBe(2);
    // The first console goes away with both messages still to send.
    await hub.close();
    await rx.robots.start(port);
    h.clock.advance(10_000);
    second = buildServices({
      ...h.app.deps.options,
      watchClusters: false,
      alerts: rx.settings(),
    });
    const fresh = second.alerts.of(cluster)!;
    await until(() => rx.robots.requests.length >= 2);
    h.clock.advance(3_600_000);
    await fresh.worker.tick();
    expect(rx.robots.requests).toHaveLength(2);
    expect(rx.robots.requests.map((r) => r.url).sort()).toEqual([
      '/cgi-bin/webhook/send?key=wecomkey01234567',
      '/hook',
    ]);
    expect(await second.alerts.outbox.pending(cluster)).toBe(0);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { C, findSecretLeaks, startHarness, type Harness } from '../../testing/harness.js';
import { Receivers, TEST_BOX } from './alerts-rig.test-helpers.js';

/*
 * The alerts API over HTTP against the simulator: who may read and change what, secrets that
 * never come back, the test message with the receiver's answer, and an audit event per change.
 */

const rx = new Receivers();
beforeAll(() => rx.start());
afterAll(() => rx.stop());

let h: Harness;
afterEach(async () => {
  await h?.close();
  rx.reset();
});

const HOOK_SECRET = 'whsec-routes-0123456789';
const DING_TOKEN = 'dingtoken-routes-0123456789';

async function admin(over: Parameters<typeof rx.settings>[0] = {}) {
  h = await startHarness({
    app: { secretBox: TEST_BOX, alerts: rx.settings({ start: false, ...over }) },
  });
  return h.login('root', 'sys');
}

describe('alerts API', () => {
  it('creates channels and rules for a sys operator, masks every URL token and secret, and records each change without them', async () => {
    const a = await admin();
    const hook = await a
      .post(`${C}/alerts/channels`)
      .send({ kind: 'webhook', name: 'ops hook', url: rx.robots.url('/hook'), secret: HOOK_SECRET })
      .expect(201);
    expect(hook.body).toMatchObject({ kind: 'webhook', name: 'ops hook', hasSecret: true });
    expect(hook.body).not.toHaveProperty('secret');
    const dingUrl = rx.robots.url(`/robot/send?access_token=${DING_TOKEN}`);
    const ding = await a
      .post(`${C}/alerts/channels`)
      .send({ kind: 'dingtalk', name: 'ding', url: dingUrl, secret: 'SECding0123456789' })
      .expect(201);
    expect(ding.body.url).toBe(`http://127.0.0.1:${rx.robots.port}/robot/send?access_token=••••`);
    const mail = await a
      .post(`${C}/alerts/channels`)
      .send({ kind: 'email', name: 'oncall', to: ['oncall@example.com'], language: 'zh-CN' })
      .expect(201);
    expect(mail.body).toMatchObject({ to: ['oncall@example.com'], language: 'zh-CN' });

    const list = await a.get(`${C}/alerts/channels`).expect(200);
    expect(list.body.channels.map((c: { name: string }) => c.name)).toEqual([
      'ding',
      'oncall',
      'ops hook',
    ]);

    const rule = await a
      .post(`${C}/alerts/rules`)
      .send({
        kind: 'backup_failed',
        name: 'failed',
        channels: [hook.body.id, ding.body.id],
        remindEveryMinutes: 30,
      })
      .expect(201);
    expect(rule.body).toMatchObject({
      kind: 'backup_failed',
      tenants: 'all',
      severity: 'warning',
      enabled: true,
      mutedUntil: null,
    });
    const muted = await a
      .patch(`${C}/alerts/rules/${rule.body.id}`)
      .send({ mutedUntil: '2030-01-01T00:00:00.000Z', severity: 'critical' })
      .expect(200);
    expect(muted.body).toMatchObject({
      mutedUntil: '2030-01-01T00:00:00.000Z',
      severity: 'critical',
      // What the change did not name stays as it was.
      channels: [hook.body.id, ding.body.id],
      remindEveryMinutes: 30,
    });
    const rules = await a.get(`${C}/alerts/rules`).expect(200);
    expect(rules.body.rules).toHaveLength(1);

    // A new secret and URL: the response and the audit trail say only that they changed.
    await a
      .patch(`${C}/alerts/channels/${hook.body.id}`)
      .send({ secret: `${HOOK_SECRET}-new`, url: rx.robots.url('/hook2') })
      .expect(200);

    const { events } = await h.app.deps.audit.trail.page({
      clusters: [h.clusterIds[0]!],
      limit: 50,
    });
    const actions = events.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'channel_create',
        'alert_rule_create',
        'alert_rule_update',
        'channel_update',
      ]),
    );
    const update = events.find((e) => e.action === 'channel_update')!;
    expect(update.details).toMatchObject({ change: { secret: 'changed', url: 'changed' } });
    const trail = JSON.stringify(events);
    expect(trail).not.toContain(HOOK_SECRET);
    expect(trail).not.toContain(DING_TOKEN);
    expect(
      findSecretLeaks(h, [HOOK_SECRET, `${HOOK_SECRET}-new`, DING_TOKEN, 'SECding0123456789']),
    ).toEqual([]);
  });

  it('refuses a rule naming an unknown channel, an incomplete rule and a channel still in use, each with what to fix', async () => {
    const a = await admin();
    const unknown = await a
      .post(`${C}/alerts/rules`)
      .send({ kind: 'backup_failed', name: 'f', channels: ['no-such-channel'] })
      .expect(400);
    expect(unknown.body.error.code).toBe('VALIDATION_FAILED');
    expect(unknown.body.error.message).toContain('"no-such-channel"');
    const slow = await a
      .post(`${C}/alerts/rules`)
      .send({ kind: 'backup_slow', name: 'slow' })
      .expect(400);
    expect(slow.body.error.message).toContain('backup_slow needs minutes');
    const hook = await a
      .post(`${C}/alerts/channels`)
      .send({ kind: 'webhook', name: 'h', url: rx.robots.url('/hook') })
      .expect(201);
    const rule = await a
      .post(`${C}/alerts/rules`)
      .send({ kind: 'no_success', name: 'ns', params: { days: 2 }, channels: [hook.body.id] })
      .expect(201);
    // A change must leave a complete rule: no_success with both days and hours is not one.
    const both = await a
      .patch(`${C}/alerts/rules/${rule.body.id}`)
      .send({ params: { days: 2, hours: 3 } })
      .expect(400);
    expect(both.body.error.message).toContain('either days');
    const inUse = await a.delete(`${C}/alerts/channels/${hook.body.id}`).expect(400);
    expect(inUse.body.error.message).toContain('"ns"');
    const dup = await a
      .post(`${C}/alerts/channels`)
      .send({ kind: 'webhook', name: 'h', url: rx.robots.url('/other') })
      .expect(400);
    expect(dup.body.error.message).toContain('already exists');
    await a.delete(`${C}/alerts/rules/${rule.body.id}`).expect(204);
    await a.delete(`${C}/alerts/channels/${hook.body.id}`).expect(204);
    await a.delete(`${C}/alerts/channels/${hook.body.id}`).expect(404);
  });

  it('refuses internal targets unless ALERTS_ALLOWED_HOSTS lists them, and email channels without an SMTP server', async () => {
    const a = await admin({ allowedHosts: [], smtp: undefined });
    const res = await a
      .post(`${C}/alerts/channels`)
      .send({ kind: 'webhook', name: 'h', url: 'http://127.0.0.1:9/hook' })
      .expect(400);
    expect(res.body.error.message).toContain('ALERTS_ALLOWED_HOSTS');
    const meta = await a
      .post(`${C}/alerts/channels`)
      .send({ kind: 'slack', name: 's', url: 'http://169.254.169.254/latest/meta-data' })
      .expect(400);
    expect(meta.body.error.message).toContain('internal address');
    const mail = await a
      .post(`${C}/alerts/channels`)
      .send({ kind: 'email', name: 'm', to: ['a@example.com'] })
      .expect(400);
    expect(mail.body.error.message).toContain('SMTP_HOST');
  });

  it('sends a test message and shows the receiver’s answer, also when the receiver refuses it', async () => {
    const a = await admin();
    const hook = await a
      .post(`${C}/alerts/channels`)
      .send({ kind: 'webhook', name: 'h', url: rx.robots.url('/hook'), secret: HOOK_SECRET })
      .expect(201);
    rx.robots.answer = { status: 200, body: 'received, thanks' };
    const ok = await a.post(`${C}/alerts/channels/${hook.body.id}/test`).expect(200);
    expect(ok.body).toMatchObject({
      ok: true,
      status: 200,
      response: 'received, thanks',
      error: '',
    });
    expect(rx.robots.requests.at(-1)!.json).toMatchObject({ event: 'test' });
    rx.robots.answer = { status: 403, body: 'bad signature' };
    const refused = await a.post(`${C}/alerts/channels/${hook.body.id}/test`).expect(200);
    expect(refused.body).toMatchObject({ ok: false, status: 403, response: 'bad signature' });
    const { events } = await h.app.deps.audit.trail.page({
      clusters: [h.clusterIds[0]!],
      action: 'channel_test',
      limit: 10,
    });
    expect(events.map((e) => e.outcome).sort()).toEqual(['failure', 'success']);
  });

  it('lets a read-only sys account read rules, channels and deliveries but change nothing, and a tenant account see only its incidents', async () => {
    const a = await admin();
    const hook = await a
      .post(`${C}/alerts/channels`)
      .send({ kind: 'webhook', name: 'h', url: rx.robots.url('/hook'), secret: HOOK_SECRET })
      .expect(201);
    const support = await h.login('support', 'sys');
    await support.get(`${C}/alerts/channels`).expect(200);
    await support.get(`${C}/alerts/rules`).expect(200);
    await support.get(`${C}/alerts/deliveries`).expect(200);
    await support.get(`${C}/alerts/incidents?state=all`).expect(200);
    const refused = await support
      .post(`${C}/alerts/rules`)
      .send({ kind: 'backup_failed', name: 'x' })
      .expect(403);
    expect(refused.body.error.message).toContain('ALTER SYSTEM');
    await support.delete(`${C}/alerts/channels/${hook.body.id}`).expect(403);

    const tenant = await h.login('root', 'mysql_tenant');
    await tenant.get(`${C}/alerts/channels`).expect(403);
    await tenant.post(`${C}/alerts/channels`).send({ kind: 'webhook', name: 'x' }).expect(403);
    const mine = await tenant.get(`${C}/alerts/incidents`).expect(200);
    expect(mine.body).toEqual({ incidents: [] });
    await tenant.get(`${C}/alerts/incidents?state=sometimes`).expect(400);
    await h.agent().get(`${C}/alerts/incidents`).expect(401);
  });

  it('lists incidents by state with their rule, and the delivery log per channel', async () => {
    const a = await admin();
    const hook = await a
      .post(`${C}/alerts/channels`)
      .send({ kind: 'webhook', name: 'h', url: rx.robots.url('/hook') })
      .expect(201);
    const rule = await a
      .post(`${C}/alerts/rules`)
      .send({ kind: 'no_success', name: 'never', params: { days: 1 }, channels: [hook.body.id] })
      .expect(201);
    // No backup ever ran on the simulator: the health read opens the incident.
    await h.app.deps.alerts.of(h.clusterIds[0]!)!.checkHealth();
    const open = await a.get(`${C}/alerts/incidents`).expect(200);
    expect(open.body.incidents.length).toBeGreaterThanOrEqual(1);
    expect(open.body.incidents[0]).toMatchObject({
      ruleId: rule.body.id,
      ruleName: 'never',
      kind: 'no_success',
      resolvedAt: null,
    });
    const resolved = await a.get(`${C}/alerts/incidents?state=resolved`).expect(200);
    expect(resolved.body.incidents).toEqual([]);
    const log = await a.get(`${C}/alerts/deliveries?channelId=${hook.body.id}`).expect(200);
    expect(log.body.deliveries.length).toBe(open.body.incidents.length);
    expect(log.body.deliveries[0]).toMatchObject({ channelId: hook.body.id, ok: true, attempt: 1 });
    const tenant = await h.login('root', 'mysql_tenant');
    const mine = await tenant.get(`${C}/alerts/incidents`).expect(200);
    expect(mine.body.incidents.map((i: { tenant: { name: string } }) => i.tenant.name)).toEqual([
      'mysql_tenant',
    ]);
    // Deleting the rule closes its incidents, quietly.
    const before = rx.robots.requests.length;
    await a.delete(`${C}/alerts/rules/${rule.body.id}`).expect(204);
    expect((await a.get(`${C}/alerts/incidents`).expect(200)).body.incidents).toEqual([]);
    expect(rx.robots.requests.length).toBe(before);
  });

  it('answers 503 STORE_UNAVAILABLE when the console store cannot be used', async () => {
    const a = await admin();
    await h.store.store.close();
    const res = await a.get(`${C}/alerts/rules`).expect(503);
    expect(res.body.error.code).toBe('STORE_UNAVAILABLE');
    const write = await a
      .post(`${C}/alerts/rules`)
      .send({ kind: 'backup_failed', name: 'x' })
      .expect(503);
    expect(write.body.error.code).toBe('STORE_UNAVAILABLE');
  });
});
